// Services publish facts here after their transaction commits; the broadcaster alone sends
// them to Socket.IO rooms. Services never see Socket.IO: they declare where a fact goes by its
// projections (a public one for everyone watching the event, and a private one for organisers
// and the one organisation it concerns), and the broadcaster knows the rooms.
import type { EventFact, EventFactData, EventFactType } from '../contracts/realtime.ts';

export type FactName = EventFactType;
export type FactData<N extends FactName> = EventFactData[N];

/** Whom a private projection is for: "producer:<id>" or "buyer:<id>" (stored space-separated). */
export type Audience = `producer:${string}` | `buyer:${string}`;
export const producerAudience = (producerId: string): Audience => `producer:${producerId}`;
export const buyerAudience = (buyerId: string): Audience => `buyer:${buyerId}`;

/** One fact with its projections, exactly as appended to the activity log (activity.repository.ts). */
export interface OutgoingFact<N extends FactName = FactName> {
  public: EventFact<FactData<N>, N>;
  /** For organisers and these audiences (a meeting's producer and buyer): the whole record. */
  private?: { audiences: Audience[]; fact: EventFact<FactData<N>, N> };
}

export interface FactPublisher {
  publish(fact: OutgoingFact): void;
}

/** Sign-outs and deactivations: live connections of those sessions must close too. */
export type EndedSessions = { sessionId: string } | { userId: string };
export interface SessionNotifier {
  sessionsEnded(target: EndedSessions): void;
}

/** An in-process publisher; the realtime layer subscribes to it. */
export function createFactBus() {
  const listeners = new Set<(published: OutgoingFact) => void>();
  const endedListeners = new Set<(target: EndedSessions) => void>();
  const revokedListeners = new Set<(linkId: string) => void>();
  return {
    /** A big-screen link was revoked: its open screens must close. */
    screensRevoked(linkId: string) {
      for (const listener of revokedListeners) listener(linkId);
    },
    onScreensRevoked(listener: (linkId: string) => void): () => void {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },
    sessionsEnded(target: EndedSessions) {
      for (const listener of endedListeners) listener(target);
    },
    onSessionsEnded(listener: (target: EndedSessions) => void): () => void {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    publish(fact: OutgoingFact) {
      for (const listener of listeners) listener(fact);
    },
    subscribe(listener: (published: OutgoingFact) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type FactBus = ReturnType<typeof createFactBus>;
