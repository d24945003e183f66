// Agreements signed at a conference: memoranda and contracts between two organisations of
// different provinces, with their value in VND and the products concerned, confirmed by both
// sides (each agreeing to one version of the terms), listed in the ceremony's order. A confirmed
// agreement is a deal on the dashboard (dashboard/projection.ts).
import type {
  AgreementConfirm,
  AgreementDto,
  AgreementInput,
  AgreementPatch,
  AgreementPublicDto,
  AgreementSide,
  PartyKind,
} from '../../contracts/conferences.ts';
import type { FieldError } from '../../contracts/common.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { buyerAudience, producerAudience, type FactPublisher } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { AgreementRow, ConferenceRow, ConferencesRepository, Tx } from './conferences.repository.ts';
import { agreementNameIds, toAgreementDto, toAgreementPublic } from './conference-view.ts';
import { closedConflict, invalid, managesProvince, provincesOf, type ConferencesService } from './conferences.service.ts';

type Change = 'created' | 'updated' | 'confirmed' | 'withdrawn';

const sideOf = (row: AgreementRow, side: AgreementSide) =>
  side === 'a'
    ? { kind: row.partyAKind as PartyKind, id: row.partyAId, provinceId: row.partyAProvinceId }
    : { kind: row.partyBKind as PartyKind, id: row.partyBId, provinceId: row.partyBProvinceId };

/** The side of the agreement this user's own organisation is, if any. */
function ownSide(user: Pick<AuthUser, 'role' | 'producerId' | 'buyerId'>, row: AgreementRow): AgreementSide | null {
  for (const side of ['a', 'b'] as const) {
    const p = sideOf(row, side);
    if (p.kind === 'producer' && user.role === 'producer' && user.producerId === p.id) return side;
    if (p.kind === 'buyer' && user.role === 'buyer' && user.buyerId === p.id) return side;
  }
  return null;
}

/** Organisers of the host province or of either party's province manage an agreement. */
const managesAgreement = (user: AuthUser, c: ConferenceRow, provinceIds: string[]) =>
  [c.hostProvince.id, ...provinceIds].some((p) => managesProvince(user, p));

function stateConflict(message: string, path = 'agreementId', code = 'agreement_withdrawn'): DomainError {
  return new DomainError('CONFLICT', message, { fields: [{ path, message, code }], extra: { conflict: 'state' } });
}

