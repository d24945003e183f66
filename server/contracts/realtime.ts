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

export interface ServerToClientEvents {
  'event:updated': (fact: EventFact<EventDto>) => void;
}

export interface ClientToServerEvents {
  'event:join': (payload: { eventId: string }, ack: (answer: Ack<{ eventId: string; seq: number }>) => void) => void;
  'event:leave': (payload: { eventId: string }, ack: (answer: Ack<{ eventId: string }>) => void) => void;
}

export type FactName = keyof ServerToClientEvents;
