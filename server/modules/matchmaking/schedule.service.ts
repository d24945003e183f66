// The automatic schedule, as people use it: producers and buyers keep ranked wish lists of whom
// they want to meet; an organiser generates a proposal from them (solver in ./schedule/: a MIP
// with HiGHS under a time cap, the greedy pass as baseline and fallback), reviews why each
// meeting is there and how far the result is from the solver's bound, and publishes it. Publishing
// books through the same placement as any booking, in chunks, so every rule holds against
// bookings made since the proposal; what a rule now refuses is skipped and reported with why.
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { orConflict } from '../../conflicts.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import type {
  ProposedMeetingDto,
  PublishedMeetingDto,
  ScheduleProposalDto,
  SkippedMeetingDto,
  WishDto,
  WishesBody,
  WishSide,
} from '../../contracts/schedule.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { MatchmakingDeps } from './deps.ts';
import { crossProvinceOnly, meetingConflict } from './placement.ts';
import type { ScheduleInput } from './schedule/model.ts';
import { createScheduleRepository, type StoredMeeting } from './schedule/schedule.repository.ts';
import { solveScheduleOffThread } from './schedule/off-thread.ts';
import type { ScheduleFigures } from './schedule/solve.ts';

/** Meetings booked per transaction when a proposal is published. */
export const PUBLISH_CHUNK = 25;
/** The solver's time cap when the organiser names none, in seconds. */
export const DEFAULT_TIME_LIMIT_S = 5;

interface StoredBody {
  meetings: StoredMeeting[];
  figures: ScheduleFigures;
  published?: { booked: PublishedMeetingDto[]; skipped: SkippedMeetingDto[] } | null;
}

const invalid = (path: string, code: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ path, message, code }] });

