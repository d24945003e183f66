// The greedy pass: the baseline the solver is compared with, its warm start, and the fallback
// when HiGHS fails or stops with nothing. First every producer that needs a meeting gets one
// (fewest options first, its best wish at the earliest free slot), then every other wish in
// order of value (mutual first, then by rank) at the earliest slot it fits.
import { Plan, type Problem } from './model.ts';

/** Places pair k at its earliest free slot; false when no slot fits. */
function placeEarliest(plan: Plan, k: number): boolean {
  for (let s = 0; s < plan.problem.S; s++)
    if (plan.canPlace(k, s)) {
      plan.place(k, s);
      return true;
    }
  return false;
}

/** Adds every wish that still fits, best first: after it, no single meeting can be added. */
export function fillPlan(plan: Plan): number {
  let added = 0;
  for (let k = 0; k < plan.problem.pairs.length; k++) if (plan.slotOf[k] === -1 && placeEarliest(plan, k)) added++;
  return added;
}

export function greedySchedule(problem: Problem): Plan {
  const plan = new Plan(problem);
  const pairsOf: number[][] = Array.from({ length: problem.P }, () => []);
  problem.pairs.forEach((pair, k) => pairsOf[pair.p]!.push(k)); // best first: pairs are sorted by value
  const needing = [...Array(problem.P).keys()]
    .filter((p) => problem.needsCover[p] && problem.prodLeft[p]! > 0 && pairsOf[p]!.length > 0)
    .sort((x, y) => pairsOf[x]!.length - pairsOf[y]!.length || x - y);
  for (const p of needing) for (const k of pairsOf[p]!) if (placeEarliest(plan, k)) break;
  fillPlan(plan);
  return plan;
}
