// Who may do what with a meeting or a request, and publishing what changed once it committed.
// A producer books for itself, a buyer for its own side, an organiser for anyone; a meeting or
// request is visible whole only to its producer, its buyer and organisers, and answers 404 to
// anyone else (its existence is private too). The rules of placement live in placement.ts.
import { DomainError, forbidden, notFound } from '../../errors.ts';
import type {
  BookMeetingBody,
  ConfirmOutcomeBody,
  MeetingDto,
  MeetingPublicDto,
  MeetingRequestDto,
  OutcomeBody,
  RequestBody,
} from '../../contracts/matchmaking.ts';
import type { FactPublisher, OutgoingFact } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { EventsService } from '../events/events.service.ts';
import { toMeetingDto, toMeetingPublic, toRequestDto, type MeetingRow, type RequestRow } from './meeting-view.ts';
import type { Actor, MeetingsRepository } from './meetings.repository.ts';
import type { RequestsRepository } from './requests.repository.ts';
import type { MatchmakingRepository } from './matchmaking.repository.ts';

const required = (path: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ path, message, code: 'required' }] });

export function createMeetingsService(deps: {
  meetings: MeetingsRepository;
  requests: RequestsRepository;
  sessions: MatchmakingRepository;
  events: EventsService;
  publisher: FactPublisher;
  now: () => Date;
}) {
  const { meetings, requests, sessions, events, publisher, now } = deps;
  const publishAll = (facts: OutgoingFact[]) => {
    for (const fact of facts) publisher.publish(fact);
  };

  /** The session, if the caller may see its event (404 otherwise). */
  async function visibleSession(user: AuthUser, sessionId: string) {
    const session = await sessions.findSession(sessionId);
    if (!session) throw notFound('Session');
    await events.findVisible(user, session.eventId);
    return session;
  }

  /** Who the caller is to a meeting or request; 404 when it is none of its parties. */
  function actorFor(user: AuthUser, row: { producerId: string; buyerId: string }): Actor {
    if (user.role === 'organiser') return { userId: user.id, side: 'organiser', staff: true };
    if (user.role === 'producer' && user.producerId === row.producerId)
      return { userId: user.id, side: 'producer', staff: false };
    if (user.role === 'buyer' && user.buyerId === row.buyerId) return { userId: user.id, side: 'buyer', staff: false };
    throw notFound('Meeting');
  }

  async function ownMeeting(user: AuthUser, meetingId: string): Promise<{ row: MeetingRow; actor: Actor }> {
    const row = await meetings.get(meetingId);
    if (!row) throw notFound('Meeting');
    await events.findVisible(user, row.eventId);
    return { row, actor: actorFor(user, row) };
  }

  async function ownRequest(user: AuthUser, requestId: string): Promise<{ row: RequestRow; actor: Actor }> {
    const row = await requests.get(requestId);
    if (!row) throw notFound('Request');
    await events.findVisible(user, row.eventId);
    try {
      return { row, actor: actorFor(user, row) };
    } catch {
      throw notFound('Request');
    }
  }

  /** The producer and buyer a booking or request is for, as the caller may name them. */
  function partiesOf(
    user: AuthUser,
    body: { buyerId: string; producerId?: string | undefined },
  ): { producerId: string; buyerId: string; actor: Actor } {
    if (user.role === 'producer') {
      if (!user.producerId) throw forbidden('This account is not linked to a producer');
      if (body.producerId && body.producerId !== user.producerId) throw forbidden('A producer books meetings for itself only');
      return { producerId: user.producerId, buyerId: body.buyerId, actor: { userId: user.id, side: 'producer', staff: false } };
    }
    if (user.role === 'buyer') {
      if (!user.buyerId) throw forbidden('This account is not linked to a buyer');
      if (body.buyerId !== user.buyerId) throw forbidden('A buyer books meetings on its own side only');
      if (!body.producerId) throw required('producerId', 'Name the producer to meet');
      return { producerId: body.producerId, buyerId: body.buyerId, actor: { userId: user.id, side: 'buyer', staff: false } };
    }
    if (user.role === 'organiser') {
      if (!body.producerId) throw required('producerId', 'Name the producer the meeting is for');
      return { producerId: body.producerId, buyerId: body.buyerId, actor: { userId: user.id, side: 'organiser', staff: true } };
    }
    throw forbidden();
  }

  return {
    async book(user: AuthUser, sessionId: string, body: BookMeetingBody): Promise<MeetingDto> {
      const parties = partiesOf(user, body);
      // The session's visibility (a draft event's is the organisers') is checked in the booking's own read.
      const { meeting, facts } = await meetings.book({ sessionId, slotId: body.slotId, ...parties, now: now() });
      publishAll(facts);
      return toMeetingDto(meeting);
    },

    async get(user: AuthUser, meetingId: string): Promise<MeetingDto> {
      return toMeetingDto((await ownMeeting(user, meetingId)).row);
    },

    /** Organisers: every meeting (the grid); producers and buyers: their own; officials: tables taken only. */
    async listForSession(
      user: AuthUser,
      sessionId: string,
      includeCancelled: boolean,
    ): Promise<(MeetingDto | MeetingPublicDto)[]> {
      await visibleSession(user, sessionId);
      if (user.role === 'organiser') return (await meetings.listForSession(sessionId, { includeCancelled })).map(toMeetingDto);
      if (user.role === 'producer' && user.producerId)
        return (await meetings.listForSession(sessionId, { producerId: user.producerId, includeCancelled })).map(toMeetingDto);
      if (user.role === 'buyer' && user.buyerId)
        return (await meetings.listForSession(sessionId, { buyerId: user.buyerId, includeCancelled })).map(toMeetingDto);
      return (await meetings.listForSession(sessionId, {})).map(toMeetingPublic);
    },

    async cancel(user: AuthUser, meetingId: string): Promise<void> {
      const { actor } = await ownMeeting(user, meetingId);
      const { facts } = await meetings.cancel({ meetingId, actor, now: now() });
      publishAll(facts);
    },

    async reschedule(user: AuthUser, meetingId: string, slotId: string): Promise<MeetingDto> {
      const { actor } = await ownMeeting(user, meetingId);
      const { meeting, facts } = await meetings.reschedule({ meetingId, slotId, actor, now: now() });
      publishAll(facts);
      return toMeetingDto(meeting);
    },

    async checkIn(user: AuthUser, meetingId: string, party: 'producer' | 'buyer'): Promise<MeetingDto> {
      const { actor } = await ownMeeting(user, meetingId);
      if (!actor.staff && actor.side !== party) throw forbidden('Each party checks in for itself (or an organiser for it)');
      const { meeting, facts } = await meetings.checkIn({ meetingId, party, actor, now: now() });
      publishAll(facts);
      return toMeetingDto(meeting);
    },

    async attendance(user: AuthUser, meetingId: string, status: 'held' | 'no_show'): Promise<MeetingDto> {
      const { actor } = await ownMeeting(user, meetingId);
      if (!actor.staff) throw forbidden('Organisers mark a meeting held or a no-show');
      const { meeting, facts } = await meetings.attendance({ meetingId, status, actor });
      publishAll(facts);
      return toMeetingDto(meeting);
    },

    async recordOutcome(user: AuthUser, meetingId: string, body: OutcomeBody): Promise<MeetingDto> {
      const { actor } = await ownMeeting(user, meetingId);
      const { meeting, facts } = await meetings.recordOutcome({ meetingId, body, actor, now: now() });
      publishAll(facts);
      return toMeetingDto(meeting);
    },

    async confirmOutcome(user: AuthUser, meetingId: string, body: ConfirmOutcomeBody): Promise<MeetingDto> {
      const { actor } = await ownMeeting(user, meetingId);
      const { meeting, facts } = await meetings.confirmOutcome({
        meetingId,
        agree: body.agree,
        ...(body.note !== undefined ? { note: body.note } : {}),
        expected: {
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.valueVnd !== undefined ? { valueVnd: body.valueVnd } : {}),
        },
        actor,
        now: now(),
      });
      publishAll(facts);
      return toMeetingDto(meeting);
    },

    async request(user: AuthUser, sessionId: string, body: RequestBody): Promise<MeetingRequestDto> {
      if (user.role === 'buyer') throw forbidden('Producers send requests; a buyer books directly or answers them');
      const parties = partiesOf(user, body);
      await visibleSession(user, sessionId);
      const { request, facts } = await requests.create({
        sessionId,
        slotId: body.slotId,
        ...parties,
        message: body.message ?? '',
        now: now(),
      });
      publishAll(facts);
      return toRequestDto(request, now());
    },

    async listRequests(user: AuthUser, sessionId: string): Promise<MeetingRequestDto[]> {
      await visibleSession(user, sessionId);
      const at = now();
      const filter =
        user.role === 'organiser'
          ? {}
          : user.role === 'producer' && user.producerId
            ? { producerId: user.producerId }
            : user.role === 'buyer' && user.buyerId
              ? { buyerId: user.buyerId }
              : null;
      if (!filter) throw forbidden('Requests are for their producer, their buyer and organisers');
      return (await requests.listForSession(sessionId, filter)).map((r) => toRequestDto(r, at));
    },

    async accept(user: AuthUser, requestId: string): Promise<{ request: MeetingRequestDto; meeting: MeetingDto }> {
      const { actor } = await ownRequest(user, requestId);
      if (actor.side === 'producer') throw forbidden('The buyer accepts a request (or an organiser for it)');
      const { request, meeting, facts } = await requests.accept({ requestId, actor, now: now() });
      publishAll(facts);
      return { request: toRequestDto(request, now()), meeting: toMeetingDto(meeting) };
    },

    async decline(user: AuthUser, requestId: string, reason?: string): Promise<MeetingRequestDto> {
      const { actor } = await ownRequest(user, requestId);
      if (actor.side === 'producer') throw forbidden('The buyer declines a request; a producer withdraws its own');
      const { request, free, facts } = await requests.decline({ requestId, actor, now: now(), ...(reason ? { reason } : {}) });
      publishAll(facts);
      return toRequestDto(request, now(), free);
    },

    async withdraw(user: AuthUser, requestId: string): Promise<void> {
      const { actor } = await ownRequest(user, requestId);
      if (actor.side === 'buyer') throw forbidden('A producer withdraws its own request; a buyer declines it');
      const { facts } = await requests.withdraw({ requestId, actor, now: now() });
      publishAll(facts);
    },

    /** Stores and announces the requests past their time (main.ts runs it every few seconds). */
    async sweepExpired(): Promise<number> {
      const facts = await requests.sweepExpired(now());
      publishAll(facts);
      return facts.length;
    },
  };
}
export type MeetingsService = ReturnType<typeof createMeetingsService>;
