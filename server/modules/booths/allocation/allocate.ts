// Automatic booth allocation: a proposal for all approved applications that is optimal, not
// greedy. Pure and database-free: the booths service reads the fair, calls allocate(), shows the
// proposal and, on acceptance, assigns its placements one by one under the usual locks.
//
// Method. One row per booth an application may still get (min(booths wanted, booths per
// producer) − booths already held, then limited by its quotas), one column per free booth; the
// value of a pair is the application's weight × (the value of a booth at all + the booth's
// preference points), see model.ts. Pairs that break a hard rule (zone minimum stars, a
// neighbour to avoid among the booths already taken) are forbidden: they are worth nothing, so
// the solver only "uses" one when nothing allowed is left, and such a pair is not placed.
// Quotas are global, so they limit rows instead: an application of a quota gets rows only
// while the quota has room, in rank order (priority, stars, arrival). The `munkres` package
// (Hungarian algorithm) finds the assignment of greatest total value; a fair too large to solve
// whole within a second is solved in interleaved parts, each with munkres (see solveRound).
// What the matrix cannot express is repaired after each solve, and the solve is repeated on
// what is left until nothing changes:
//   - two NEW neighbours where one avoids the other: the lower-ranked one is taken off again;
//   - applications identical but for their stars: the higher-star one picks first among the
//     booths the group got (the optimum may otherwise hand it a booth of a stars-only zone so
//     that the lower-star one gets the wanted zone).
// Everything is in a fixed order (booths by code, applications by rank), so the same fair gives
// the same proposal. The solving is in solve.ts, the fair's model (points, weights, the rules
// of one placement) in model.ts.
import {
  buildModel,
  compareApplications,
  MAX_POINTS,
  placementAllowed,
  placementValue,
  avoidClash,
  starsAllow,
  quotaCovers,
  localityKey,
  type FairModel,
} from './model.ts';
import {
  COST_SCALE,
  Layout,
  repairAvoidedNeighbours,
  repairTwins,
  solveRound,
  WHOLE_SOLVE_LIMIT,
  type AllocateOptions,
} from './solve.ts';

export { WHOLE_SOLVE_LIMIT, type AllocateOptions };

export interface AllocBooth {
  id: string;
  code: string;
  zone: string;
  type: 'standard' | 'corner' | 'premium' | 'pavilion';
  x: number;
  y: number;
  widthM: number;
  depthM: number;
  /** null = free for allocation; an occupied booth (producerId) is only a neighbour */
  occupiedBy: string | null;
}

export interface AllocApplication {
  applicationId: string;
  producerId: string;
  producerName: string;
  provinceId: string;
  locality: string;
  /** best valid OCOP stars, null when unrated */
  stars: number | null;
  /** policy priority, higher first */
  priority: number;
  /** ISO 8601 */
  createdAt: string;
  zones: string[];
  types: string[];
  seekProducerIds: string[];
  avoidProducerIds: string[];
  /** booths wanted at the fair, in all (preferences.booths) */
  booths: number;
  /** booths already assigned to it */
  alreadyHas: number;
}

export interface AllocPolicy {
  boothsPerProducer: number;
  zoneMinStars: Record<string, number>;
  quotas: { provinceId: string; locality?: string; maxBooths: number }[];
  /** booths already counted against each quota, in the same order */
  quotaUsed: number[];
}

export type ReasonCode =
  /** the booth is in a zone it asked for; params zone, choice (1 = first) */
  | 'zone_wanted'
  /** of a type it asked for; params type, choice */
  | 'type_wanted'
  /** next to (adjacent) or in the zone of (sameZone) producers it asked to be near; params producerIds */
  | 'near_sought'
  /** the zone asks for OCOP stars it has; params zone, minStars, stars */
  | 'zone_min_stars'
  /** its OCOP stars gave it priority; params stars */
  | 'stars_priority'
  /** its policy priority (e.g. a subsidised producer); params priority */
  | 'policy_priority'
  /** no neighbour from its own locality; params locality */
  | 'locality_spread'
  /** neighbours from its own locality could not be avoided; params locality, count */
  | 'locality_neighbour'
  /** the zones it asked for were full (taken by higher-ranked or better-fitting producers); params zones */
  | 'zone_taken'
  /** a zone it asked for needs more OCOP stars; params zone, minStars */
  | 'zone_needs_stars'
  /** it stated wishes and this booth meets none of them */
  | 'no_preference_met'
  /** it stated no wishes: any booth suits */
  | 'no_preference';

