// Booth applications as a story: a producer applies to a fair for itself (staff file one for a
// household that does not use the web), before the deadline unless an organiser files it, with
// its own products; organisers approve, waitlist or reject it with a reason, with the support
// and priority the fair's policy gives; the producer can withdraw. Who may do what is decided
// here; the transactions that keep the rules under races are in applications.repository.ts.
import type { ApplicationCreate, ApplicationDecision, ApplicationDto, ApplicationStatus } from '../../contracts/booths.ts';
import type { FieldError } from '../../contracts/common.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import type { FactPublisher, OutgoingFact } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { ApplicationsRepository, Decision } from './applications.repository.ts';
import { conflict } from './occupancy.repository.ts';

/**
 * Policy priority: free and subsidised booths go to households the province supports, so they
 * are served first on the waitlist and in allocation unless the organiser sets a priority.
 */
export const DEFAULT_PRIORITY = { none: 0, subsidised: 10, free: 20 } as const;

/**
 * The statuses a decision may be made from. A rejection is final and an approval is not taken
 * back by a rejection, so of two organisers deciding differently at once exactly one wins;
 * deciding the same again changes support, priority or reason.
 */
export const DECIDABLE_FROM: Record<ApplicationDecision['status'], readonly ApplicationStatus[]> = {
  approved: ['submitted', 'waitlisted', 'approved'],
  waitlisted: ['submitted', 'waitlisted'],
  rejected: ['submitted', 'waitlisted'],
};

const invalid = (fields: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', fields.map((f) => f.message).join('; '), { fields });

const isStaff = (user: AuthUser) => user.role === 'organiser' || user.role === 'official';

export function createApplicationsService(deps: { repo: ApplicationsRepository; publisher: FactPublisher; now: () => Date }) {
  const { repo, publisher, now } = deps;
  const publishAll = (facts: OutgoingFact[]) => {
    for (const fact of facts) publisher.publish(fact);
  };

  /** Organisers and officials see every application; a producer its own; drafts are organisers' only. */
  async function assertMayRead(user: AuthUser, id: string) {
    const owner = await repo.ownerOf(id);
    if (!owner || (owner.eventStatus === 'draft' && user.role !== 'organiser')) throw notFound('Application');
    if (!isStaff(user) && !(user.role === 'producer' && user.producerId === owner.producerId))
      throw forbidden("This application is another producer's");
    return owner;
  }

  /** Preferences and products that name what exists and belongs to the producer, within the policy. */
  async function checkInput(input: ApplicationCreate, producerId: string, booths: number): Promise<void> {
    const fields: FieldError[] = [];
    const foreign = await repo.notOwnProducts(producerId, input.productIds);
    if (foreign.length)
      fields.push({
        path: 'productIds',
        message: "Only the producer's own products can be shown at its booth",
        code: 'not_own_product',
        params: { value: foreign[0]! },
      });
    for (const list of ['seekProducerIds', 'avoidProducerIds'] as const) {
      const unknown = await repo.unknownProducers(input.preferences[list]);
      if (unknown.length)
        fields.push({
          path: `preferences.${list}`,
          message: 'No producer has this id',
          code: 'unknown_producer',
          params: { value: unknown[0]! },
        });
    }
    if (input.preferences.booths > booths)
      fields.push({
        path: 'preferences.booths',
        message: `This fair gives at most ${booths} booth(s) to a producer`,
        code: 'too_big',
        params: { maximum: booths },
      });
    if (fields.length) throw invalid(fields);
  }

  return {
    async create(user: AuthUser, eventId: string, input: ApplicationCreate): Promise<ApplicationDto> {
      const at = now();
      const event = await repo.eventOf(eventId);
      let producerId: string;
      if (user.role === 'producer') {
        if (!user.producerId || (input.producerId !== undefined && input.producerId !== user.producerId))
          throw forbidden('A producer applies for itself; organisers file applications for others');
        producerId = user.producerId;
      } else {
        if (input.producerId === undefined)
          throw invalid([{ path: 'producerId', message: 'Say which producer applies', code: 'required' }]);
        producerId = input.producerId;
      }
      if (event.kind !== 'fair') throw conflict('state', 'Only fairs have booths to apply for');
      if (event.status === 'closed') throw conflict('state', 'The fair is closed: it takes no more applications');
      const deadline = event.policy.applicationDeadline;
      if (deadline && at.getTime() > Date.parse(deadline) && user.role !== 'organiser')
        throw new DomainError('CONFLICT', `Applications to this fair closed at ${toIsoInZone(new Date(deadline))}`, {
          fields: [{ path: 'eventId', message: 'Applications are closed', code: 'applications_closed', params: { deadline } }],
          extra: { conflict: 'state' },
        });
      if (!(await repo.producerExists(producerId)))
        throw invalid([{ path: 'producerId', message: 'No producer has this id', code: 'unknown_producer' }]);
      const unique = <T>(ids: T[]) => [...new Set(ids)];
      const cleaned: ApplicationCreate = {
        ...input,
        productIds: unique(input.productIds),
        preferences: {
          ...input.preferences,
          zones: unique(input.preferences.zones),
          types: unique(input.preferences.types),
          seekProducerIds: unique(input.preferences.seekProducerIds).filter((id) => id !== producerId),
          avoidProducerIds: unique(input.preferences.avoidProducerIds).filter((id) => id !== producerId),
        },
      };
      await checkInput(cleaned, producerId, event.policy.boothsPerProducer);
      const { application, facts } = await repo.create({
        eventId,
        producerId,
        preferences: cleaned.preferences,
        productIds: cleaned.productIds,
        note: cleaned.note,
        actorId: user.id,
        now: at,
      });
      publishAll(facts);
      return application;
    },

    /** Organisers and officials: all (or one status); a producer: its own. */
    list(user: AuthUser, eventId: string, status?: ApplicationStatus): Promise<ApplicationDto[]> {
      if (isStaff(user)) return repo.list(eventId, status ? { status } : {}, now());
      if (user.role !== 'producer' || !user.producerId) throw forbidden('Applications are for organisers and their producers');
      return repo.list(eventId, { ...(status ? { status } : {}), producerId: user.producerId }, now());
    },

    async get(user: AuthUser, id: string): Promise<ApplicationDto> {
      await assertMayRead(user, id);
      return repo.one(id, now());
    },

    async decide(user: AuthUser, id: string, body: ApplicationDecision): Promise<ApplicationDto> {
      const decision: Decision = {
        status: body.status,
        from: DECIDABLE_FROM[body.status],
        expected: body.expectedStatus,
        reason: body.reason,
        support: body.support,
        priority: (stored) =>
          body.priority ??
          (body.support !== undefined && body.support !== stored.support ? DEFAULT_PRIORITY[body.support] : stored.priority),
      };
      const { application, facts } = await repo.decide({ id, decision, actorId: user.id, now: now() });
      publishAll(facts);
      return application;
    },

    /** The producer itself, or an organiser for it. */
    async withdraw(user: AuthUser, id: string): Promise<ApplicationDto> {
      const owner = await assertMayRead(user, id);
      if (user.role !== 'organiser' && user.producerId !== owner.producerId)
        throw forbidden("This application is another producer's");
      const { application, facts } = await repo.withdraw({ id, actorId: user.id, now: now() });
      publishAll(facts);
      return application;
    },
  };
}
export type ApplicationsService = ReturnType<typeof createApplicationsService>;
