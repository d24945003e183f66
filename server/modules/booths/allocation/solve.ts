// The solving half of the allocation (allocate.ts has the contract and the explanations):
// who stands where while a proposal is built, one solve of the cost matrix with the `munkres`
// package (whole, or in interleaved parts when too large), and the repairs of what a matrix of
// pairs cannot express: new neighbours that avoid each other, and higher-star producers left
// worse off than lower-star ones of the same preferences.
import { munkres } from 'munkres';
import { avoidClash, placementAllowed, placementValue, starsAllow, type FairModel } from './model.ts';

/** Costs are integers (values × 1000, exact for the weights used), so the solver compares exactly. */
export const COST_SCALE = 1000;

/** Who stands where while a proposal is being built. */
export class Layout {
  readonly occupant: (string | null)[];
  /** booth index → application index of a NEW placement, −1 when none */
  readonly placedApp: Int32Array;
  /** application index → new booths placed */
  readonly count: Int32Array;

  constructor(readonly model: FairModel) {
    this.occupant = [...model.initialOccupant];
    this.placedApp = new Int32Array(model.booths.length).fill(-1);
    this.count = new Int32Array(model.apps.length);
  }

  place(ai: number, bi: number) {
    this.occupant[bi] = this.model.apps[ai]!.producerId;
    this.placedApp[bi] = ai;
    this.count[ai]!++;
  }

  remove(bi: number) {
    const ai = this.placedApp[bi]!;
    this.occupant[bi] = null;
    this.placedApp[bi] = -1;
    this.count[ai]!--;
  }

  freeBooths(): number[] {
    const free: number[] = [];
    this.occupant.forEach((o, bi) => {
      if (o === null) free.push(bi);
    });
    return free;
  }

  /** Room left in each quota, counting the new placements. */
  quotaRoom(): number[] {
    const { policy, quotasOf } = this.model;
    const room = policy.quotas.map((q, i) => q.maxBooths - (policy.quotaUsed[i] ?? 0));
    this.placedApp.forEach((ai) => {
      if (ai >= 0) for (const q of quotasOf[ai]!) room[q]!--;
    });
    return room;
  }
}

/**
 * The optimal assignment of a value matrix (rows × cols, forbidden pairs worth 0) with the
 * `munkres` package, which minimises cost: costs are −value. It handles rectangular matrices
 * itself and is far faster with no more rows than columns, so a tall matrix is solved
 * transposed. Returns [row, col] pairs of positive value.
 */
function solveAssignment(rows: number, cols: number, value: (r: number, c: number) => number): [number, number][] {
  if (rows === 0 || cols === 0) return [];
  const transposed = rows > cols;
  const height = transposed ? cols : rows;
  const width = transposed ? rows : cols;
  const matrix: Float64Array[] = [];
  for (let y = 0; y < height; y++) {
    const line = new Float64Array(width);
    for (let x = 0; x < width; x++) line[x] = -(transposed ? value(x, y) : value(y, x));
    matrix.push(line);
  }
  const pairs: [number, number][] = [];
  for (const [y, x] of munkres(matrix)) {
    if (matrix[y]![x]! >= 0) continue; // a forbidden pair: leave unplaced
    pairs.push(transposed ? [x, y] : [y, x]);
  }
  return pairs;
}

export interface AllocateOptions {
  /**
   * The largest matrix solved in one piece, in munkres steps (min(rows, cols)² × max(rows,
   * cols)); a larger one is solved in bands of rows by rank (see solveRound). Default
   * WHOLE_SOLVE_LIMIT; Infinity always solves in one piece.
   */
  wholeSolveLimit?: number;
}

/** About 0.4 s of munkres on this project's machines: a 300-booth fair is always solved whole. */
export const WHOLE_SOLVE_LIMIT = 3e8;
/** The size of one part when a matrix is solved in parts: about 0.05 s each. */
const PART_LIMIT = 5e7;

/**
 * One solve: rows for what each application may still get (in rank order), columns for the
 * free booths. A matrix too large to solve whole in time (1,000 booths × 1,200 applications is
 * ~1 G munkres steps, 0.8-1.7 s here) is solved in k interleaved parts, still with munkres:
 * part p has every k-th application in rank order and every k-th booth in zone and type order,
 * so each part is a small fair with the same mix of stars, priorities, zones and types (cutting
 * by rank instead would give the high-star bands every booth they like and leave the rest only
 * booths of the zones they may not enter); then the applications the parts left unplaced are
 * solved together against the booths they left free. Each part is optimal; the whole is within
 * a few tenths of a percent of the optimum on the bench's fairs (test/bench/allocation.bench.ts
 * prints both).
 */
