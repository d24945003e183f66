// Services publish facts here after their transaction commits; the broadcaster alone
// sends them to Socket.IO rooms. Services never see Socket.IO.
import type { EventFact, ServerToClientEvents } from '../contracts/realtime.ts';

export type FactName = keyof ServerToClientEvents;
export type FactData<N extends FactName> = Parameters<ServerToClientEvents[N]>[0] extends EventFact<infer D> ? D : never;

export interface PublishedFact<N extends FactName = FactName> {
  name: N;
  fact: EventFact<FactData<N>>;
}

export interface FactPublisher {
  publish<N extends FactName>(name: N, fact: EventFact<FactData<N>>): void;
}

/** An in-process publisher; the realtime layer subscribes to it. */
export function createFactBus() {
  const listeners = new Set<(published: PublishedFact) => void>();
  return {
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
