// Rows of the conference module as the API answers them: whole, or without what only some may
// read (a delegation's contacts; an agreement's value and products).
import type {
  AgendaItemDto,
  AgreementDto,
  AgreementPublicDto,
  AgreementSide,
  DelegationDto,
  DelegationMemberDto,
  PartyKind,
} from '../../contracts/conferences.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import type { AgendaRow, AgreementRow, ConferenceRow, DelegationRow, Names } from './conferences.repository.ts';

const nameOf = (map: Map<string, string>, id: string) => map.get(id) ?? '';

export function toAgendaDto(row: AgendaRow, names: Pick<Names, 'provinces'>, timeZone: string): AgendaItemDto {
  return {
    id: row.id,
    eventId: row.eventId,
    kind: row.kind as AgendaItemDto['kind'],
    title: row.title,
    startsAt: toIsoInZone(row.startsAt, timeZone),
    endsAt: toIsoInZone(row.endsAt, timeZone),
    place: row.place,
    speakers: JSON.parse(row.speakers) as AgendaItemDto['speakers'],
    province: row.provinceId ? { id: row.provinceId, name: nameOf(names.provinces, row.provinceId) } : null,
  };
}

interface StoredMember {
  name: string;
  title: string;
  organisation: string;
  phone: string;
  email: string;
}

export const roleIn = (conference: ConferenceRow, provinceId: string): 'host' | 'partner' =>
  conference.hostProvince.id === provinceId ? 'host' : 'partner';

/** A delegation; members' phones and e-mails only `withContacts`. */
export function toDelegationDto(
  row: DelegationRow,
  conference: ConferenceRow,
  names: Names,
  withContacts: boolean,
): DelegationDto {
  const members = (JSON.parse(row.members) as StoredMember[]).map((m): DelegationMemberDto =>
    withContacts
      ? { name: m.name, title: m.title, organisation: m.organisation, phone: m.phone, email: m.email }
      : { name: m.name, title: m.title, organisation: m.organisation },
  );
  const of = (kind: PartyKind, map: Map<string, string>) =>
    row.organisations
      .filter((o) => o.kind === kind)
      .map((o) => ({ id: o.organisationId, name: nameOf(map, o.organisationId) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return {
    id: row.id,
    eventId: row.eventId,
    province: { id: row.provinceId, name: nameOf(names.provinces, row.provinceId) },
    role: roleIn(conference, row.provinceId),
    leader: { name: row.leaderName, title: row.leaderTitle },
    members,
    producers: of('producer', names.producers),
    buyers: of('buyer', names.buyers),
    note: row.note,
    updatedAt: toIsoInZone(row.updatedAt, conference.timeZone),
  };
}

/** The ids an agreement's DTO names, for Names. */
export const agreementNameIds = (rows: AgreementRow[]) => ({
  provinces: rows.flatMap((r) => [r.partyAProvinceId, r.partyBProvinceId]),
  producers: rows.flatMap((r) =>
    [r.partyAKind === 'producer' ? r.partyAId : [], r.partyBKind === 'producer' ? r.partyBId : []].flat(),
  ),
  buyers: rows.flatMap((r) => [r.partyAKind === 'buyer' ? r.partyAId : [], r.partyBKind === 'buyer' ? r.partyBId : []].flat()),
  products: rows.flatMap((r) => JSON.parse(r.productIds) as string[]),
});

export function toAgreementDto(row: AgreementRow, names: Names, timeZone: string): AgreementDto {
  const party = (side: AgreementSide) => {
    const kind = (side === 'a' ? row.partyAKind : row.partyBKind) as PartyKind;
    const id = side === 'a' ? row.partyAId : row.partyBId;
    const provinceId = side === 'a' ? row.partyAProvinceId : row.partyBProvinceId;
    const confirmedAt = side === 'a' ? row.partyAConfirmedAt : row.partyBConfirmedAt;
    return {
      side,
      kind,
      id,
      name: nameOf(kind === 'producer' ? names.producers : names.buyers, id),
      province: { id: provinceId, name: nameOf(names.provinces, provinceId) },
      confirmedAt: confirmedAt ? toIsoInZone(confirmedAt, timeZone) : null,
    };
  };
  return {
    id: row.id,
    eventId: row.eventId,
    kind: row.kind as AgreementDto['kind'],
    title: row.title,
    parties: [party('a'), party('b')],
    valueVnd: Number(row.valueVnd),
    products: (JSON.parse(row.productIds) as string[]).map((id) => ({
      id,
      name: names.products.get(id)?.name ?? '',
      category: names.products.get(id)?.category ?? 'other',
    })),
    signingOrder: row.signingOrder,
    status: row.status as AgreementDto['status'],
    version: row.version,
    createdAt: toIsoInZone(row.createdAt, timeZone),
    updatedAt: toIsoInZone(row.updatedAt, timeZone),
  };
}

export function toAgreementPublic(dto: AgreementDto): AgreementPublicDto {
  const { valueVnd: _value, products: _products, ...rest } = dto;
  return rest;
}
