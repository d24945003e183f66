// Sessions of an event: reading them with their slots, their settings (organisers), and the
// buyers taking part with their representatives and blocked slots (organisers, or the buyer
// itself for its own line).
import type { SessionDto } from '../../contracts/events.ts';
import {
  sessionRuleErrors,
  type SessionBuyerAvailabilityDto,
  type SessionBuyerBody,
  type SessionInput,
  type SessionPatch,
} from '../../contracts/matchmaking.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import type { FactPublisher, OutgoingFact } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { EventsService } from '../events/events.service.ts';
import type { MatchmakingRepository, SessionDetailRow } from './matchmaking.repository.ts';
import { blockedSlotIdsOf } from './placement.ts';
import { breaksOf, slotsWithFreeSeat } from './slots.ts';

const iso = (d: Date | null) => (d ? toIsoInZone(d) : null);

export function toSessionDto(s: SessionDetailRow): SessionDto {
  return {
    id: s.id,
    eventId: s.eventId,
    name: s.name,
    startsAt: toIsoInZone(s.startsAt),
    endsAt: toIsoInZone(s.endsAt),
    slotMinutes: s.slotMinutes,
    tableCount: s.tableCount,
    maxMeetingsPerProducer: s.maxMeetingsPerProducer,
    slots: s.slots.map((slot) => ({ id: slot.id, startsAt: toIsoInZone(slot.startsAt), endsAt: toIsoInZone(slot.endsAt) })),
    breaks: breaksOf(s.breaks).map(([from, to]) => ({ startsAt: toIsoInZone(from), endsAt: toIsoInZone(to) })),
    bookingMode: s.bookingMode === 'request' ? 'request' : 'instant',
    bookingOpensAt: iso(s.bookingOpensAt),
    bookingClosesAt: iso(s.bookingClosesAt),
    maxMeetingsPerBuyer: s.maxMeetingsPerBuyer,
    maxPendingPerProducer: s.maxPendingPerProducer,
    requestTtlMinutes: s.requestTtlMinutes,
    sameProvincePairs: s.sameProvincePairs,
  };
}

export function createMatchmakingService(deps: {
  repo: MatchmakingRepository;
  events?: EventsService;
  publisher?: FactPublisher;
  now?: () => Date;
}) {
  const { repo } = deps;
  const publishAll = (facts: OutgoingFact[]) => {
    for (const fact of facts) deps.publisher?.publish(fact);
  };
  const now = deps.now ?? (() => new Date());

  async function visible(user: AuthUser, sessionId: string): Promise<SessionDetailRow> {
    const session = await repo.findSession(sessionId);
    if (!session) throw notFound('Session');
    if (deps.events) await deps.events.findVisible(user, session.eventId);
    return session;
  }

  return {
    async sessionsOfEvent(eventId: string): Promise<SessionDto[]> {
      return (await repo.sessionsOfEvent(eventId)).map(toSessionDto);
    },

    async get(user: AuthUser, sessionId: string): Promise<SessionDto> {
      return toSessionDto(await visible(user, sessionId));
    },

    async create(user: AuthUser, eventId: string, input: SessionInput): Promise<SessionDto> {
      const { id, facts } = await repo.createSession(eventId, input, user.id);
      publishAll(facts);
      return toSessionDto((await repo.findSession(id))!);
    },

    /** The patch's own rules were checked by its schema; here, merged with what is stored. */
    async update(user: AuthUser, sessionId: string, patch: SessionPatch, current: SessionDto): Promise<SessionDto> {
      const errors = sessionRuleErrors({ ...current, ...patch });
      if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', errors[0]!.message, { fields: errors });
      const { facts } = await repo.updateSession(sessionId, patch, user.id);
      publishAll(facts);
      return toSessionDto((await repo.findSession(sessionId))!);
    },

    /** The buyers of a session, each with the slots where one of its representatives is free. */
    async buyers(user: AuthUser, sessionId: string): Promise<SessionBuyerAvailabilityDto[]> {
      const session = await visible(user, sessionId);
      const [rows, used] = await Promise.all([repo.sessionBuyers(sessionId), repo.seatsUsed(sessionId)]);
      const usedBy = new Map(used.map((u) => [`${u.buyerId} ${u.activeSlotId}`, u._count._all]));
      const at = now().getTime();
      const upcoming = session.slots.filter((s) => s.startsAt.getTime() > at).map((s) => s.id);
      return rows.map((r) => {
        const blocked = blockedSlotIdsOf(r.blockedSlotIds);
        return {
          buyerId: r.buyerId,
          buyerName: r.buyer.name,
          representatives: r.representatives,
          blockedSlotIds: blocked,
          freeSlotIds: slotsWithFreeSeat(
            upcoming,
            { representatives: r.representatives, blockedSlotIds: new Set(blocked) },
            (id) => usedBy.get(`${r.buyerId} ${id}`) ?? 0,
          ),
        };
      });
    },

    async setBuyer(
      user: AuthUser,
      sessionId: string,
      buyerId: string,
      body: SessionBuyerBody,
    ): Promise<SessionBuyerAvailabilityDto> {
      if (user.role !== 'organiser' && user.buyerId !== buyerId) throw forbidden('A buyer sets its own attendance only');
      await visible(user, sessionId);
      const { facts } = await repo.setSessionBuyer({ sessionId, buyerId, ...body, actorId: user.id });
      publishAll(facts);
      return (await this.buyers(user, sessionId)).find((b) => b.buyerId === buyerId)!;
    },

    async removeBuyer(user: AuthUser, sessionId: string, buyerId: string): Promise<void> {
      if (user.role !== 'organiser' && user.buyerId !== buyerId) throw forbidden('A buyer withdraws itself only');
      await visible(user, sessionId);
      const { facts } = await repo.removeSessionBuyer({ sessionId, buyerId, actorId: user.id });
      publishAll(facts);
    },
  };
}
export type MatchmakingService = ReturnType<typeof createMatchmakingService>;
