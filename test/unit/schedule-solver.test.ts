// The automatic schedule's solver (server/modules/matchmaking/schedule): no rule broken, every
// producer with a wish covered where capacity allows, at least as many wishes met as the greedy
// pass, and the small cases that show each rule. The rules are checked by check.ts, written from
// the input contract alone (no code shared with the solver), and "where capacity allows" by a
// max-flow of this test's own (maxCoverable): how many producers could at best each get one
// wished meeting.
import { describe, expect, it } from 'vitest';
import type { ProposedMeeting, ScheduleInput } from '../../server/modules/matchmaking/schedule/model.ts';
import { checkScheduleRules as breakRules } from '../../server/modules/matchmaking/schedule/check.ts';
import { sampleSession } from '../../server/modules/matchmaking/schedule/sample-session.ts';
import { solveSchedule } from '../../server/modules/matchmaking/schedule/solve.ts';

/**
 * The most producers (with a wish and no booked meeting) that could each get one wished meeting
 * at once: a max flow source -> producer (1) -> buyer (meetings it may still get) -> buyer's
 * slot (free seats) -> slot (free tables) -> sink, by augmenting paths.
 */
function maxCoverable(input: ScheduleInput): number {
  const S = input.slotCount;
  const bookedProducers = new Set(input.booked.map((m) => m.producerId));
  const pairSeen = new Set(input.booked.map((m) => `${m.producerId}|${m.buyerId}`));
  const nodes = new Map<string, number>();
  const node = (name: string) => nodes.get(name) ?? (nodes.set(name, nodes.size), nodes.size - 1);
  const cap: Map<number, number>[] = [];
  const edge = (from: string, to: string, c: number) => {
    const a = node(from);
    const b = node(to);
    while (cap.length <= Math.max(a, b)) cap.push(new Map());
    cap[a]!.set(b, (cap[a]!.get(b) ?? 0) + c);
    if (!cap[b]!.has(a)) cap[b]!.set(a, 0);
  };
  node('source');
  node('sink');
  for (const w of input.wishes) {
    const producer = input.producers.find((p) => p.id === w.producerId)!;
    if (bookedProducers.has(w.producerId) || producer.maxMeetings < 1 || pairSeen.has(`${w.producerId}|${w.buyerId}`)) continue;
    edge('source', `p:${w.producerId}`, 0);
    cap[node('source')]!.set(node(`p:${w.producerId}`), 1);
    edge(`p:${w.producerId}`, `b:${w.buyerId}`, 0);
    cap[node(`p:${w.producerId}`)]!.set(node(`b:${w.buyerId}`), 1);
  }
  for (const b of input.buyers) {
    const booked = input.booked.filter((m) => m.buyerId === b.id);
    edge(`b:${b.id}`, `bl:${b.id}`, b.maxMeetings === null ? 1e9 : Math.max(0, b.maxMeetings - booked.length));
    for (let s = 0; s < S; s++) {
      if (b.blockedSlots.includes(s)) continue;
      const seats = b.representatives - booked.filter((m) => m.slotIndex === s).length;
      if (seats > 0) edge(`bl:${b.id}`, `bs:${b.id}:${s}`, seats);
      if (seats > 0) edge(`bs:${b.id}:${s}`, `s:${s}`, seats);
    }
  }
  for (let s = 0; s < S; s++) {
    const taken = new Set(input.booked.filter((m) => m.slotIndex === s).map((m) => m.tableNumber)).size;
    edge(`s:${s}`, 'sink', Math.max(0, (input.tables[s] ?? 0) - taken));
  }
  let flow = 0;
  for (;;) {
    const from = new Map<number, number>([[0, -1]]);
    const queue = [0];
    while (queue.length && !from.has(1)) {
      const a = queue.shift()!;
      for (const [b, c] of cap[a] ?? [])
        if (c > 0 && !from.has(b)) {
          from.set(b, a);
          queue.push(b);
        }
    }
    if (!from.has(1)) return flow;
    let push = Infinity;
    for (let b = 1; b !== 0; b = from.get(b)!) push = Math.min(push, cap[from.get(b)!]!.get(b)!);
    for (let b = 1; b !== 0; b = from.get(b)!) {
      const a = from.get(b)!;
      cap[a]!.set(b, cap[a]!.get(b)! - push);
      cap[b]!.set(a, cap[b]!.get(a)! + push);
    }
    flow += push;
  }
}