export interface Reason {
  code: ReasonCode;
  params?: Record<string, string | number>;
}

export interface Placement {
  boothId: string;
  boothCode: string;
  applicationId: string;
  producerId: string;
  reasons: Reason[];
  /** how far the booth falls short of all the application's wishes (MAX_POINTS − points); 0 = all met */
  cost: number;
}

export type UnplacedReason = 'no_booth_fits' | 'limit' | 'quota' | 'capacity';

export interface Unplaced {
  applicationId: string;
  producerId: string;
  reason: UnplacedReason;
  /** how many of the booths it wanted it does not get */
  booths: number;
}

export interface Proposal {
  placements: Placement[];
  unplaced: Unplaced[];
  /** scorePlacements() of the placements: higher is better */
  score: number;
}

/** A solve is repeated on what is left after the repairs; this many rounds at most. */
const MAX_ROUNDS = 12;

/** The proposal: see the top of this file. */
export function allocate(
  booths: AllocBooth[],
  applications: AllocApplication[],
  policy: AllocPolicy,
  options: AllocateOptions = {},
): Proposal {
  const model = buildModel(booths, applications, policy);
  const layout = new Layout(model);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = layout.placedApp.slice();
    solveRound(layout, options);
    repairTwins(layout);
    repairAvoidedNeighbours(layout);
    if (layout.placedApp.every((ai, bi) => ai === before[bi])) break;
  }
  return proposalOf(layout);
}

/**
 * The simple baseline: applications in order of arrival, each taking, booth after booth, the
 * free booth of most preference points that keeps every hard rule (ties: the first by code).
 */
export function greedyBaseline(booths: AllocBooth[], applications: AllocApplication[], policy: AllocPolicy): Proposal {
  const model = buildModel(booths, applications, policy);
  const layout = new Layout(model);
  const nB = model.booths.length;
  const room = layout.quotaRoom();
  const order = model.apps
    .map((_, ai) => ai)
    .sort((a, b) => {
      const x = model.apps[a]!;
      const y = model.apps[b]!;
      return x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.applicationId < y.applicationId ? -1 : 1;
    });
  for (const ai of order) {
    for (let k = 0; k < model.seatsCap[ai]!; k++) {
      if (model.quotasOf[ai]!.some((q) => room[q]! <= 0)) break;
      let best = -1;
      for (let bi = 0; bi < nB; bi++) {
        if (!placementAllowed(model, ai, bi, layout.occupant)) continue;
        if (best < 0 || model.points[ai * nB + bi]! > model.points[ai * nB + best]!) best = bi;
      }
      if (best < 0) break;
      layout.place(ai, best);
      for (const q of model.quotasOf[ai]!) room[q]!--;
    }
  }
  return proposalOf(layout);
}

/**
 * The preference score of a set of placements: the value the allocation maximises, summed,
 * i.e. for each placement the application's weight (policy priority, then stars) × (100 for a
 * producer's first booth, 50 for a further one, + the booth's preference points: wanted zone,
 * wanted type, sought neighbours, minus neighbours of its own locality). Higher is better.
 * Both allocate() and greedyBaseline() report it, so they can be compared.
 */
export function scorePlacements(
  booths: AllocBooth[],
  applications: AllocApplication[],
  policy: AllocPolicy,
  placements: Pick<Placement, 'boothId' | 'applicationId'>[],
): number {
  return scoreIn(buildModel(booths, applications, policy), placements);
}

function scoreIn(model: FairModel, placements: Pick<Placement, 'boothId' | 'applicationId'>[]): number {
  const seen = new Map<number, number>();
  let total = 0;
  for (const p of placements) {
    const ai = model.appIndex.get(p.applicationId);
    const bi = model.boothIndex.get(p.boothId);
    if (ai === undefined || bi === undefined) continue;
    const k = seen.get(ai) ?? 0;
    seen.set(ai, k + 1);
    total += Math.round(placementValue(model, ai, bi, model.apps[ai]!.alreadyHas + k) * COST_SCALE);
  }
  return total / COST_SCALE;
}