export function createScheduleService(deps: MatchmakingDeps) {
  const repo = createScheduleRepository(deps.prisma, deps.provider);

  async function visibleSession(user: AuthUser, sessionId: string) {
    const session = await repo.findSession(sessionId);
    if (!session) throw notFound('Session');
    await deps.events.findVisible(user, session.eventId);
    return session;
  }

  const closedEvent = (status: string) => {
    if (status === 'closed')
      throw meetingConflict('state', 'The event is closed: its meetings no longer change', {
        path: 'sessionId',
        code: 'event_closed',
      });
  };

  async function wishDtos(rows: { side: string; producerId: string; buyerId: string; rank: number }[]): Promise<WishDto[]> {
    const names = await repo.namesOf(
      rows.map((r) => r.producerId),
      rows.map((r) => r.buyerId),
    );
    return rows.map((r) => ({
      side: r.side as WishSide,
      producerId: r.producerId,
      producerName: names.producers.get(r.producerId) ?? '',
      buyerId: r.buyerId,
      buyerName: names.buyers.get(r.buyerId) ?? '',
      rank: r.rank,
    }));
  }

  /** Whose list a PUT replaces, as the caller may name it. */
  function listOwner(user: AuthUser, body: WishesBody): { side: WishSide; ownerId: string; otherIds: string[]; path: string } {
    const producerList = (ownerId: string) => {
      if (body.producerIds !== undefined)
        throw invalid('producerIds', 'wrong_wish_list', "A producer's wish list names buyers (buyerIds)");
      if (body.buyerIds === undefined)
        throw invalid('buyerIds', 'required', 'Send the buyers wanted, most wanted first (buyerIds)');
      return { side: 'producer' as const, ownerId, otherIds: body.buyerIds, path: 'buyerIds' };
    };
    const buyerList = (ownerId: string) => {
      if (body.buyerIds !== undefined)
        throw invalid('buyerIds', 'wrong_wish_list', "A buyer's wish list names producers (producerIds)");
      if (body.producerIds === undefined)
        throw invalid('producerIds', 'required', 'Send the producers wanted, most wanted first (producerIds)');
      return { side: 'buyer' as const, ownerId, otherIds: body.producerIds, path: 'producerIds' };
    };
    if (user.role === 'producer') {
      if (!user.producerId) throw forbidden('This account is not linked to a producer');
      if ((body.producerId && body.producerId !== user.producerId) || body.buyerId)
        throw forbidden('A producer sets its own wish list only');
      return producerList(user.producerId);
    }
    if (user.role === 'buyer') {
      if (!user.buyerId) throw forbidden('This account is not linked to a buyer');
      if ((body.buyerId && body.buyerId !== user.buyerId) || body.producerId)
        throw forbidden('A buyer sets its own wish list only');
      return buyerList(user.buyerId);
    }
    if (body.producerId && !body.buyerId) return producerList(body.producerId);
    if (body.buyerId && !body.producerId) return buyerList(body.buyerId);
    throw invalid(
      'producerId',
      'wish_owner_required',
      'Name whose wish list this is: producerId (with buyerIds) or buyerId (with producerIds)',
    );
  }

  async function proposalDto(proposalId: string): Promise<ScheduleProposalDto> {
    const row = await repo.findProposal(proposalId);
    if (!row) throw notFound('Schedule proposal');
    const body = JSON.parse(row.body) as StoredBody;
    const { slots } = await repo.scheduleInputs(row.sessionId);
    const slotById = new Map(slots.map((s) => [s.id, s]));
    const names = await repo.namesOf(
      body.meetings.map((m) => m.producerId),
      body.meetings.map((m) => m.buyerId),
    );
    // A proposal's slots vanish only when the session is re-timed, which discards the proposal:
    // its meetings in slots that are gone are no longer anywhere, and are not listed.
    const meetings: ProposedMeetingDto[] = body.meetings.flatMap((m) => {
      const slot = slotById.get(m.slotId);
      if (!slot) return [];
      return {
        producerId: m.producerId,
        producerName: names.producers.get(m.producerId) ?? '',
        buyerId: m.buyerId,
        buyerName: names.buyers.get(m.buyerId) ?? '',
        slotId: m.slotId,
        startsAt: toIsoInZone(slot.startsAt),
        endsAt: toIsoInZone(slot.endsAt),
        tableNumber: m.tableNumber,
        reasons: m.reasons as ProposedMeetingDto['reasons'],
      };
    });
    return {
      id: row.id,
      sessionId: row.sessionId,
      eventId: row.session.eventId,
      status: row.status as ScheduleProposalDto['status'],
      createdAt: toIsoInZone(row.createdAt),
      publishedAt: row.publishedAt ? toIsoInZone(row.publishedAt) : null,
      meetings,
      figures: body.figures,
      published: body.published ?? null,
    };
  }

  return {
    /** A producer's or buyer's own wishes; all of the session's for organisers. */
    async listWishes(user: AuthUser, sessionId: string, query: { producerId?: string; buyerId?: string }): Promise<WishDto[]> {
      await visibleSession(user, sessionId);
      if (user.role === 'producer') {
        if (!user.producerId) throw forbidden('This account is not linked to a producer');
        return wishDtos(await repo.wishes(sessionId, { ...query, side: 'producer', producerId: user.producerId }));
      }
      if (user.role === 'buyer') {
        if (!user.buyerId) throw forbidden('This account is not linked to a buyer');
        return wishDtos(await repo.wishes(sessionId, { ...query, side: 'buyer', buyerId: user.buyerId }));
      }
      return wishDtos(await repo.wishes(sessionId, query));
    },

    /** Replaces one party's ranked wish list; answers that list as it now stands. */
    async setWishes(user: AuthUser, sessionId: string, body: WishesBody): Promise<WishDto[]> {
      const session = await visibleSession(user, sessionId);
      closedEvent(session.event.status);
      const { side, ownerId, otherIds, path } = listOwner(user, body);
      const seen = new Set<string>();
      otherIds.forEach((id, i) => {
        if (seen.has(id)) throw invalid(`${path}.${i}`, 'duplicate_wish', 'Each is named once; the order is the rank');
        seen.add(id);
      });
      if (side === 'producer') {
        if ((await repo.producersExisting([ownerId])).size === 0)
          throw invalid('producerId', 'unknown_producer', 'No producer has this id');
        const taking = await repo.buyersInSession(sessionId, otherIds);
        const i = otherIds.findIndex((id) => !taking.has(id));
        if (i >= 0) throw invalid(`buyerIds.${i}`, 'buyer_not_in_session', 'This buyer does not take part in this session');
      } else {
        if ((await repo.buyersInSession(sessionId, [ownerId])).size === 0)
          throw invalid(
            user.role === 'organiser' ? 'buyerId' : 'sessionId',
            'buyer_not_in_session',
            'This buyer does not take part in this session',
          );
        const known = await repo.producersExisting(otherIds);
        const i = otherIds.findIndex((id) => !known.has(id));
        if (i >= 0) throw invalid(`producerIds.${i}`, 'unknown_producer', 'No producer has this id');
      }
      await repo.replaceWishes({ sessionId, eventId: session.eventId, side, ownerId, otherIds, actorId: user.id });
      return wishDtos(
        await repo.wishes(sessionId, side === 'producer' ? { side, producerId: ownerId } : { side, buyerId: ownerId }),
      );
    },

    /** Generates and stores a draft proposal from the session's wishes, slots, tables and bookings. */
    async propose(
      user: AuthUser,
      sessionId: string,
      opts: { timeLimitSeconds?: number | undefined },
    ): Promise<ScheduleProposalDto> {
      const session = await visibleSession(user, sessionId);
      closedEvent(session.event.status);
      const inputs = await repo.scheduleInputs(sessionId);
      const slotIndex = new Map(inputs.slots.map((s, i) => [s.id, i]));
      const producerIds = [
        ...new Set([...inputs.wishes.map((w) => w.producerId), ...inputs.meetings.map((m) => m.producerId)]),
      ].sort();
      const input: ScheduleInput = {
        slotCount: inputs.slots.length,
        tables: inputs.slots.map(() => session.tableCount),
        buyers: inputs.buyers.map((b) => ({
          id: b.buyerId,
          representatives: b.representatives,
          blockedSlots: b.blockedSlotIds.flatMap((id) => (slotIndex.has(id) ? [slotIndex.get(id)!] : [])),
          maxMeetings: session.maxMeetingsPerBuyer,
        })),
        producers: producerIds.map((id) => ({ id, maxMeetings: session.maxMeetingsPerProducer })),
        // At a conference a pair of one province cannot be placed unless the session allows it,
        // and where it may, a pair of two provinces comes first.
        wishes: inputs.wishes.flatMap(({ sameProvince, ...w }) => {
          if (session.event.kind !== 'conference') return [w];
          if (sameProvince && crossProvinceOnly(session.event.kind, session.sameProvincePairs)) return [];
          return [{ ...w, crossProvince: !sameProvince }];
        }),
        booked: inputs.meetings.flatMap((m) =>
          slotIndex.has(m.slotId)
            ? [{ producerId: m.producerId, buyerId: m.buyerId, slotIndex: slotIndex.get(m.slotId)!, tableNumber: m.tableNumber }]
            : [],
        ),
      };
      // Off the server's thread: HiGHS computes synchronously for up to its time cap.
      const result = await solveScheduleOffThread(input, { timeLimitSeconds: opts.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_S });
      const body: StoredBody = {
        meetings: result.meetings.map((m) => ({
          producerId: m.producerId,
          buyerId: m.buyerId,
          slotId: inputs.slots[m.slotIndex]!.id,
          slotIndex: m.slotIndex,
          tableNumber: m.tableNumber,
          reasons: m.reasons,
        })),
        figures: result.figures,
        published: null,
      };
      const f = result.figures;
      const id = await repo.createProposal({
        sessionId,
        eventId: session.eventId,
        body,
        actorId: user.id,
        summary: {
          meetings: f.meetings,
          solver: f.solver,
          status: f.status,
          objective: f.objective,
          bound: f.bound,
          gapPercent: f.gapPercent,
        },
      });
      return proposalDto(id);
    },

    async getProposal(user: AuthUser, proposalId: string): Promise<ScheduleProposalDto> {
      const row = await repo.findProposal(proposalId);
      if (!row) throw notFound('Schedule proposal');
      await deps.events.findVisible(user, row.session.eventId);
      return proposalDto(proposalId);
    },

    /**
     * Books the proposal's meetings, PUBLISH_CHUNK per transaction (yielding between them), each
     * checked by the same placement as a booking; answers what was booked and what was skipped.
     */
    async publish(user: AuthUser, proposalId: string) {
      const row = await repo.findProposal(proposalId);
      if (!row) throw notFound('Schedule proposal');
      await deps.events.findVisible(user, row.session.eventId);
      if (row.status !== 'draft')
        throw meetingConflict('state', 'This proposal is no longer a draft: it was published or discarded', {
          path: 'proposalId',
          code: 'proposal_not_draft',
        });
      const { meetings } = JSON.parse(row.body) as StoredBody;
      const chunks: StoredMeeting[][] = [];
      for (let i = 0; i < meetings.length; i += PUBLISH_CHUNK) chunks.push(meetings.slice(i, i + PUBLISH_CHUNK));
      if (chunks.length === 0) chunks.push([]);
      const booked: PublishedMeetingDto[] = [];
      const skipped: SkippedMeetingDto[] = [];
      for (const [i, chunk] of chunks.entries()) {
        const run = () =>
          repo.publishChunk({
            proposalId,
            sessionId: row.sessionId,
            meetings: chunk,
            first: i === 0,
            last: i === chunks.length - 1,
            actorId: user.id,
            now: deps.now(),
            outcome: (b, s) => ({ booked: [...booked, ...b], skipped: [...skipped, ...s] }),
          });
        let done: Awaited<ReturnType<typeof run>>;
        try {
          done = await run();
        } catch (error) {
          if (error instanceof DomainError) throw error;
          // The unique indexes refused an insert that slipped past the rules (the transaction is
          // void): once more, and placement now sees what took its place and skips it.
          done = await orConflict(run());
        }
        for (const fact of done.facts) deps.publisher.publish(fact);
        booked.push(...done.booked);
        skipped.push(...done.skipped);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { proposal: await proposalDto(proposalId), booked, skipped };
    },
  };
}
export type ScheduleService = ReturnType<typeof createScheduleService>;
