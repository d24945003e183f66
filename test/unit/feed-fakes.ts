// A fake socket and a fake activity log for the client's event feed (client/src/realtime/feed.ts):
// the socket answers joins with the log's last seq and delivers whatever the test says, in the
// order it says; the log answers the catch-up call as the server does (paged, with hasMore).
import type { Ack, EventFactType } from '../../server/contracts/realtime.ts';
import type { ActivityPage, ReplayedFact } from '../../client/src/api/events.ts';
import type { FeedSocket } from '../../client/src/realtime/feed.ts';

type Listener = (...args: unknown[]) => void;
type JoinAck = (answer: Ack<{ eventId: string; seq: number }>) => void;

/** Every pending promise callback, then one macrotask: the fakes answer in microtasks. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class FakeLog {
  readonly facts = new Map<string, ReplayedFact[]>();
  readonly calls: { eventId: string; after: number; limit: number }[] = [];
  /** While set, activity answers wait for it. */
  gate: Promise<void> | undefined;
  /** The next activity calls fail with these errors, one each. */
  failures: unknown[] = [];

  lastSeq(eventId: string): number {
    return this.facts.get(eventId)?.at(-1)?.seq ?? 0;
  }

  /** Appends the next fact of the event (a booth change unless said otherwise). */
  add(eventId: string, type: EventFactType = 'booths:changed', data?: unknown): ReplayedFact {
    const list = this.facts.get(eventId) ?? [];
    this.facts.set(eventId, list);
    const seq = this.lastSeq(eventId) + 1;
    const fact = {
      type,
      eventId,
      seq,
      at: new Date(Date.UTC(2026, 11, 10, 1, 0, seq)).toISOString(),
      actorId: 'organiser',
      data: data === undefined ? { change: 'updated', booths: [], removedIds: [] } : data,
    } as ReplayedFact;
    list.push(fact);
    return fact;
  }

  /** Appends `count` facts and returns them. */
  addMany(eventId: string, count: number): ReplayedFact[] {
    return Array.from({ length: count }, () => this.add(eventId));
  }

  fact(eventId: string, seq: number): ReplayedFact {
    const fact = this.facts.get(eventId)?.find((f) => f.seq === seq);
    if (!fact) throw new Error(`no fact ${seq} of ${eventId}`);
    return fact;
  }

  async activity(eventId: string, after: number, limit: number): Promise<ActivityPage> {
    this.calls.push({ eventId, after, limit });
    const lastSeq = this.lastSeq(eventId);
    await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    const items = (this.facts.get(eventId) ?? []).filter((f) => f.seq > after).slice(0, limit);
    return { items, lastSeq, hasMore: (items.at(-1)?.seq ?? after) < lastSeq };
  }
}

export class FakeSocket implements FeedSocket {
  connected = false;
  active = true;
  readonly joins: string[] = [];
  readonly leaves: string[] = [];
  /** While true, join answers wait in `heldAcks` until `releaseAcks()`. */
  holdAcks = false;
  readonly heldAcks: (() => void)[] = [];
  /** Events whose join the server refuses (not visible). */
  readonly refused = new Set<string>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly log: FakeLog) {}

  on(event: string, listener: (...args: never[]) => void): this {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: (...args: never[]) => void): this {
    this.listeners.get(event)?.delete(listener as Listener);
    return this;
  }

  emit(event: string, payload: { eventId: string }, ack: (answer: never) => void): this {
    if (event === 'event:leave') {
      this.leaves.push(payload.eventId);
      queueMicrotask(() => (ack as (a: unknown) => void)({ ok: true, data: payload }));
      return this;
    }
    this.joins.push(payload.eventId);
    // The seq is read when the server handles the join, not when the answer arrives.
    const answer: Ack<{ eventId: string; seq: number }> = this.refused.has(payload.eventId)
      ? { ok: false, error: { code: 'NOT_FOUND', message: 'Event not found' } }
      : { ok: true, data: { eventId: payload.eventId, seq: this.log.lastSeq(payload.eventId) } };
    const answerIt = () => (ack as JoinAck)(answer);
    if (this.holdAcks) this.heldAcks.push(answerIt);
    else queueMicrotask(answerIt);
    return this;
  }

  releaseAcks(): void {
    this.holdAcks = false;
    for (const answer of this.heldAcks.splice(0)) answer();
  }

  /** The server sends this to the client. */
  deliver(event: string, payload?: unknown): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }

  /** Delivers facts of the log by seq, in the order given. */
  deliverSeqs(eventId: string, seqs: number[]): void {
    for (const seq of seqs) {
      const fact = this.log.fact(eventId, seq);
      this.deliver(fact.type, fact);
    }
  }

  connect(): void {
    this.connected = true;
    this.deliver('connect');
  }

  disconnect(): void {
    this.connected = false;
    this.deliver('disconnect', 'transport close');
  }
}