/**
 * Every hard rule a set of placements breaks, in words (empty when it keeps them all): booths
 * given twice or already taken, zone minimum stars, booths per producer (and more than
 * wanted), quotas, and neighbours to avoid, new ones and those already standing, either way round.
 */
export function checkHardRules(
  booths: AllocBooth[],
  applications: AllocApplication[],
  policy: AllocPolicy,
  placements: Pick<Placement, 'boothId' | 'applicationId' | 'producerId'>[],
): string[] {
  const model = buildModel(booths, applications, policy);
  const violations: string[] = [];
  const occupant = [...model.initialOccupant];
  const perApp = new Map<number, number>();
  const seenBooths = new Set<number>();
  const valid: [number, number][] = [];
  for (const p of placements) {
    const ai = model.appIndex.get(p.applicationId);
    const bi = model.boothIndex.get(p.boothId);
    if (ai === undefined || bi === undefined) {
      violations.push(`placement of unknown booth ${p.boothId} or application ${p.applicationId}`);
      continue;
    }
    const app = model.apps[ai]!;
    const booth = model.booths[bi]!;
    if (app.producerId !== p.producerId)
      violations.push(`${booth.code}: producer ${p.producerId} is not application ${p.applicationId}'s`);
    if (seenBooths.has(bi)) violations.push(`${booth.code} is given twice`);
    else if (booth.occupiedBy !== null) violations.push(`${booth.code} is already taken by ${booth.occupiedBy}`);
    seenBooths.add(bi);
    if (!starsAllow(model, ai, bi))
      violations.push(
        `${booth.code}: zone ${booth.zone} needs ${policy.zoneMinStars[booth.zone]} stars, ${app.producerName} has ${app.stars ?? 'none'}`,
      );
    perApp.set(ai, (perApp.get(ai) ?? 0) + 1);
    occupant[bi] = app.producerId;
    valid.push([ai, bi]);
  }
  // Per producer (an application is one producer's, but count by producer all the same).
  const perProducer = new Map<string, { has: number; wanted: number; name: string }>();
  for (const [ai, n] of perApp) {
    const app = model.apps[ai]!;
    const entry = perProducer.get(app.producerId) ?? { has: app.alreadyHas, wanted: app.booths, name: app.producerName };
    entry.has += n;
    perProducer.set(app.producerId, entry);
  }
  for (const [, { has, wanted, name }] of perProducer) {
    if (has > policy.boothsPerProducer)
      violations.push(`${name} would have ${has} booths, over the ${policy.boothsPerProducer} per producer`);
    if (has > wanted) violations.push(`${name} would have ${has} booths, more than the ${wanted} it wants`);
  }
  policy.quotas.forEach((quota, qi) => {
    let used = policy.quotaUsed[qi] ?? 0;
    for (const [ai, n] of perApp) if (quotaCovers(quota, model.apps[ai]!)) used += n;
    if (used > quota.maxBooths)
      violations.push(
        `quota ${quota.provinceId}${quota.locality ? `/${quota.locality}` : ''}: ${used} booths, over ${quota.maxBooths}`,
      );
  });
  for (const [ai, bi] of valid) {
    const clash = avoidClash(model, ai, bi, occupant);
    if (clash !== null)
      violations.push(
        `${model.booths[bi]!.code}: ${model.apps[ai]!.producerName} stands beside ${clash}, which one of them avoids`,
      );
  }
  return violations;
}

// --- the proposal and why --------------------------------------------------------------------