export function createAgreementsService(deps: {
  repo: ConferencesRepository;
  conferences: ConferencesService;
  publisher: FactPublisher;
  now: () => Date;
}) {
  const { repo, conferences, publisher, now } = deps;

  async function dtosOf(rows: AgreementRow[], c: ConferenceRow, db?: Tx): Promise<AgreementDto[]> {
    const names = await repo.names(db ?? repo.prisma, agreementNameIds(rows));
    return rows.map((r) => toAgreementDto(r, names, c.timeZone));
  }

  /** Everyone signed in reads who signs what; the value and products only staff and the two parties. */
  function viewFor(user: AuthUser, row: AgreementRow, dto: AgreementDto): AgreementDto | AgreementPublicDto {
    if (user.role === 'organiser' || user.role === 'official' || ownSide(user, row)) return dto;
    return toAgreementPublic(dto);
  }

  async function logChange(tx: Tx, user: AuthUser, c: ConferenceRow, row: AgreementRow, change: Change) {
    const [dto] = await dtosOf([row], c, tx);
    const audienceOf = (side: AgreementSide) => {
      const p = sideOf(row, side);
      return p.kind === 'producer' ? producerAudience(p.id) : buyerAudience(p.id);
    };
    const fact = await repo.appendFact(tx, {
      type: 'agreement:changed',
      eventId: c.id,
      actorId: user.id,
      actorIsStaff: user.role === 'organiser',
      data: { change, agreement: toAgreementPublic(dto!) },
      private: { audience: [audienceOf('a'), audienceOf('b')], data: { change, agreement: dto! } },
    });
    return { dto: dto!, fact };
  }

  /** Checks the products: each one of a producer among the parties; 400 naming the ones that are not. */
  async function checkProducts(tx: Tx, productIds: string[], producerIds: string[]) {
    const names = await repo.names(tx, { products: productIds });
    const fields: FieldError[] = [];
    productIds.forEach((id, i) => {
      const p = names.products.get(id);
      if (!p) fields.push({ path: `productIds.${i}`, message: `No product has the id ${id}`, code: 'not_found' });
      else if (!producerIds.includes(p.producerId))
        fields.push({
          path: `productIds.${i}`,
          message: `${p.name} is not a product of a producer signing this agreement`,
          code: 'not_of_party',
        });
    });
    if (fields.length) throw invalid(fields);
  }

  /** The agreement in its conference, its row held to the commit, with the conference open. */
  async function locked(tx: Tx, user: AuthUser, agreementId: string) {
    const found = await repo.agreement(agreementId, tx);
    if (!found) throw notFound('Agreement');
    const c = await conferences.conference(user, found.eventId, tx);
    const row = await repo.lockedAgreement(tx, agreementId);
    if (!row) throw notFound('Agreement');
    closedConflict(c);
    return { c, row };
  }

  async function run(
    work: (tx: Tx) => Promise<{ dto: AgreementDto; fact: Awaited<ReturnType<typeof logChange>>['fact'] | null }>,
  ) {
    const { dto, fact } = await repo.transaction(work);
    if (fact) publisher.publish(fact);
    return dto;
  }

  return {
    async list(user: AuthUser, eventId: string, status?: string): Promise<(AgreementDto | AgreementPublicDto)[]> {
      const c = await conferences.conference(user, eventId);
      const rows = await repo.agreements(eventId, status);
      const dtos = await dtosOf(rows, c);
      return rows.map((r, i) => viewFor(user, r, dtos[i]!));
    },

    async get(user: AuthUser, agreementId: string): Promise<AgreementDto | AgreementPublicDto> {
      const row = await repo.agreement(agreementId);
      if (!row) throw notFound('Agreement');
      const c = await conferences.conference(user, row.eventId);
      const [dto] = await dtosOf([row], c);
      return viewFor(user, row, dto!);
    },

    /** Organisers (of the host or either party's province) or a party's own users draw one up. */
    create(user: AuthUser, eventId: string, input: AgreementInput): Promise<AgreementDto> {
      return run(async (tx) => {
        const c = await conferences.conference(user, eventId, tx);
        closedConflict(c);
        const parties = await repo.organisations(tx, [input.partyA, input.partyB]);
        const find = (ref: { kind: PartyKind; id: string }) => parties.find((p) => p.kind === ref.kind && p.id === ref.id);
        const a = find(input.partyA);
        const b = find(input.partyB);
        const missing: FieldError[] = [];
        if (!a)
          missing.push({
            path: 'partyA.id',
            message: `No ${input.partyA.kind} has the id ${input.partyA.id}`,
            code: 'not_found',
          });
        if (!b)
          missing.push({
            path: 'partyB.id',
            message: `No ${input.partyB.kind} has the id ${input.partyB.id}`,
            code: 'not_found',
          });
        if (missing.length) throw invalid(missing);
        const inConference = provincesOf(c);
        const fields: FieldError[] = [];
        for (const [path, p] of [
          ['partyA.id', a!],
          ['partyB.id', b!],
        ] as const)
          if (!inConference.includes(p.provinceId))
            fields.push({
              path,
              message: `${p.name} is of a province that takes no part in this conference`,
              code: 'not_in_conference',
            });
        if (a!.kind === b!.kind && a!.id === b!.id)
          fields.push({ path: 'partyB.id', message: 'An agreement is signed by two organisations', code: 'same_party' });
        else if (a!.provinceId === b!.provinceId)
          fields.push({
            path: 'partyB.id',
            message: 'Agreements at this conference are signed between organisations of different provinces',
            code: 'same_province',
            params: { provinceId: a!.provinceId },
          });
        if (fields.length) throw invalid(fields);
        const asParty =
          (user.role === 'producer' && [a, b].some((p) => p!.kind === 'producer' && p!.id === user.producerId)) ||
          (user.role === 'buyer' && [a, b].some((p) => p!.kind === 'buyer' && p!.id === user.buyerId));
        if (!asParty && !managesAgreement(user, c, [a!.provinceId, b!.provinceId]))
          throw forbidden("Agreements are drawn up by the organisers of the parties' provinces or of the host, or by a party");
        const productIds = [...new Set(input.productIds)];
        await checkProducts(
          tx,
          productIds,
          [a!, b!].filter((p) => p.kind === 'producer').map((p) => p.id),
        );
        await repo.lockEvent(tx, eventId);
        const row = await repo.createAgreement(tx, {
          eventId,
          kind: input.kind,
          title: input.title,
          partyAKind: a!.kind,
          partyAId: a!.id,
          partyAProvinceId: a!.provinceId,
          partyBKind: b!.kind,
          partyBId: b!.id,
          partyBProvinceId: b!.provinceId,
          valueVnd: BigInt(input.valueVnd),
          productIds: JSON.stringify(productIds),
          signingOrder: input.signingOrder ?? (await repo.nextSigningOrder(tx, eventId)),
          createdById: user.id,
          partyAConfirmedAt: null,
          partyAConfirmedBy: null,
          partyBConfirmedAt: null,
          partyBConfirmedBy: null,
        });
        return logChange(tx, user, c, row, 'created');
      });
    },

    /**
     * Changes the terms (a new version: both sides confirm again) or the turn at the ceremony
     * (the confirmations stand). A withdrawn agreement no longer changes.
     */
    change(user: AuthUser, agreementId: string, patch: AgreementPatch): Promise<AgreementDto> {
      return run(async (tx) => {
        const { c, row } = await locked(tx, user, agreementId);
        if (!ownSide(user, row) && !managesAgreement(user, c, [row.partyAProvinceId, row.partyBProvinceId]))
          throw forbidden("Agreements are changed by the organisers of the parties' provinces or of the host, or by a party");
        if (row.status === 'withdrawn') throw stateConflict('This agreement was withdrawn: it no longer changes');
        if (patch.productIds)
          await checkProducts(
            tx,
            [...new Set(patch.productIds)],
            (['a', 'b'] as const)
              .map((s) => sideOf(row, s))
              .filter((p) => p.kind === 'producer')
              .map((p) => p.id),
          );
        const terms = {
          ...(patch.kind !== undefined && patch.kind !== row.kind ? { kind: patch.kind } : {}),
          ...(patch.title !== undefined && patch.title !== row.title ? { title: patch.title } : {}),
          ...(patch.valueVnd !== undefined && BigInt(patch.valueVnd) !== row.valueVnd
            ? { valueVnd: BigInt(patch.valueVnd) }
            : {}),
          ...(patch.productIds !== undefined && JSON.stringify([...new Set(patch.productIds)]) !== row.productIds
            ? { productIds: JSON.stringify([...new Set(patch.productIds)]) }
            : {}),
        };
        const termsChanged = Object.keys(terms).length > 0;
        if (!termsChanged && (patch.signingOrder === undefined || patch.signingOrder === row.signingOrder)) {
          const [dto] = await dtosOf([row], c, tx);
          return { dto: dto!, fact: null };
        }
        const updated = await repo.updateAgreement(tx, row.id, row.version, {
          ...terms,
          ...(patch.signingOrder !== undefined ? { signingOrder: patch.signingOrder } : {}),
          ...(termsChanged
            ? {
                version: row.version + 1,
                status: 'pending',
                partyAConfirmedAt: null,
                partyAConfirmedBy: null,
                partyBConfirmedAt: null,
                partyBConfirmedBy: null,
              }
            : {}),
        });
        if (!updated) throw stateConflict('This agreement changed meanwhile: read it again', 'version', 'version_changed');
        return logChange(tx, user, c, updated, 'updated');
      });
    },

    /**
     * A side agrees to the terms of one version: a party's own user for its side, an organiser
     * of that side's province (or the host's) for it. Both sides confirmed: the agreement is.
     */
    confirm(user: AuthUser, agreementId: string, body: AgreementConfirm): Promise<AgreementDto> {
      return run(async (tx) => {
        const { c, row } = await locked(tx, user, agreementId);
        const own = ownSide(user, row);
        let side: AgreementSide;
        if (user.role === 'organiser') {
          if (!body.side) throw invalid([{ path: 'side', message: 'Say which side (a or b) you confirm for', code: 'required' }]);
          side = body.side;
          if (!managesProvince(user, sideOf(row, side).provinceId) && !managesProvince(user, c.hostProvince.id))
            throw forbidden("An organiser confirms for a party of their own province, or for any as the host's");
        } else {
          if (!own || (body.side && body.side !== own)) throw forbidden('A party confirms only its own side of an agreement');
          side = own;
        }
        if (row.status === 'withdrawn') throw stateConflict('This agreement was withdrawn: it can no longer be confirmed');
        if (body.version !== row.version)
          throw new DomainError('CONFLICT', 'The terms changed since you read them: read them again before confirming', {
            fields: [
              {
                path: 'version',
                message: 'The terms changed since you read them',
                code: 'version_changed',
                params: { version: row.version },
              },
            ],
            extra: { conflict: 'version' },
          });
        const confirmedAt = side === 'a' ? row.partyAConfirmedAt : row.partyBConfirmedAt;
        if (confirmedAt) {
          const [dto] = await dtosOf([row], c, tx);
          return { dto: dto!, fact: null };
        }
        const other = side === 'a' ? row.partyBConfirmedAt : row.partyAConfirmedAt;
        const at = now();
        const updated = await repo.updateAgreement(tx, row.id, row.version, {
          ...(side === 'a'
            ? { partyAConfirmedAt: at, partyAConfirmedBy: user.id }
            : { partyBConfirmedAt: at, partyBConfirmedBy: user.id }),
          ...(other ? { status: 'confirmed' } : {}),
        });
        if (!updated) throw stateConflict('This agreement changed meanwhile: read it again', 'version', 'version_changed');
        return logChange(tx, user, c, updated, 'confirmed');
      });
    },

    /** Organisers withdraw an agreement at any time; a party while it awaits confirmation. */
    withdraw(user: AuthUser, agreementId: string): Promise<AgreementDto> {
      return run(async (tx) => {
        const { c, row } = await locked(tx, user, agreementId);
        const staff = managesAgreement(user, c, [row.partyAProvinceId, row.partyBProvinceId]);
        if (!staff && !ownSide(user, row))
          throw forbidden("Agreements are withdrawn by the organisers of the parties' provinces or of the host, or by a party");
        if (row.status === 'withdrawn') {
          const [dto] = await dtosOf([row], c, tx);
          return { dto: dto!, fact: null };
        }
        if (!staff && row.status === 'confirmed')
          throw stateConflict(
            'Both sides confirmed this agreement: only an organiser may withdraw it now',
            'agreementId',
            'agreement_confirmed',
          );
        const updated = await repo.updateAgreement(tx, row.id, row.version, { status: 'withdrawn' });
        if (!updated) throw stateConflict('This agreement changed meanwhile: read it again', 'version', 'version_changed');
        return logChange(tx, user, c, updated, 'withdrawn');
      });
    },
  };
}
export type AgreementsService = ReturnType<typeof createAgreementsService>;