export function solveRound(layout: Layout, options: AllocateOptions): number {
  const { model } = layout;
  const free = layout.freeBooths();
  if (free.length === 0) return 0;
  const room = layout.quotaRoom();
  const rowApp: number[] = [];
  const rowSeat: number[] = [];
  const masks: Uint8Array[] = [];
  const rowMask: number[] = [];
  model.apps.forEach((app, ai) => {
    const left = model.seatsCap[ai]! - layout.count[ai]!;
    if (left <= 0) return;
    const mask = new Uint8Array(free.length);
    let fits = false;
    free.forEach((bi, c) => {
      if (placementAllowed(model, ai, bi, layout.occupant)) {
        mask[c] = 1;
        fits = true;
      }
    });
    if (!fits) return; // it would hold a quota's room that others could use
    let n = left;
    for (const q of model.quotasOf[ai]!) n = Math.min(n, Math.max(0, room[q]!));
    for (const q of model.quotasOf[ai]!) room[q]! -= n;
    masks.push(mask);
    for (let k = 0; k < n; k++) {
      rowApp.push(ai);
      rowSeat.push(app.alreadyHas + layout.count[ai]! + k);
      rowMask.push(masks.length - 1);
    }
  });
  const R = rowApp.length;
  const C = free.length;
  const value = (r: number, c: number) =>
    masks[rowMask[r]!]![c] ? Math.round(placementValue(model, rowApp[r]!, free[c]!, rowSeat[r]!) * COST_SCALE) : 0;

  const limit = options.wholeSolveLimit ?? WHOLE_SOLVE_LIMIT;
  if (Math.min(R, C) ** 2 * Math.max(R, C) <= limit) {
    const pairs = solveAssignment(R, C, value);
    for (const [r, c] of pairs) layout.place(rowApp[r]!, free[c]!);
    return pairs.length;
  }

  // Parts: k interleaved sub-fairs, each with every k-th application in rank order and every
  // k-th booth in zone and type order, so that each is a fair of the same mix at 1/k the size.
  const k = Math.ceil(Math.cbrt((Math.min(R, C) ** 2 * Math.max(R, C)) / PART_LIMIT));
  const boothOrder = free
    .map((bi, c) => c)
    .sort((x, y) => {
      const a = model.booths[free[x]!]!;
      const b = model.booths[free[y]!]!;
      return a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : x - y;
    });
  const partRows: number[][] = Array.from({ length: k }, () => []);
  let appOrdinal = -1;
  for (let r = 0; r < R; r++) {
    if (r === 0 || rowApp[r] !== rowApp[r - 1]) appOrdinal++;
    partRows[appOrdinal % k]!.push(r);
  }
  const partCols: number[][] = Array.from({ length: k }, () => []);
  boothOrder.forEach((c, i) => partCols[i % k]!.push(c));
  const rowPlaced = new Uint8Array(R);
  const colTaken = new Uint8Array(C);
  const solvePart = (rows: number[], cols: number[]) => {
    const pairs = solveAssignment(rows.length, cols.length, (i, j) => value(rows[i]!, cols[j]!));
    for (const [i, j] of pairs) {
      rowPlaced[rows[i]!] = 1;
      colTaken[cols[j]!] = 1;
      layout.place(rowApp[rows[i]!]!, free[cols[j]!]!);
    }
    return pairs.length;
  };
  let placed = 0;
  for (let p = 0; p < k; p++) placed += solvePart(partRows[p]!, partCols[p]!);
  // What the parts left over, together: rows not placed × booths not taken.
  const restRows = rowApp.flatMap((_, r) => (rowPlaced[r] ? [] : [r]));
  const restCols = free.flatMap((_, c) => (colTaken[c] ? [] : [c]));
  placed += solvePart(restRows, restCols);
  return placed;
}

/**
 * Is a higher-star member of a group of identical applications worse off than a lower-star one:
 * fewer booths while it could have more, or a booth of fewer preference points?
 */
function groupUnfair(layout: Layout, group: number[]): boolean {
  const { model } = layout;
  const nB = model.booths.length;
  const pointsOf = new Map<number, number[]>(group.map((ai) => [ai, []]));
  layout.placedApp.forEach((ai, bi) => {
    pointsOf.get(ai)?.push(model.points[ai * nB + bi]!);
  });
  for (const list of pointsOf.values()) list.sort((a, b) => b - a);
  for (const h of group)
    for (const l of group) {
      if ((model.apps[h]!.stars ?? 0) <= (model.apps[l]!.stars ?? 0)) continue;
      const hp = pointsOf.get(h)!;
      const lp = pointsOf.get(l)!;
      if (lp.length > hp.length && layout.count[h]! < model.seatsCap[h]!) return true;
      for (let i = 0; i < Math.min(hp.length, lp.length); i++) if (hp[i]! < lp[i]!) return true;
    }
  return false;
}