function proposalOf(layout: Layout): Proposal {
  const { model } = layout;
  const nB = model.booths.length;
  const placements: Placement[] = [];
  const pairs: [number, number][] = [];
  layout.placedApp.forEach((ai, bi) => {
    if (ai >= 0) pairs.push([ai, bi]);
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [ai, bi] of pairs) {
    const app = model.apps[ai]!;
    const booth = model.booths[bi]!;
    placements.push({
      boothId: booth.id,
      boothCode: booth.code,
      applicationId: app.applicationId,
      producerId: app.producerId,
      reasons: reasonsFor(layout, ai, bi),
      cost: MAX_POINTS - model.points[ai * nB + bi]!,
    });
  }

  const room = layout.quotaRoom();
  const initiallyFree = model.initialOccupant.flatMap((o, bi) => (o === null ? [bi] : []));
  const unplaced: Unplaced[] = [];
  model.apps.forEach((app, ai) => {
    const missing = Math.max(0, app.booths - app.alreadyHas) - layout.count[ai]!;
    if (missing <= 0) return;
    let reason: UnplacedReason;
    if (layout.count[ai]! >= model.seatsCap[ai]!) reason = 'limit';
    else if (!initiallyFree.some((bi) => placementAllowed(model, ai, bi, model.initialOccupant))) reason = 'no_booth_fits';
    else if (model.quotasOf[ai]!.some((q) => room[q]! <= 0)) reason = 'quota';
    else reason = 'capacity';
    unplaced.push({ applicationId: app.applicationId, producerId: app.producerId, reason, booths: missing });
  });
  return { placements, unplaced, score: scoreIn(model, placements) };
}

/** Why this producer got this booth, from the finished layout (its real neighbours). */
function reasonsFor(layout: Layout, ai: number, bi: number): Reason[] {
  const { model } = layout;
  const app = model.apps[ai]!;
  const booth = model.booths[bi]!;
  const reasons: Reason[] = [];
  const zoneChoice = app.zones.indexOf(booth.zone);
  const typeChoice = app.types.indexOf(booth.type);
  if (zoneChoice >= 0) reasons.push({ code: 'zone_wanted', params: { zone: booth.zone, choice: zoneChoice + 1 } });
  else if (app.zones.length > 0) {
    const needing = app.zones.find((z) => (model.policy.zoneMinStars[z] ?? 0) > (app.stars ?? 0));
    if (needing !== undefined)
      reasons.push({ code: 'zone_needs_stars', params: { zone: needing, minStars: model.policy.zoneMinStars[needing]! } });
    else reasons.push({ code: 'zone_taken', params: { zones: app.zones.join(',') } });
  }
  if (typeChoice >= 0) reasons.push({ code: 'type_wanted', params: { type: booth.type, choice: typeChoice + 1 } });

  const neighbourProducers = model.neighbours[bi]!.map((j) => layout.occupant[j]).filter(
    (p): p is string => p !== null && p !== app.producerId,
  );
  const adjacent = app.seekProducerIds.filter((id) => neighbourProducers.includes(id));
  const sameZone = app.seekProducerIds.filter(
    (id) => !adjacent.includes(id) && model.booths.some((b, j) => b.zone === booth.zone && layout.occupant[j] === id),
  );
  if (adjacent.length + sameZone.length > 0)
    reasons.push({
      code: 'near_sought',
      params: { producerIds: [...adjacent, ...sameZone].join(','), adjacent: adjacent.length, sameZone: sameZone.length },
    });

  const minStars = model.policy.zoneMinStars[booth.zone];
  if (minStars !== undefined)
    reasons.push({ code: 'zone_min_stars', params: { zone: booth.zone, minStars, stars: app.stars ?? 0 } });
  if (app.stars !== null) reasons.push({ code: 'stars_priority', params: { stars: app.stars } });
  if (app.priority > 0) reasons.push({ code: 'policy_priority', params: { priority: app.priority } });
  if (app.locality) {
    const mine = localityKey(app.provinceId, app.locality);
    const same = neighbourProducers.filter((p) => {
      const other = model.appOfProducer.get(p);
      return other !== undefined && localityKey(model.apps[other]!.provinceId, model.apps[other]!.locality) === mine;
    }).length;
    reasons.push(
      same === 0
        ? { code: 'locality_spread', params: { locality: app.locality } }
        : { code: 'locality_neighbour', params: { locality: app.locality, count: same } },
    );
  }
  const stated = app.zones.length + app.types.length + app.seekProducerIds.length > 0;
  if (!stated) reasons.push({ code: 'no_preference' });
  else if (zoneChoice < 0 && typeChoice < 0 && adjacent.length + sameZone.length === 0)
    reasons.push({ code: 'no_preference_met' });
  return reasons;
}

export { compareApplications };
