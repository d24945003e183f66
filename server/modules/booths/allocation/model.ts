// The fair as the allocation sees it: booths in a fixed order with their neighbours, applications
// in rank order, how much each booth satisfies each application (its preference points), how
// much each application weighs (policy priority, then OCOP stars), and the hard rules of one
// placement. allocate(), greedyBaseline(), scorePlacements() and checkHardRules() all read the
// fair through this one model, so the optimum and the baseline are measured with one ruler.
import { areNeighbours } from '../booth-view.ts';
import { foldForSearch } from '../../directory/fold.ts';
import type { AllocApplication, AllocBooth, AllocPolicy } from './allocate.ts';

// --- preference points (a booth's satisfaction of one application) --------------------------

/** A wanted zone: the first choice is worth this, each later choice 5 less (at least 25). */
export const ZONE_POINTS = 40;
/** A wanted booth type: the first choice is worth this, each later choice 3 less (at least 12). */
export const TYPE_POINTS = 20;
/** A sought producer on a neighbouring booth; one in the same zone but further away counts 5. */
export const SEEK_ADJACENT_POINTS = 15;
export const SEEK_SAME_ZONE_POINTS = 5;
export const SEEK_MAX_POINTS = 30;
/** A neighbour of the same locality (spreading localities over the floor), at most 3 counted. */
export const SAME_LOCALITY_PENALTY = 8;
/** The most points one booth can give: a placement's cost is how far it falls short of this. */
export const MAX_POINTS = ZONE_POINTS + TYPE_POINTS + SEEK_MAX_POINTS;

// --- the value of placing at all -------------------------------------------------------------

/** Getting a first booth at the fair is worth more than any preference (MAX_POINTS < 100). */
export const FIRST_BOOTH_POINTS = 100;
/** A second or later booth of the same producer is worth less than someone else's first. */
export const EXTRA_BOOTH_POINTS = 50;
/**
 * Weight of one application = PRIORITY_BASE^(rank of its policy priority among those present)
 * × STARS_BASE^(stars level: unrated 0, 3★ 1, 4★ 2, 5★ 3). Higher stars weigh more, so with the
 * same preferences a higher-star producer is never given the worse booth of two (swapping them
 * would raise the total); a higher priority outweighs any stars and preference difference
 * (4 / 1.1³ > 1 + MAX_POINTS / EXTRA_BOOTH_POINTS), so it is placed first.
 */
export const PRIORITY_BASE = 4;
export const STARS_BASE = 1.1;
/** At most this many priority levels above the lowest weigh apart; lower ones share the lowest
 *  weight (keeps every cost an exact integer in a double, tie-breaks included). */
export const MAX_PRIORITY_RANK = 8;

export const starsLevel = (stars: number | null): number => (stars === null || stars < 3 ? 0 : Math.min(3, stars - 2));

/** Rank order: policy priority first, then stars (unrated last), then arrival, then id. */
export function compareApplications(a: AllocApplication, b: AllocApplication): number {
  return (
    b.priority - a.priority ||
    (b.stars ?? 0) - (a.stars ?? 0) ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0)
  );
}

const compareBooths = (a: AllocBooth, b: AllocBooth) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Two booths are neighbours exactly when the assignment check says so (booth-view.ts
 * areNeighbours: rectangles touching or at most 1 m apart), so a proposal that keeps the
 * neighbours-to-avoid rule here is also accepted booth by booth.
 */
export const boothsAreNeighbours = (a: AllocBooth, b: AllocBooth): boolean => areNeighbours(a, b);

/** foldForSearch, remembered: the same few localities are folded thousands of times. */
const folded = new Map<string, string>();
export function fold(text: string): string {
  let f = folded.get(text);
  if (f === undefined) {
    if (folded.size > 10_000) folded.clear();
    folded.set(text, (f = foldForSearch(text)));
  }
  return f;
}

export const localityKey = (provinceId: string, locality: string) => `${provinceId}:${fold(locality)}`;

