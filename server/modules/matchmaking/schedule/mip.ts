// The schedule as a mixed-integer program, solved with HiGHS (the `highs` package: HiGHS
// compiled to WebAssembly) under a time cap, starting from the greedy plan.
//
//   x[k,s] in {0,1}  wished pair k meets in slot s  (only slots where both attend and a table is free)
//   y[p]   in [0,1]  producer p (with a wish and nothing booked) gets at least one meeting
//   max  sum value[k] x[k,s] + WEIGHT_COVERAGE sum y[p]
//   s.t. sum_s x[k,s] <= 1                       no pair twice
//        sum_k(p) x[k,s] <= 1                    one meeting per producer per slot
//        sum_k(b) x[k,s] <= free seats of b in s one per buyer representative per slot
//        sum_k x[k,s] <= free tables in s        tables per slot
//        sum x[k(p),s] <= meetings p may still get, likewise for buyers   limits
//        y[p] - sum x[k(p),s] <= 0               coverage
//
// Rows that can never bind (fewer variables than the right-hand side) are left out. y[p] can be
// continuous: at an optimum it equals min(1, meetings of p), an integer. Idle gaps are not in the
// model: the objective does not depend on which slot a pair takes, so compact.ts moves meetings
// between slots afterwards without changing it (a gap term would need occupancy and gap
// variables per person and slot, several times this model, and weaken its relaxation).
import * as highsPackage from 'highs';
import type { Highs } from 'highs';
import { Plan, WEIGHT_COVERAGE, type Problem } from './model.ts';

// The package is CommonJS with an ES build: its loader is the default export of the ES build,
// and the types see it one level down (module.exports.default). Both are accepted.
type Loader = () => Promise<Highs>;
const highsExports = highsPackage as unknown as { default: Loader | { default: Loader } };
const loadHighs: Loader = typeof highsExports.default === 'function' ? highsExports.default : highsExports.default.default;

let runtime: Promise<Highs> | null = null;
/** The WebAssembly runtime, loaded once per process. */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

export interface MipResult {
  plan: Plan;
  status: string;
  objective: number;
  bound: number;
  timeMs: number;
  columns: number;
  rows: number;
}

const STATUS_NAMES: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  11: 'objective_bound',
  12: 'objective_target',
  13: 'time_limit',
  14: 'iteration_limit',
  15: 'unknown',
  16: 'solution_limit',
  17: 'interrupted',
};
export const statusName = (code: number) => STATUS_NAMES[code] ?? `status_${code}`;

/**
 * Solves the problem as a MIP within `timeLimitSeconds`, warm-started from `start`. Returns
 * null when HiGHS fails or ends without a feasible incumbent (the caller falls back to greedy).
 */
