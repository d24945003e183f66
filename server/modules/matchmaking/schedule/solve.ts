// The automatic schedule from end to end: the greedy pass (baseline and warm start), the MIP
// with HiGHS under a time cap (its incumbent taken; the greedy plan when it fails or finds
// nothing), any wish that still fits added, idle gaps compacted, tables given, and why each
// meeting is there. The figures compare the result with the greedy pass on the same input.
import { assignTables, compactSlots } from './compact.ts';
import { fillPlan, greedySchedule } from './greedy.ts';
import { solveMip } from './mip.ts';
import { Problem, type Plan, type ProposedMeeting, type ScheduleInput, type ScheduleReason } from './model.ts';

export interface PlanFigures {
  objective: number;
  meetings: number;
  metMutual: number;
  metOneSided: number;
  producersCovered: number;
  idleGaps: number;
  timeMs: number;
}

export interface ScheduleFigures extends PlanFigures {
  solver: 'highs' | 'greedy';
  /** HiGHS's status (optimal, time_limit, …) or why it was not used */
  status: string;
  /** the solver's best bound on the objective (null without the solver) */
  bound: number | null;
  /** how far the objective is below the bound, in % of the objective */
  gapPercent: number | null;
  /** the MIP's size */
  variables: number;
  constraints: number;
  wishedPairs: number;
  mutualPairs: number;
  producersWithWish: number;
  /** idle gaps of the chosen pairs before compaction */
  idleGapsBeforeCompaction: number;
  greedy: PlanFigures & { gapPercent: number | null };
}

export interface ScheduleResult {
  meetings: ProposedMeeting[];
  figures: ScheduleFigures;
}

export interface ScheduleOptions {
  /** time cap for HiGHS, in seconds (default 8) */
  timeLimitSeconds?: number;
  /** false: the greedy pass only */
  useSolver?: boolean;
  /** time for the idle-gap compaction, ms (default 1000) */
  compactMs?: number;
  /** the MIP solve (tests put a failing one here to see the fallback) */
  mip?: typeof solveMip;
}

function figuresOf(plan: Plan, timeMs: number): PlanFigures {
  const pr = plan.problem;
  let meetings = 0;
  let metMutual = 0;
  plan.slotOf.forEach((s, k) => {
    if (s < 0) return;
    meetings++;
    const pair = pr.pairs[k]!;
    if (pair.producerRank !== null && pair.buyerRank !== null) metMutual++;
  });
  let producersCovered = 0;
  for (let p = 0; p < pr.P; p++) if (pr.hasWish[p] && (pr.prodBooked[p]! > 0 || plan.prodCount[p]! > 0)) producersCovered++;
  return {
    objective: plan.objective(),
    meetings,
    metMutual,
    metOneSided: meetings - metMutual,
    producersCovered,
    idleGaps: plan.idleGaps(),
    timeMs: Math.round(timeMs),
  };
}

const gapPercent = (objective: number, bound: number | null) =>
  bound === null ? null : Math.max(0, Math.round(((bound - objective) / Math.max(1, Math.abs(objective))) * 10000) / 100);

function reasonsOf(plan: Plan, k: number): ScheduleReason[] {
  const pr = plan.problem;
  const pair = pr.pairs[k]!;
  const reasons: ScheduleReason[] = [];
  if (pair.producerRank !== null && pair.buyerRank !== null)
    reasons.push({ code: 'mutual_wish', producerRank: pair.producerRank, buyerRank: pair.buyerRank });
  else if (pair.producerRank !== null) reasons.push({ code: 'producer_wish', rank: pair.producerRank });
  else reasons.push({ code: 'buyer_wish', rank: pair.buyerRank! });
  if (pr.needsCover[pair.p] && plan.prodCount[pair.p] === 1) reasons.push({ code: 'coverage' });
  return reasons;
}

export async function solveSchedule(input: ScheduleInput, opts: ScheduleOptions = {}): Promise<ScheduleResult> {
  const started = performance.now();
  const problem = new Problem(input);
  const greedy = greedySchedule(problem);
  const greedyFigures = figuresOf(greedy, performance.now() - started);

  let chosen = greedy.copy();
  let solver: ScheduleFigures['solver'] = 'greedy';
  let status = 'solver_off';
  let bound: number | null = null;
  let variables = 0;
  let constraints = 0;
  if (opts.useSolver !== false) {
    const mip = await (opts.mip ?? solveMip)(problem, greedy, { timeLimitSeconds: opts.timeLimitSeconds ?? 8 }).catch(
      (error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) }),
    );
    if ('failed' in mip) status = `fallback: ${mip.failed}`;
    else {
      ({ status, bound, columns: variables, rows: constraints } = mip);
      if (mip.plan.objective() >= greedy.objective()) {
        chosen = mip.plan;
        solver = 'highs';
      } else status = `${status}; greedy kept (better)`;
    }
  }
  fillPlan(chosen); // after a time limit: whatever still fits (nothing after an optimum)
  const idleGapsBeforeCompaction = chosen.idleGaps();
  compactSlots(chosen, opts.compactMs ?? 1000);
  const tables = assignTables(chosen);

  const meetings: ProposedMeeting[] = [];
  chosen.slotOf.forEach((s, k) => {
    if (s < 0) return;
    const pair = problem.pairs[k]!;
    meetings.push({
      producerId: input.producers[pair.p]!.id,
      buyerId: input.buyers[pair.b]!.id,
      slotIndex: s,
      tableNumber: tables.get(k)!,
      reasons: reasonsOf(chosen, k),
    });
  });
  meetings.sort((x, y) => x.slotIndex - y.slotIndex || x.tableNumber - y.tableNumber);
  const figures = figuresOf(chosen, performance.now() - started);
  return {
    meetings,
    figures: {
      ...figures,
      solver,
      status,
      bound,
      gapPercent: gapPercent(figures.objective, bound),
      variables,
      constraints,
      wishedPairs: problem.pairs.length,
      mutualPairs: problem.pairs.filter((p) => p.producerRank !== null && p.buyerRank !== null).length,
      producersWithWish: problem.hasWish.reduce((n, h) => n + h, 0),
      idleGapsBeforeCompaction,
      greedy: { ...greedyFigures, gapPercent: gapPercent(greedyFigures.objective, bound) },
    },
  };
}