/** Wished pairs met: mutual (both sides wished it) and one-sided, counted from the meetings. */
function metWishes(input: ScheduleInput, meetings: ProposedMeeting[]) {
  const sides = new Map<string, Set<string>>();
  for (const w of input.wishes) {
    const key = `${w.producerId}|${w.buyerId}`;
    sides.set(key, (sides.get(key) ?? new Set()).add(w.side));
  }
  let mutual = 0;
  let oneSided = 0;
  for (const m of meetings) {
    const s = sides.get(`${m.producerId}|${m.buyerId}`);
    if (s?.size === 2) mutual++;
    else if (s) oneSided++;
  }
  return { mutual, oneSided, total: mutual + oneSided };
}

const base = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  slotCount: 1,
  tables: [1],
  buyers: [{ id: 'bigc', representatives: 1, blockedSlots: [], maxMeetings: null }],
  producers: [
    { id: 'caphe', maxMeetings: 4 },
    { id: 'matong', maxMeetings: 4 },
  ],
  wishes: [],
  booked: [],
  ...over,
});

describe('automatic schedule on 300 producers x 20 buyers x 16 slots x 20 tables, random wishes', () => {
  for (const seed of [1, 20261202, 77]) {
    it(`breaks no rule, covers every producer capacity allows and meets at least the greedy's wishes (seed ${seed})`, async () => {
      const input = sampleSession({ producers: 300, buyers: 20, slots: 16, tables: 20, seed, booked: 20 });
      expect(breakRules(input, [])).toEqual([]); // the sample's booked meetings keep the rules
      const result = await solveSchedule(input, { timeLimitSeconds: 15 });
      const greedy = await solveSchedule(input, { useSolver: false });
      expect(result.figures.solver).toBe('highs');
      expect(breakRules(input, result.meetings)).toEqual([]);
      expect(breakRules(input, greedy.meetings)).toEqual([]);

      const withWish = new Set(input.wishes.map((w) => w.producerId));
      const met = new Set([...input.booked, ...result.meetings].map((m) => m.producerId));
      const bookedCovered = new Set(input.booked.filter((m) => withWish.has(m.producerId)).map((m) => m.producerId)).size;
      const covered = [...withWish].filter((p) => met.has(p)).length;
      const coverable = maxCoverable(input);
      expect(coverable).toBeGreaterThan(200);
      expect(covered).toBe(bookedCovered + coverable);
      expect(result.figures.producersCovered).toBe(covered);

      const ours = metWishes(input, result.meetings);
      const theirs = metWishes(input, greedy.meetings);
      expect(ours.total).toBeGreaterThanOrEqual(theirs.total);
      expect(ours.mutual).toBeGreaterThanOrEqual(theirs.mutual);
      expect(result.figures.metMutual).toBe(ours.mutual);
      expect(result.figures.greedy.metMutual).toBe(theirs.mutual);
      expect(result.figures.objective).toBeGreaterThanOrEqual(result.figures.greedy.objective);
      expect(result.figures.bound).not.toBeNull();
      expect(result.figures.objective).toBeLessThanOrEqual(result.figures.bound! + 1e-6);
      expect(result.figures.idleGaps).toBeLessThan(result.figures.greedy.idleGaps);
      for (const m of result.meetings) expect(m.reasons.length).toBeGreaterThan(0);
    }, 60_000);
  }
});

