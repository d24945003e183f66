// After the pairs are chosen: fewest idle gaps, then tables.
//
// Idle gaps are compacted here, not in the MIP: which slot a pair takes does not change the
// objective, so a local search that moves one meeting to another slot, or swaps the slots of two
// meetings sharing a producer or a buyer, keeps every wish met and every rule, and accepts a
// change only when it removes idle slots of the people it touches. Booked meetings never move.
// Tables come last: each buyer (each representative) keeps one table across its slots where it
// can, starting from the tables its booked meetings already use.
import { seededRandom } from '../../../seeded-random.ts';
import type { Plan } from './model.ts';

function gapsOf(plan: Plan, ps: number[], bs: number[]): number {
  let total = 0;
  for (const p of new Set(ps)) total += plan.producerGaps(p);
  for (const b of new Set(bs)) total += plan.buyerGaps(b);
  return total;
}

/** Tries to move pair k to a slot with fewer idle gaps for its two parties. */
function improveMove(plan: Plan, k: number): boolean {
  const { p, b } = plan.problem.pairs[k]!;
  const from = plan.slotOf[k]!;
  const before = gapsOf(plan, [p], [b]);
  plan.remove(k);
  let best = from;
  let bestGaps = before;
  for (let s = 0; s < plan.problem.S; s++) {
    if (s === from || !plan.canPlace(k, s)) continue;
    plan.place(k, s);
    const g = gapsOf(plan, [p], [b]);
    plan.remove(k);
    if (g < bestGaps) {
      best = s;
      bestGaps = g;
    }
  }
  plan.place(k, best);
  return best !== from;
}

/** Tries to swap the slots of pairs i and j (different slots); keeps the swap if gaps fall. */
function improveSwap(plan: Plan, i: number, j: number): boolean {
  const si = plan.slotOf[i]!;
  const sj = plan.slotOf[j]!;
  if (si === sj || si < 0 || sj < 0) return false;
  const a = plan.problem.pairs[i]!;
  const c = plan.problem.pairs[j]!;
  const before = gapsOf(plan, [a.p, c.p], [a.b, c.b]);
  plan.remove(i);
  plan.remove(j);
  if (plan.canPlace(i, sj)) {
    plan.place(i, sj);
    if (plan.canPlace(j, si)) {
      plan.place(j, si);
      if (gapsOf(plan, [a.p, c.p], [a.b, c.b]) < before) return true;
      plan.remove(j);
    }
    plan.remove(i);
  }
  plan.place(i, si);
  plan.place(j, sj);
  return false;
}

/** Local search on idle gaps: descent, then annealing until the time is up; returns the idle gaps left. */
export function compactSlots(plan: Plan, budgetMs = 1000): number {
  const deadline = performance.now() + budgetMs;
  descend(plan, deadline);
  return anneal(plan, deadline);
}

/** Moves and swaps that remove idle gaps, until none does (or the time is up). */
function descend(plan: Plan, deadline: number): number {
  const { P, B } = plan.problem;
  let passes = 0;
  for (let improved = true; improved && performance.now() < deadline && passes < 100; passes++) {
    improved = false;
    const placed: number[] = [];
    plan.slotOf.forEach((s, k) => {
      if (s >= 0) placed.push(k);
    });
    for (const k of placed) if (improveMove(plan, k)) improved = true;
    const ofProducer: number[][] = Array.from({ length: P }, () => []);
    const ofBuyer: number[][] = Array.from({ length: B }, () => []);
    for (const k of placed) {
      ofProducer[plan.problem.pairs[k]!.p]!.push(k);
      ofBuyer[plan.problem.pairs[k]!.b]!.push(k);
    }
    for (const group of [...ofBuyer, ...ofProducer]) {
      if (performance.now() >= deadline) break;
      for (let x = 0; x < group.length; x++)
        for (let y = x + 1; y < group.length; y++) if (improveSwap(plan, group[x]!, group[y]!)) improved = true;
    }
  }
  return passes;
}

/**
 * Descent stops where no single move or swap helps, yet a day can often be rearranged in a few
 * steps (a meeting moved sideways first). Simulated annealing with a seeded PRNG and a
 * step count (the same proposal every run for the same input, unless the time cap cuts it
 * short): random moves and swaps, worse ones accepted with a
 * falling probability, and the best plan seen kept.
 */