/** Does this quota count this producer's booths? (as the assignment's tallies decide it) */
export function quotaCovers(quota: AllocPolicy['quotas'][number], app: Pick<AllocApplication, 'provinceId' | 'locality'>) {
  if (quota.provinceId !== app.provinceId) return false;
  return quota.locality === undefined || fold(quota.locality) === fold(app.locality);
}

export interface FairModel {
  booths: AllocBooth[];
  apps: AllocApplication[];
  policy: AllocPolicy;
  /** booth index → indices of its neighbouring booths */
  neighbours: number[][];
  boothIndex: Map<string, number>;
  appIndex: Map<string, number>;
  /** producerId → application index (an occupant's avoid list and locality come from it) */
  appOfProducer: Map<string, number>;
  /** the producer of the booth's occupant before this allocation, or null when free */
  initialOccupant: (string | null)[];
  avoids: Set<string>[];
  /** producerId → the producers that asked not to be beside it */
  avoidedBy: Map<string, Set<string>>;
  /** does the application avoid anyone, or anyone it? (if not, no neighbour can clash) */
  hasAvoidRule: Uint8Array;
  /** the zone minimum stars of each booth, 0 when none */
  boothMinStars: Int8Array;
  weight: number[];
  /** new booths each application may get: min(wanted, booths per producer) − already held */
  seatsCap: number[];
  /** quota indices covering each application */
  quotasOf: number[][];
  /** preference points of (application a, booth b) at points[a * booths + b], against the
   *  occupants before this allocation */
  points: Int16Array;
  /** producers of the same preferences, province, locality and priority (≥ 2 of them) */
  twinGroups: number[][];
}

export function buildModel(boothsIn: AllocBooth[], appsIn: AllocApplication[], policy: AllocPolicy): FairModel {
  const booths = [...boothsIn].sort(compareBooths);
  const apps = [...appsIn].sort(compareApplications);
  const boothIndex = new Map(booths.map((b, i) => [b.id, i]));
  const appIndex = new Map(apps.map((a, i) => [a.applicationId, i]));
  const appOfProducer = new Map(apps.map((a, i) => [a.producerId, i]));

  // Neighbours: booths sorted by x, so only those whose x range can come within 1 m are compared.
  const neighbours: number[][] = booths.map(() => []);
  const byX = booths.map((_, i) => i).sort((i, j) => booths[i]!.x - booths[j]!.x);
  const maxWidth = Math.max(0, ...booths.map((b) => b.widthM));
  for (let p = 0; p < byX.length; p++) {
    const i = byX[p]!;
    const a = booths[i]!;
    for (let q = p + 1; q < byX.length; q++) {
      const j = byX[q]!;
      const b = booths[j]!;
      if (b.x - (a.x + maxWidth) > 1) break;
      if (boothsAreNeighbours(a, b)) {
        neighbours[i]!.push(j);
        neighbours[j]!.push(i);
      }
    }
  }
  for (const list of neighbours) list.sort((x, y) => x - y);

  const initialOccupant = booths.map((b) => b.occupiedBy);
  const avoids = apps.map((a) => new Set(a.avoidProducerIds));
  const avoidedBy = new Map<string, Set<string>>();
  for (const a of apps)
    for (const target of a.avoidProducerIds) {
      let set = avoidedBy.get(target);
      if (!set) avoidedBy.set(target, (set = new Set()));
      set.add(a.producerId);
    }

  const hasAvoidRule = Uint8Array.from(apps, (a) => (a.avoidProducerIds.length > 0 || avoidedBy.has(a.producerId) ? 1 : 0));
  const boothMinStars = Int8Array.from(booths, (b) => policy.zoneMinStars[b.zone] ?? 0);

  const priorities = [...new Set(apps.map((a) => a.priority))].sort((x, y) => x - y);
  const lowest = Math.max(0, priorities.length - 1 - MAX_PRIORITY_RANK);
  const priorityRank = new Map(priorities.map((p, i) => [p, Math.max(0, i - lowest)]));
  const weight = apps.map((a) => PRIORITY_BASE ** priorityRank.get(a.priority)! * STARS_BASE ** starsLevel(a.stars));
  const seatsCap = apps.map((a) => Math.max(0, Math.min(a.booths, policy.boothsPerProducer) - a.alreadyHas));
  const quotasOf = apps.map((a) => policy.quotas.flatMap((q, qi) => (quotaCovers(q, a) ? [qi] : [])));

  const points = preferencePoints(booths, apps, neighbours, initialOccupant, appOfProducer);

  const groups = new Map<string, number[]>();
  apps.forEach((a, ai) => {
    const key = JSON.stringify([
      a.priority,
      a.provinceId,
      fold(a.locality),
      a.zones,
      a.types,
      [...a.seekProducerIds].sort(),
      [...a.avoidProducerIds].sort(),
      a.booths,
    ]);
    const list = groups.get(key);
    if (list) list.push(ai);
    else groups.set(key, [ai]);
  });
  const twinGroups = [...groups.values()].filter((g) => g.length > 1);

  return {
    booths,
    apps,
    policy,
    neighbours,
    boothIndex,
    appIndex,
    appOfProducer,
    initialOccupant,
    avoids,
    avoidedBy,
    hasAvoidRule,
    boothMinStars,
    weight,
    seatsCap,
    quotasOf,
    points,
    twinGroups,
  };
}