describe('automatic schedule, small cases', () => {
  it('gives the one seat to the mutual wish over a one-sided one', async () => {
    const input = base({
      wishes: [
        { side: 'producer', producerId: 'caphe', buyerId: 'bigc', rank: 1 },
        { side: 'producer', producerId: 'matong', buyerId: 'bigc', rank: 3 },
        { side: 'buyer', producerId: 'matong', buyerId: 'bigc', rank: 2 },
      ],
    });
    const { meetings } = await solveSchedule(input);
    expect(meetings.map((m) => [m.producerId, m.buyerId, m.slotIndex, m.tableNumber])).toEqual([['matong', 'bigc', 0, 1]]);
    expect(meetings[0]!.reasons).toEqual([{ code: 'mutual_wish', producerRank: 3, buyerRank: 2 }, { code: 'coverage' }]);
  });

  it('covers a second producer before giving a first one a better-ranked second meeting', async () => {
    const input = base({
      slotCount: 2,
      tables: [1, 1],
      buyers: [
        { id: 'bigc', representatives: 1, blockedSlots: [], maxMeetings: null },
        { id: 'winmart', representatives: 1, blockedSlots: [], maxMeetings: null },
      ],
      wishes: [
        { side: 'producer', producerId: 'caphe', buyerId: 'bigc', rank: 1 },
        { side: 'producer', producerId: 'caphe', buyerId: 'winmart', rank: 2 },
        { side: 'buyer', producerId: 'caphe', buyerId: 'winmart', rank: 1 },
        { side: 'producer', producerId: 'matong', buyerId: 'bigc', rank: 5 },
      ],
    });
    const { meetings, figures } = await solveSchedule(input);
    expect(breakRules(input, meetings)).toEqual([]);
    expect(new Set(meetings.map((m) => m.producerId))).toEqual(new Set(['caphe', 'matong']));
    expect(figures.producersCovered).toBe(2);
  });

  it('keeps booked meetings: their table, producer and buyer seat are taken, and their pair is not proposed again', async () => {
    const input = base({
      slotCount: 2,
      tables: [1, 2],
      buyers: [
        { id: 'bigc', representatives: 1, blockedSlots: [], maxMeetings: null },
        { id: 'winmart', representatives: 1, blockedSlots: [], maxMeetings: null },
      ],
      wishes: [
        { side: 'producer', producerId: 'caphe', buyerId: 'bigc', rank: 1 },
        { side: 'producer', producerId: 'caphe', buyerId: 'winmart', rank: 2 },
        { side: 'producer', producerId: 'matong', buyerId: 'bigc', rank: 1 },
      ],
      booked: [{ producerId: 'caphe', buyerId: 'bigc', slotIndex: 0, tableNumber: 1 }],
    });
    const { meetings } = await solveSchedule(input);
    expect(breakRules(input, meetings)).toEqual([]);
    // caphe-bigc is booked in slot 0 on its one table: caphe, bigc and the table are taken there,
    // so both wishes left meet in slot 1, and caphe-bigc is not proposed again.
    expect(meetings.map((m) => [m.producerId, m.buyerId, m.slotIndex]).sort()).toEqual([
      ['caphe', 'winmart', 1],
      ['matong', 'bigc', 1],
    ]);
    expect(meetings.map((m) => m.tableNumber).sort()).toEqual([1, 2]);
  });

  it("never uses a slot a buyer blocked, and counts the buyer's meeting limit", async () => {
    const input = base({
      slotCount: 3,
      tables: [3, 3, 3],
      buyers: [{ id: 'bigc', representatives: 1, blockedSlots: [0, 1], maxMeetings: null }],
      wishes: [
        { side: 'producer', producerId: 'caphe', buyerId: 'bigc', rank: 1 },
        { side: 'producer', producerId: 'matong', buyerId: 'bigc', rank: 1 },
      ],
    });
    const { meetings } = await solveSchedule(input);
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.slotIndex).toBe(2);
    const limited = await solveSchedule({
      ...input,
      buyers: [{ id: 'bigc', representatives: 1, blockedSlots: [], maxMeetings: 1 }],
    });
    expect(limited.meetings).toHaveLength(1);
  });

  it('lets a buyer with two representatives hold two meetings in one slot, at two tables', async () => {
    const input = base({
      tables: [2],
      buyers: [{ id: 'bigc', representatives: 2, blockedSlots: [], maxMeetings: null }],
      wishes: [
        { side: 'producer', producerId: 'caphe', buyerId: 'bigc', rank: 1 },
        { side: 'producer', producerId: 'matong', buyerId: 'bigc', rank: 1 },
      ],
    });
    const { meetings } = await solveSchedule(input);
    expect(breakRules(input, meetings)).toEqual([]);
    expect(meetings.map((m) => [m.producerId, m.slotIndex, m.tableNumber]).sort()).toEqual([
      ['caphe', 0, 1],
      ['matong', 0, 2],
    ]);
    const one = { ...input, buyers: [{ id: 'bigc', representatives: 1, blockedSlots: [], maxMeetings: null }] };
    expect((await solveSchedule(one)).meetings).toHaveLength(1);
  });

  it("holds a producer's meeting limit and closes idle gaps; a buyer keeps its table across its slots", async () => {
    const input = base({
      slotCount: 4,
      tables: [3, 3, 3, 3],
      buyers: [
        { id: 'bigc', representatives: 1, blockedSlots: [], maxMeetings: null },
        { id: 'winmart', representatives: 1, blockedSlots: [], maxMeetings: null },
        { id: 'coop', representatives: 1, blockedSlots: [], maxMeetings: null },
      ],
      producers: [
        { id: 'caphe', maxMeetings: 2 },
        { id: 'matong', maxMeetings: 4 },
        { id: 'tieu', maxMeetings: 4 },
      ],
      wishes: ['bigc', 'winmart', 'coop'].flatMap((buyerId, i) =>
        ['caphe', 'matong', 'tieu'].map((producerId) => ({ side: 'producer' as const, producerId, buyerId, rank: i + 1 })),
      ),
      // matong's slot 2 is booked: it meets in slots 0, 1 and 3 with no gap only if its day is arranged
      booked: [{ producerId: 'matong', buyerId: 'coop', slotIndex: 2, tableNumber: 3 }],
    });
    const { meetings, figures } = await solveSchedule(input);
    expect(breakRules(input, meetings)).toEqual([]);
    expect(meetings.filter((m) => m.producerId === 'caphe')).toHaveLength(2);
    expect(figures.idleGaps).toBe(0);
    for (const buyerId of ['bigc', 'winmart']) {
      const tables = new Set(meetings.filter((m) => m.buyerId === buyerId).map((m) => m.tableNumber));
      expect(tables.size).toBe(1);
    }
    const coopTables = new Set(meetings.filter((m) => m.buyerId === 'coop').map((m) => m.tableNumber));
    expect(coopTables).toEqual(new Set([3])); // the table of its booked meeting
  });

  it('falls back to the greedy pass when HiGHS fails or cannot load, and says so', async () => {
    const input = sampleSession({ producers: 60, buyers: 6, slots: 6, tables: 5, seed: 9 });
    const greedy = await solveSchedule(input, { useSolver: false });
    for (const mip of [
      () => Promise.resolve({ failed: 'time_limit' }),
      () => Promise.reject(new Error('WebAssembly could not be loaded')),
    ]) {
      const result = await solveSchedule(input, { mip });
      expect(result.figures.solver).toBe('greedy');
      expect(result.figures.status).toMatch(/^fallback: (time_limit|WebAssembly could not be loaded)$/);
      expect(breakRules(input, result.meetings)).toEqual([]);
      expect(result.meetings.map((m) => [m.producerId, m.buyerId]).sort()).toEqual(
        greedy.meetings.map((m) => [m.producerId, m.buyerId]).sort(),
      );
    }
  });

  it('falls back to the greedy pass when the solver is not used, with the same rules kept', async () => {
    const input = sampleSession({ producers: 60, buyers: 6, slots: 6, tables: 5, seed: 5 });
    const result = await solveSchedule(input, { useSolver: false });
    expect(result.figures.solver).toBe('greedy');
    expect(result.figures.bound).toBeNull();
    expect(breakRules(input, result.meetings)).toEqual([]);
    expect(result.meetings.length).toBeGreaterThan(0);
  });
});