function anneal(plan: Plan, deadline: number): number {
  const pr = plan.problem;
  let current = plan.idleGaps();
  let best = current;
  const bestSlots = Int32Array.from(plan.slotOf);
  const placed: number[] = [];
  plan.slotOf.forEach((s, k) => {
    if (s >= 0) placed.push(k);
  });
  if (placed.length < 2 || current === 0) return current;
  const rnd = seededRandom(0x9e3779b9 ^ placed.length);
  const steps = Math.min(2_000_000, 1000 * placed.length);
  for (let step = 0; best > 0 && step < steps; step++) {
    if ((step & 1023) === 0 && performance.now() >= deadline) break;
    const temperature = 1.5 * Math.max(0.02, 1 - step / steps);
    const k = placed[Math.floor(rnd() * placed.length)]!;
    const a = pr.pairs[k]!;
    const from = plan.slotOf[k]!;
    const to = Math.floor(rnd() * pr.S);
    if (to === from) continue;
    // The meeting of the same producer or buyer in the target slot, if any, swaps with it.
    const other =
      rnd() < 0.5
        ? placed.find((j) => j !== k && plan.slotOf[j] === to && (pr.pairs[j]!.p === a.p || pr.pairs[j]!.b === a.b))
        : undefined;
    const ps = [a.p];
    const bs = [a.b];
    if (other !== undefined) {
      ps.push(pr.pairs[other]!.p);
      bs.push(pr.pairs[other]!.b);
    }
    const before = gapsOf(plan, ps, bs);
    plan.remove(k);
    if (other !== undefined) plan.remove(other);
    const ok = plan.canPlace(k, to) && (plan.place(k, to), other === undefined || plan.canPlace(other, from));
    if (ok && other !== undefined) plan.place(other, from);
    const delta = ok ? gapsOf(plan, ps, bs) - before : Infinity;
    if (ok && (delta <= 0 || rnd() < Math.exp(-delta / temperature))) {
      current += delta;
      if (current < best) {
        best = current;
        bestSlots.set(plan.slotOf);
      }
      continue;
    }
    if (ok) {
      plan.remove(k);
      if (other !== undefined) plan.remove(other);
    } else if (plan.slotOf[k] === to) plan.remove(k);
    plan.place(k, from);
    if (other !== undefined) plan.place(other, to);
  }
  // Back to the best plan seen.
  plan.slotOf.forEach((_, k) => plan.remove(k));
  bestSlots.forEach((s, k) => {
    if (s >= 0) plan.place(k, s);
  });
  return best;
}

/** Table of each placed pair: a buyer keeps its tables across its slots where it can. */
export function assignTables(plan: Plan): Map<number, number> {
  const pr = plan.problem;
  const { S, B } = pr;
  const input = pr.input;
  // Preferred tables per buyer: those its booked meetings use (most used first), then fresh ones.
  const bookedUse: Map<number, number>[] = Array.from({ length: B }, () => new Map());
  for (const m of input.booked) {
    const b = pr.buyerIndex.get(m.buyerId);
    if (b !== undefined) bookedUse[b]!.set(m.tableNumber, (bookedUse[b]!.get(m.tableNumber) ?? 0) + 1);
  }
  const load = Array.from({ length: B }, (_, b) => plan.buyerCount[b]! + [...bookedUse[b]!.values()].reduce((x, y) => x + y, 0));
  const order = [...Array(B).keys()].sort((x, y) => load[y]! - load[x]! || x - y);
  const maxTables = Math.max(0, ...input.tables);
  const homeOwner = new Map<number, number>();
  const homes: number[][] = Array.from({ length: B }, () => []);
  for (const b of order) {
    const used = [...bookedUse[b]!.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([t]) => t);
    for (const t of used)
      if (!homeOwner.has(t) && homes[b]!.length < input.buyers[b]!.representatives) {
        homeOwner.set(t, b);
        homes[b]!.push(t);
      }
  }
  let next = 1;
  for (const b of order) {
    if (plan.buyerCount[b] === 0) continue;
    while (homes[b]!.length < input.buyers[b]!.representatives) {
      while (next <= maxTables && homeOwner.has(next)) next++;
      if (next > maxTables) break;
      homeOwner.set(next, b);
      homes[b]!.push(next);
    }
  }
  const inSlot: number[][] = Array.from({ length: S }, () => []);
  plan.slotOf.forEach((s, k) => {
    if (s >= 0) inSlot[s]!.push(k);
  });
  const tableOf = new Map<number, number>();
  for (let s = 0; s < S; s++) {
    const taken = new Set(pr.tableTaken[s]);
    const rest: number[] = [];
    for (const k of inSlot[s]!) {
      const home = homes[pr.pairs[k]!.b]!.find((t) => t <= (input.tables[s] ?? 0) && !taken.has(t));
      if (home === undefined) rest.push(k);
      else {
        taken.add(home);
        tableOf.set(k, home);
      }
    }
    // The others: a free table nobody calls home first, then any free table.
    const free: number[] = [];
    for (let t = 1; t <= (input.tables[s] ?? 0); t++) if (!taken.has(t)) free.push(t);
    free.sort((x, y) => Number(homeOwner.has(x)) - Number(homeOwner.has(y)) || x - y);
    rest.forEach((k, i) => tableOf.set(k, free[i]!));
  }
  return tableOf;
}