export async function solveMip(
  problem: Problem,
  start: Plan,
  opts: { timeLimitSeconds: number; relativeGap?: number },
): Promise<MipResult | { failed: string }> {
  const started = performance.now();
  const highs = await highsRuntime();
  const { S, P, B, pairs } = problem;

  // Columns: x[k,s] for each open slot of each pair, then y[p].
  const colPair: number[] = [];
  const colSlot: number[] = [];
  const colsOfPair: number[][] = [];
  pairs.forEach((_, k) => {
    const cols: number[] = [];
    for (const s of problem.openSlots(k)) {
      cols.push(colPair.length);
      colPair.push(k);
      colSlot.push(s);
    }
    colsOfPair.push(cols);
  });
  const xCount = colPair.length;
  if (xCount === 0) return { failed: 'no wished pair fits any free slot' };
  const yOf = new Int32Array(P).fill(-1);
  let numCols = xCount;
  const pairsOfProducer: number[][] = Array.from({ length: P }, () => []);
  const pairsOfBuyer: number[][] = Array.from({ length: B }, () => []);
  pairs.forEach((pair, k) => {
    if (colsOfPair[k]!.length === 0) return;
    pairsOfProducer[pair.p]!.push(k);
    pairsOfBuyer[pair.b]!.push(k);
  });
  for (let p = 0; p < P; p++) if (problem.needsCover[p] && pairsOfProducer[p]!.length > 0) yOf[p] = numCols++;

  // Rows in CSR form.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (cols: number[], upper: number, coef: (c: number) => number = () => 1) => {
    for (const c of cols) {
      indices.push(c);
      values.push(coef(c));
    }
    starts.push(indices.length);
    rowUpper.push(upper);
  };
  for (const cols of colsOfPair) if (cols.length > 1) addRow(cols, 1);
  const byProducerSlot = new Map<number, number[]>();
  const byBuyerSlot = new Map<number, number[]>();
  const bySlot: number[][] = Array.from({ length: S }, () => []);
  for (let c = 0; c < xCount; c++) {
    const { p, b } = pairs[colPair[c]!]!;
    const s = colSlot[c]!;
    const ps = p * S + s;
    const bs = b * S + s;
    (byProducerSlot.get(ps) ?? byProducerSlot.set(ps, []).get(ps)!).push(c);
    (byBuyerSlot.get(bs) ?? byBuyerSlot.set(bs, []).get(bs)!).push(c);
    bySlot[s]!.push(c);
  }
  for (const cols of byProducerSlot.values()) if (cols.length > 1) addRow(cols, 1);
  for (const [bs, cols] of byBuyerSlot) if (cols.length > problem.seatsLeft[bs]!) addRow(cols, problem.seatsLeft[bs]!);
  bySlot.forEach((cols, s) => {
    if (cols.length > problem.tablesLeft[s]!) addRow(cols, problem.tablesLeft[s]!);
  });
  const colsOf = (ks: number[]) => ks.flatMap((k) => colsOfPair[k]!);
  for (let p = 0; p < P; p++) {
    const ks = pairsOfProducer[p]!;
    if (Math.min(ks.length, S) > problem.prodLeft[p]!) addRow(colsOf(ks), problem.prodLeft[p]!);
    if (yOf[p]! >= 0) addRow([yOf[p]!, ...colsOf(ks)], 0, (c) => (c === yOf[p] ? 1 : -1));
  }
  for (let b = 0; b < B; b++) {
    const ks = pairsOfBuyer[b]!;
    if (ks.length > problem.buyerLeft[b]!) addRow(colsOf(ks), problem.buyerLeft[b]!);
  }
  const numRows = rowUpper.length;

  const colCost = new Float64Array(numCols);
  for (let c = 0; c < xCount; c++) colCost[c] = pairs[colPair[c]!]!.value;
  const integrality = new Int32Array(numCols);
  integrality.fill(highs.constants.variableType.integer, 0, xCount);
  for (let p = 0; p < P; p++) if (yOf[p]! >= 0) colCost[yOf[p]!] = WEIGHT_COVERAGE;

  // The warm start: the greedy plan, as a complete feasible point.
  const startValues = new Float64Array(numCols);
  for (let c = 0; c < xCount; c++) if (start.slotOf[colPair[c]!] === colSlot[c]) startValues[c] = 1;
  for (let p = 0; p < P; p++) if (yOf[p]! >= 0 && start.prodCount[p]! > 0) startValues[yOf[p]!] = 1;

  let model: ReturnType<Highs['createModel']>;
  try {
    model = highs.createModel({
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(1),
      rowLower: new Float64Array(numRows).fill(-highs.infinity),
      rowUpper,
      matrix: { format: 'csr', numRows, numCols, starts, indices, values },
      integrality,
    });
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }
  try {
    const elapsed = (performance.now() - started) / 1000;
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.5, opts.timeLimitSeconds - elapsed),
      mip_rel_gap: opts.relativeGap ?? 1e-4,
    });
    model.setSolution({ colValue: startValues });
    model.run();
    const code = model.getModelStatus();
    const feasible = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (!feasible) return { failed: statusName(code) };
    const colValue = model.getSolution().colValue;
    const plan = new Plan(problem);
    for (let c = 0; c < xCount; c++) {
      if (colValue[c]! < 0.5) continue;
      const k = colPair[c]!;
      // Every rule is checked again by the plan itself: a solution that breaks one is refused.
      if (!plan.canPlace(k, colSlot[c]!)) return { failed: 'infeasible_incumbent' };
      plan.place(k, colSlot[c]!);
    }
    return {
      plan,
      status: statusName(code),
      objective: model.getObjectiveValue(),
      bound: Number(model.info.get('mip_dual_bound')),
      timeMs: performance.now() - started,
      columns: numCols,
      rows: numRows,
    };
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  } finally {
    model.dispose();
  }
}
