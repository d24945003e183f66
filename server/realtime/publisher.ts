// Services publish facts here after their transaction commits; the broadcaster alone
// sends them to Socket.IO rooms. Services never see Socket.IO.
import type { EventFact, EventFacts } from '../contracts/realtime.ts';

/** Only facts go through the bus; notices about rooms are the realtime layer's own. */
export type FactName = keyof EventFacts;
export type FactData<N extends FactName> = Parameters<EventFacts[N]>[0] extends EventFact<infer D> ? D : never;

export interface PublishedFact<N extends FactName = FactName> {
  name: N;
  fact: EventFact<FactData<N>>;
}

export interface FactPublisher {
  publish<N extends FactName>(name: N, fact: EventFact<FactData<N>>): void;
}

/** Sign-outs and deactivations: live connections of those sessions must close too. */
export type EndedSessions = { sessionId: string } | { userId: string };
export interface SessionNotifier {
  sessionsEnded(target: EndedSessions): void;
}

/** An in-process publisher; the realtime layer subscribes to it. */
export function createFactBus() {
  const listeners = new Set<(published: PublishedFact) => void>();
  const endedListeners = new Set<(target: EndedSessions) => void>();
  return {
    sessionsEnded(target: EndedSessions) {
      for (const listener of endedListeners) listener(target);
    },
    onSessionsEnded(listener: (target: EndedSessions) => void): () => void {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    publish<N extends FactName>(name: N, fact: EventFact<FactData<N>>) {
      for (const listener of listeners) listener({ name, fact } as PublishedFact);
    },
    subscribe(listener: (published: PublishedFact) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type FactBus = ReturnType<typeof createFactBus>;