/**
 * Applications identical but for their stars (and arrival): when a higher-star one came off
 * worse, the group's booths are chosen again in rank order, each member's first booth before
 * anyone's second, keeping its own booth on a tie. A booth nobody of the group may take goes
 * back to the next round; a member it leaves without one may take a lower-ranked producer's
 * (which then gets another try in the next round).
 */
export function repairTwins(layout: Layout): boolean {
  const { model } = layout;
  const nB = model.booths.length;
  let changed = false;
  for (const group of model.twinGroups) {
    if (!groupUnfair(layout, group)) continue;
    const pool: number[] = [];
    layout.placedApp.forEach((ai, bi) => {
      if (ai >= 0 && group.includes(ai)) pool.push(bi);
    });
    const before = new Map(pool.map((bi) => [bi, layout.placedApp[bi]!]));
    for (const bi of pool) layout.remove(bi);
    const picks: { ai: number; seat: number; order: number }[] = [];
    group.forEach((ai, order) => {
      for (let k = 0; k < model.seatsCap[ai]!; k++) picks.push({ ai, seat: model.apps[ai]!.alreadyHas + k, order });
    });
    picks.sort((a, b) => a.seat - b.seat || a.order - b.order);
    const better = (ai: number, bi: number, than: number) => {
      if (than < 0) return true;
      const d = model.points[ai * nB + bi]! - model.points[ai * nB + than]!;
      if (d !== 0) return d > 0;
      const own = (before.get(bi) === ai ? 1 : 0) - (before.get(than) === ai ? 1 : 0);
      return own !== 0 ? own > 0 : bi < than;
    };
    for (const { ai } of picks) {
      let best = -1;
      for (const bi of pool)
        if (layout.placedApp[bi] === -1 && placementAllowed(model, ai, bi, layout.occupant) && better(ai, bi, best)) best = bi;
      if (best >= 0) layout.place(ai, best);
    }
    for (const bi of pool) if (layout.placedApp[bi] !== before.get(bi)) changed = true;
    // A member left with fewer booths (the pool's other booths are for higher stars only) takes
    // the booth of a lower-ranked producer outside the group where that gains value, though
    // never one better than a higher-star member got.
    group.forEach((ai) => {
      let lost = [...before.values()].filter((x) => x === ai).length - pool.filter((bi) => layout.placedApp[bi] === ai).length;
      const stars = model.apps[ai]!.stars ?? 0;
      let ceiling = Infinity;
      layout.placedApp.forEach((other, bi) => {
        if (other >= 0 && other !== ai && group.includes(other) && (model.apps[other]!.stars ?? 0) > stars)
          ceiling = Math.min(ceiling, model.points[other * nB + bi]!);
      });
      while (lost-- > 0) {
        let target = -1;
        let bestGain = 0;
        layout.placedApp.forEach((victim, bi) => {
          if (victim <= ai || group.includes(victim) || model.points[ai * nB + bi]! > ceiling) return;
          if (!starsAllow(model, ai, bi) || avoidClash(model, ai, bi, layout.occupant) !== null) return;
          const gain =
            placementValue(model, ai, bi, model.apps[ai]!.alreadyHas + layout.count[ai]!) -
            placementValue(model, victim, bi, model.apps[victim]!.alreadyHas + layout.count[victim]! - 1);
          if (gain > bestGain) {
            bestGain = gain;
            target = bi;
          }
        });
        if (target < 0) break;
        layout.remove(target);
        layout.place(ai, target);
      }
    });
  }
  return changed;
}

/**
 * Two new placements side by side where one producer avoids the other: placements are kept in
 * rank order and one that would stand beside a kept one it clashes with is taken off again
 * (its application gets another try in the next round, beside no one it clashes with).
 */
export function repairAvoidedNeighbours(layout: Layout): boolean {
  const { model } = layout;
  const placed: [number, number][] = [];
  layout.placedApp.forEach((ai, bi) => {
    if (ai >= 0) placed.push([ai, bi]);
  });
  placed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [, bi] of placed) layout.remove(bi);
  let changed = false;
  for (const [ai, bi] of placed) {
    if (avoidClash(model, ai, bi, layout.occupant) === null) layout.place(ai, bi);
    else changed = true;
  }
  return changed;
}
