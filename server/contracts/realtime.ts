// Typed Socket.IO events, imported by the server and the client alike.
// Commands are imperative (`event:join`), facts are past tense (`event:updated`).
import type { AgendaChanged, AgreementChanged, DelegationChanged } from './conferences.ts';
import type { ErrorBody } from './common.ts';
import type { CountChange } from './dashboard.ts';
import type { EventDto } from './events.ts';
import type { ApplicationDto, ApplicationStatus, BoothDto } from './booths.ts';
import type { MeetingDto, MeetingPublicDto, MeetingRequestDto, RequestStatus } from './matchmaking.ts';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody['error'] };

/**
 * Every fact about an event carries the event's `seq` after that change: one seq per event,
 * shared by all its booths, applications and meetings, so a fact about booth A may arrive after
 * a later one about booth B (across processes facts are not ordered); the client's event feed
 * (client/src/realtime/feed.ts) puts them back in order. Sent under its `type` as the socket
 * event name, and replayed, exactly as sent, by GET /api/events/:eventId/activity?after=SEQ.
 */
export interface EventFact<T, N extends string = string> {
  type: N;
  eventId: string;
  seq: number;
  at: string;
  actorId: string | null;
  data: T;
  /**
   * What the change did to the event's dashboard counters (contracts/dashboard.ts), when it
   * changed any: a dashboard adds these to the counters it holds, in seq order.
   */
  counts?: CountChange[];
}

/** What changed on the floor plan: the booths as they are now, and those that are gone. */
export interface BoothsChanged {
  change:
    | 'created'
    | 'updated'
    | 'deleted'
    | 'assigned'
    | 'moved'
    | 'released'
    | 'held'
    | 'hold_released'
    | 'hold_expired'
    | 'offered'
    | 'offer_accepted'
    | 'offer_declined'
    | 'offer_lapsed'
    | 'checked_in'
    | 'allocated';
  booths: BoothDto[];
  removedIds: string[];
}

/**
 * An application changed. Everyone watching learns its id and status (enough to count them);
 * organisers and the producer it belongs to also get the whole application.
 */
export interface ApplicationChanged {
  id: string;
  status: ApplicationStatus;
  application?: ApplicationDto;
}

/**
 * A meeting changed. Its producer, its buyer and organisers get the whole meeting; everyone
 * else watching the event learns only which table of which slot is taken or freed.
 */
export interface MeetingChanged {
  change:
    | 'booked'
    | 'cancelled'
    | 'rescheduled'
    | 'checked_in'
    | 'held'
    | 'no_show'
    | 'outcome_recorded'
    | 'outcome_confirmed'
    | 'outcome_disputed';
  meeting: MeetingDto | MeetingPublicDto;
  /** A reschedule: the slot and table it left. */
  from?: { slotId: string; tableNumber: number };
}

/** A meeting request changed: its producer, its buyer and organisers get it whole, others its id and status. */
export interface RequestChanged {
  change: 'requested' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  request: MeetingRequestDto | { id: string; sessionId: string; slotId: string; status: RequestStatus };
}

/** A matchmaking session was created or changed (its settings, slots or buyers). */
export interface SessionChanged {
  sessionId: string;
  change: 'created' | 'updated' | 'buyers';
}

/** Facts: changes of an event, numbered by its seq, sent to everyone in its room. */
export interface EventFactData {
  'event:updated': EventDto;
  'booths:changed': BoothsChanged;
  'application:changed': ApplicationChanged;
  'meeting:changed': MeetingChanged;
  'request:changed': RequestChanged;
  'session:changed': SessionChanged;
  'agenda:changed': AgendaChanged;
  'delegation:changed': DelegationChanged;
  'agreement:changed': AgreementChanged;
}
export type EventFactType = keyof EventFactData;
export const eventFactTypes = [
  'event:updated',
  'booths:changed',
  'application:changed',
  'meeting:changed',
  'request:changed',
  'session:changed',
  'agenda:changed',
  'delegation:changed',
  'agreement:changed',
] as const satisfies readonly EventFactType[];

/** Any fact of an event, as the socket sends it and the activity call replays it. */
export type AnyEventFact = { [N in EventFactType]: EventFact<EventFactData[N], N> }[EventFactType];

export type EventFacts = { [N in EventFactType]: (fact: EventFact<EventFactData[N], N>) => void };

/** Why the server took a socket out of an event's room without being asked. */
export const eventLeftReasons = ['unpublished'] as const;
export type EventLeftReason = (typeof eventLeftReasons)[number];

/**
 * Sent to one socket as it is taken out of an event's room: no further facts of that event
 * reach it, so whatever it holds of the event is no longer current. A later `event:join`
 * acknowledges the seq to re-read from.
 */
export interface EventLeftNotice {
  eventId: string;
  reason: EventLeftReason;
}

/**
 * Sent to every signed-in connection when an event that everyone may see changed, or was
 * just published: a list or a page showing it without being in its room re-reads it. It says
 * nothing of drafts, which only organisers see.
 */
export interface EventVisibleNotice {
  eventId: string;
}

/** Notices: about this connection's rooms, not changes of an event; they carry no seq. */
export interface ServerNotices {
  'event:left': (notice: EventLeftNotice) => void;
  'event:visible': (notice: EventVisibleNotice) => void;
}

export interface ServerToClientEvents extends EventFacts, ServerNotices {}

export interface ClientToServerEvents {
  'event:join': (payload: { eventId: string }, ack: (answer: Ack<{ eventId: string; seq: number }>) => void) => void;
  'event:leave': (payload: { eventId: string }, ack: (answer: Ack<{ eventId: string }>) => void) => void;
}

export type FactName = EventFactType;
