// Typed Socket.IO events, imported by the server and the client alike.
// Commands are imperative (`event:join`), facts are past tense (`event:updated`).
import type { ErrorBody } from './common.ts';
import type { EventDto } from './events.ts';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody['error'] };

/** Every fact about an event carries the event's `seq` after that change. */
export interface EventFact<T> {
  eventId: string;
  seq: number;
  at: string;
  actorId: string | null;
  data: T;
}

/** Facts: changes of an event, numbered by its seq, sent to everyone in its room. */
export interface EventFacts {
  'event:updated': (fact: EventFact<EventDto>) => void;
}

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

export type FactName = keyof EventFacts;