/**
 * Preference points of every (application, booth) pair, against the occupants before this
 * allocation: a wanted zone (first choice 40, each later one 5 less, at least 25), a wanted
 * type (20, then 3 less, at least 12), sought producers (15 for each on a neighbouring booth,
 * 5 for each elsewhere in the zone, at most 30), minus 8 for each neighbour of its own locality
 * (at most 3). A wish not stated counts as met (a producer that wants no zone in particular is
 * as content anywhere as one that got its zone), so stating a wish never makes a producer more
 * likely to be placed than one who did not. Built from per-zone, per-type and per-neighbourhood
 * tables, so 1,200 applications × 1,000 booths take milliseconds.
 */
function preferencePoints(
  booths: AllocBooth[],
  apps: AllocApplication[],
  neighbours: number[][],
  occupant: (string | null)[],
  appOfProducer: Map<string, number>,
): Int16Array {
  const nB = booths.length;
  const zoneIds = new Map<string, number>();
  const typeIds = new Map<string, number>();
  const boothZone = new Int32Array(nB);
  const boothType = new Int32Array(nB);
  booths.forEach((b, bi) => {
    if (!zoneIds.has(b.zone)) zoneIds.set(b.zone, zoneIds.size);
    if (!typeIds.has(b.type)) typeIds.set(b.type, typeIds.size);
    boothZone[bi] = zoneIds.get(b.zone)!;
    boothType[bi] = typeIds.get(b.type)!;
  });
  // Where each producer already stands, and how many neighbours of each locality a booth has.
  const boothsOf = new Map<string, number[]>();
  occupant.forEach((p, bi) => {
    if (p === null) return;
    const list = boothsOf.get(p);
    if (list) list.push(bi);
    else boothsOf.set(p, [bi]);
  });
  // Per locality: the booths beside its producers, with how many of them stand there.
  const around = new Map<string, Map<number, { count: number; producers: Set<string> }>>();
  for (const [producer, list] of boothsOf) {
    const ai = appOfProducer.get(producer);
    if (ai === undefined || !apps[ai]!.locality) continue;
    const key = localityKey(apps[ai]!.provinceId, apps[ai]!.locality);
    let byBooth = around.get(key);
    if (!byBooth) around.set(key, (byBooth = new Map()));
    for (const bi of list)
      for (const j of neighbours[bi]!) {
        const entry = byBooth.get(j) ?? { count: 0, producers: new Set() };
        entry.count++;
        entry.producers.add(producer);
        byBooth.set(j, entry);
      }
  }

  const points = new Int16Array(apps.length * nB);
  const zonePoints = new Int16Array(zoneIds.size);
  const typePoints = new Int16Array(typeIds.size);
  const seekPoints = new Int16Array(nB);
  const stamp = new Int32Array(nB).fill(-1);
  apps.forEach((app, ai) => {
    zonePoints.fill(app.zones.length === 0 ? ZONE_POINTS : 0);
    app.zones.forEach((z, i) => {
      const id = zoneIds.get(z);
      if (id !== undefined && zonePoints[id] === 0) zonePoints[id] = Math.max(25, ZONE_POINTS - 5 * i);
    });
    typePoints.fill(app.types.length === 0 ? TYPE_POINTS : 0);
    app.types.forEach((t, i) => {
      const id = typeIds.get(t);
      if (id !== undefined && typePoints[id] === 0) typePoints[id] = Math.max(12, TYPE_POINTS - 3 * i);
    });
    const row = ai * nB;
    if (app.seekProducerIds.length === 0)
      for (let bi = 0; bi < nB; bi++)
        points[row + bi] = zonePoints[boothZone[bi]!]! + typePoints[boothType[bi]!]! + SEEK_MAX_POINTS;
    else {
      seekPoints.fill(0);
      [...new Set(app.seekProducerIds)].forEach((sought, si) => {
        const at = sought === app.producerId ? undefined : boothsOf.get(sought);
        if (!at) return;
        const stampId = ai * 64 + si;
        const zones = new Set(at.map((bi) => boothZone[bi]!));
        for (const bi of at)
          for (const j of neighbours[bi]!)
            if (stamp[j] !== stampId) {
              stamp[j] = stampId;
              seekPoints[j] = seekPoints[j]! + SEEK_ADJACENT_POINTS;
            }
        for (let bi = 0; bi < nB; bi++)
          if (stamp[bi] !== stampId && zones.has(boothZone[bi]!)) seekPoints[bi] = seekPoints[bi]! + SEEK_SAME_ZONE_POINTS;
      });
      for (let bi = 0; bi < nB; bi++)
        points[row + bi] = zonePoints[boothZone[bi]!]! + typePoints[boothType[bi]!]! + Math.min(SEEK_MAX_POINTS, seekPoints[bi]!);
    }
    const beside = app.locality ? around.get(localityKey(app.provinceId, app.locality)) : undefined;
    if (beside)
      for (const [bi, { count, producers }] of beside) {
        const others = producers.has(app.producerId) ? count - countAt(bi, app.producerId) : count;
        points[row + bi] = points[row + bi]! - Math.min(3, others) * SAME_LOCALITY_PENALTY;
      }
  });
  return points;

  /** neighbours of booth bi that the producer itself occupies (they are not "others") */
  function countAt(bi: number, producer: string): number {
    let n = 0;
    for (const j of neighbours[bi]!) if (occupant[j] === producer) n++;
    return n;
  }
}

/** Zone minimum stars: a producer without valid stars, or with fewer, is not placed there. */
export function starsAllow(model: FairModel, ai: number, bi: number): boolean {
  return (model.apps[ai]!.stars ?? 0) >= model.boothMinStars[bi]!;
}

/** Would placing producer of application ai on booth bi put it beside one it avoids, or one
 *  that avoids it, given who stands where (occupant per booth index)? */
export function avoidClash(model: FairModel, ai: number, bi: number, occupant: (string | null)[]): string | null {
  if (!model.hasAvoidRule[ai]) return null;
  const me = model.apps[ai]!.producerId;
  const mine = model.avoids[ai]!;
  const avoidingMe = model.avoidedBy.get(me);
  for (const j of model.neighbours[bi]!) {
    const other = occupant[j];
    if (other === null || other === undefined || other === me) continue;
    if (mine.has(other) || avoidingMe?.has(other)) return other;
  }
  return null;
}

/** The hard rules of one placement on a free booth: zone stars and neighbours to avoid. */
export function placementAllowed(model: FairModel, ai: number, bi: number, occupant: (string | null)[]): boolean {
  return occupant[bi] === null && starsAllow(model, ai, bi) && avoidClash(model, ai, bi, occupant) === null;
}

/** What placing an application on a booth is worth: its weight × (booth value + points). */
export function placementValue(model: FairModel, ai: number, bi: number, seatIndex: number): number {
  const base = seatIndex === 0 ? FIRST_BOOTH_POINTS : EXTRA_BOOTH_POINTS;
  return model.weight[ai]! * (base + model.points[ai * model.booths.length + bi]!);
}
