// The automatic booth allocation (server/modules/booths/allocation): hard rules never broken,
// higher stars never worse off, optimal where greedy is not, and compared with the greedy
// first-come baseline in the same run. The hard rules are checked here in the test's own words
// (with the one neighbour rule of the floor plan, booth-view.ts areNeighbours), not only with
// the module's checkHardRules.
import { describe, expect, it } from 'vitest';
import {
  allocate,
  checkHardRules,
  greedyBaseline,
  scorePlacements,
  type AllocApplication,
  type AllocBooth,
  type AllocPolicy,
  type Placement,
  type Proposal,
} from '../../server/modules/booths/allocation/allocate.ts';
import { sampleFair } from '../../server/modules/booths/allocation/sample-fair.ts';
import { seededRandom } from '../../server/seeded-random.ts';
import { areNeighbours } from '../../server/modules/booths/booth-view.ts';

const booth = (code: string, over: Partial<AllocBooth> = {}): AllocBooth => ({
  id: `b-${code}`,
  code,
  zone: code[0]!,
  type: 'standard',
  x: 0,
  y: 0,
  widthM: 3,
  depthM: 3,
  occupiedBy: null,
  ...over,
});
let arrival = 0;
const application = (id: string, over: Partial<AllocApplication> = {}): AllocApplication => ({
  applicationId: `app-${id}`,
  producerId: `p-${id}`,
  producerName: `HTX ${id}`,
  provinceId: `province-${id}`,
  locality: '',
  stars: 3,
  priority: 0,
  createdAt: new Date(Date.UTC(2026, 2, 1, 8, arrival++)).toISOString(),
  zones: [],
  types: [],
  seekProducerIds: [],
  avoidProducerIds: [],
  booths: 1,
  alreadyHas: 0,
  ...over,
});
const policyOf = (over: Partial<AllocPolicy> = {}): AllocPolicy => ({
  boothsPerProducer: 1,
  zoneMinStars: {},
  quotas: [],
  quotaUsed: [],
  ...over,
});
const boothOf = (p: Proposal, applicationId: string) =>
  p.placements.filter((x) => x.applicationId === applicationId).map((x) => x.boothCode);

/** The hard rules, in the test's own words. */
function brokenRules(booths: AllocBooth[], apps: AllocApplication[], policy: AllocPolicy, placements: Placement[]): string[] {
  const broken: string[] = [];
  const boothById = new Map(booths.map((b) => [b.id, b]));
  const appById = new Map(apps.map((a) => [a.applicationId, a]));
  const appByProducer = new Map(apps.map((a) => [a.producerId, a]));
  const seen = new Set<string>();
  const count = new Map<string, number>();
  for (const p of placements) {
    const b = boothById.get(p.boothId)!;
    const a = appById.get(p.applicationId)!;
    if (seen.has(p.boothId)) broken.push(`twice: ${b.code}`);
    seen.add(p.boothId);
    if (b.occupiedBy !== null) broken.push(`taken: ${b.code}`);
    const min = policy.zoneMinStars[b.zone];
    if (min !== undefined && (a.stars === null || a.stars < min)) broken.push(`stars: ${a.producerName} in ${b.code}`);
    count.set(a.producerId, (count.get(a.producerId) ?? 0) + 1);
  }
  for (const [producerId, n] of count) {
    const a = appByProducer.get(producerId)!;
    if (a.alreadyHas + n > policy.boothsPerProducer) broken.push(`limit: ${producerId}`);
    if (a.alreadyHas + n > a.booths) broken.push(`more than wanted: ${producerId}`);
  }
  policy.quotas.forEach((q, i) => {
    const used = placements.filter((p) => {
      const a = appById.get(p.applicationId)!;
      return a.provinceId === q.provinceId && (q.locality === undefined || a.locality === q.locality);
    }).length;
    if ((policy.quotaUsed[i] ?? 0) + used > q.maxBooths) broken.push(`quota ${q.provinceId}/${q.locality ?? ''}`);
  });
  const standing = [
    ...booths.flatMap((b) => (b.occupiedBy ? [{ booth: b, producerId: b.occupiedBy }] : [])),
    ...placements.map((p) => ({ booth: boothById.get(p.boothId)!, producerId: p.producerId })),
  ];
  for (const x of standing)
    for (const y of standing) {
      if (x.producerId === y.producerId || !areNeighbours(x.booth, y.booth)) continue;
      if (appByProducer.get(x.producerId)?.avoidProducerIds.includes(y.producerId))
        broken.push(`avoid: ${x.producerId} beside ${y.producerId} (${x.booth.code}/${y.booth.code})`);
    }
  return broken;
}

describe('allocation of a generated fair of 300 booths and 350 applications', () => {
  const fair = sampleFair({ booths: 300, applications: 350, seed: 20260301, twins: 12 });
  const { booths, applications, policy } = fair;
  const proposal = allocate(booths, applications, policy);
  const greedy = greedyBaseline(booths, applications, policy);
  const inParts = allocate(booths, applications, policy, { wholeSolveLimit: 1e6 });

  it('is a fair with every rule in play', () => {
    expect(booths).toHaveLength(300);
    expect(applications).toHaveLength(350);
    expect(new Set(booths.map((b) => b.zone))).toEqual(new Set(['A', 'B', 'C', 'D', 'E']));
    expect(policy.zoneMinStars).toEqual({ D: 4, E: 5 });
    expect(applications.filter((a) => a.stars === null).length).toBeGreaterThan(30);
    expect(applications.filter((a) => a.avoidProducerIds.length > 0).length).toBeGreaterThan(20);
    expect(booths.filter((b) => b.occupiedBy).length).toBeGreaterThan(10);
    // More booths are wanted than there are: someone must be left out.
    expect(applications.reduce((n, a) => n + Math.min(a.booths, 2) - a.alreadyHas, 0)).toBeGreaterThan(
      booths.filter((b) => !b.occupiedBy).length,
    );
    expect(proposal.placements.length).toBeGreaterThan(250);
  });

  it('gives no booth twice and no booth already taken', () => {
    const ids = proposal.placements.map((p) => p.boothId);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = new Set(booths.filter((b) => b.occupiedBy).map((b) => b.id));
    expect(ids.filter((id) => taken.has(id))).toEqual([]);
  });

  it('gives no producer more than the booths per producer, nor more than it wants', () => {
    const byApp = new Map(applications.map((a) => [a.applicationId, a]));
    const count = new Map<string, number>();
    for (const p of proposal.placements) count.set(p.applicationId, (count.get(p.applicationId) ?? 0) + 1);
    for (const [id, n] of count) {
      const a = byApp.get(id)!;
      expect(a.alreadyHas + n).toBeLessThanOrEqual(policy.boothsPerProducer);
      expect(a.alreadyHas + n).toBeLessThanOrEqual(a.booths);
    }
    expect([...count.values()].some((n) => n === 2)).toBe(true);
    expect(applications.some((a) => a.booths > policy.boothsPerProducer)).toBe(true);
    expect(proposal.unplaced.some((u) => u.reason === 'limit')).toBe(true);
  });

  it('places nobody in a zone whose minimum stars it lacks', () => {
    const byApp = new Map(applications.map((a) => [a.applicationId, a]));
    const inStarZones = proposal.placements.filter((p) => ['D', 'E'].includes(p.boothCode[0]!));
    expect(inStarZones.length).toBeGreaterThan(20);
    for (const p of inStarZones) {
      const stars = byApp.get(p.applicationId)!.stars;
      expect(stars).not.toBeNull();
      expect(stars!).toBeGreaterThanOrEqual(policy.zoneMinStars[p.boothCode[0]!]!);
    }
  });

  it('keeps the quotas, and says so to those it leaves out for them', () => {
    const byApp = new Map(applications.map((a) => [a.applicationId, a]));
    policy.quotas.forEach((q, i) => {
      const used = proposal.placements.filter((p) => {
        const a = byApp.get(p.applicationId)!;
        return a.provinceId === q.provinceId && (q.locality === undefined || a.locality === q.locality);
      }).length;
      expect(policy.quotaUsed[i]! + used).toBeLessThanOrEqual(q.maxBooths);
    });
    expect(proposal.unplaced.some((u) => u.reason === 'quota')).toBe(true);
  });

  it('breaks no hard rule, by the test’s own count and by checkHardRules, whole or in parts, nor does greedy', () => {
    for (const p of [proposal, inParts, greedy]) {
      expect(brokenRules(booths, applications, policy, p.placements)).toEqual([]);
      expect(checkHardRules(booths, applications, policy, p.placements)).toEqual([]);
    }
  });

  it('never leaves a higher-star producer worse off than a lower-star one of the same preferences', () => {
    const byId = new Map(proposal.placements.map((p) => [p.applicationId, p]));
    let lowPlaced = 0;
    for (const [high, low] of fair.twins) {
      const h = byId.get(high);
      const l = byId.get(low);
      if (!l) continue;
      lowPlaced++;
      expect(h, `${high} is placed since ${low} is`).toBeDefined();
      expect(h!.cost, `${high} in ${h!.boothCode} vs ${low} in ${l.boothCode}`).toBeLessThanOrEqual(l.cost);
    }
    expect(lowPlaced).toBeGreaterThan(5);
  });

  it('scores no worse than the greedy first-come baseline in the same run, whole or in parts', () => {
    expect(proposal.score).toBeGreaterThanOrEqual(greedy.score);
    expect(inParts.score).toBeGreaterThanOrEqual(greedy.score);
    expect(scorePlacements(booths, applications, policy, proposal.placements)).toBe(proposal.score);
  });

  it('explains every placement, and names the zone it wanted when it got one', () => {
    const byApp = new Map(applications.map((a) => [a.applicationId, a]));
    for (const p of proposal.placements) {
      expect(p.reasons.length).toBeGreaterThan(0);
      const a = byApp.get(p.applicationId)!;
      const zone = p.reasons.find((r) => r.code === 'zone_wanted');
      expect(Boolean(zone)).toBe(a.zones.includes(p.boothCode[0]!));
      if (zone) expect(zone.params?.zone).toBe(p.boothCode[0]);
    }
    for (const u of proposal.unplaced) expect(['no_booth_fits', 'limit', 'quota', 'capacity']).toContain(u.reason);
  });

  it('gives the same proposal for the same fair, whatever order it is given in', () => {
    const rnd = seededRandom(7);
    const shuffle = <T>(list: T[]) =>
      list
        .map((x) => [rnd(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    const again = allocate(shuffle(booths), shuffle(applications), policy);
    expect(again).toEqual(proposal);
  });
});

describe('allocation on hand-made fairs', () => {
  it('is optimal where greedy first-come is not', () => {
    // The first to apply does not mind where it stands; greedy gives it A01 (first of equals),
    // so the second, which wants zone A, gets zone B. The optimum swaps them.
    const booths = [booth('A01'), booth('B01', { x: 30 })];
    const early = application('early');
    const late = application('late', { zones: ['A'] });
    const policy = policyOf();
    const greedy = greedyBaseline(booths, [early, late], policy);
    const best = allocate(booths, [early, late], policy);
    expect(boothOf(greedy, early.applicationId)).toEqual(['A01']);
    expect(boothOf(greedy, late.applicationId)).toEqual(['B01']);
    expect(boothOf(best, early.applicationId)).toEqual(['B01']);
    expect(boothOf(best, late.applicationId)).toEqual(['A01']);
    expect(best.score).toBeGreaterThan(greedy.score);
    expect(best.placements.find((p) => p.applicationId === late.applicationId)!.reasons).toContainEqual({
      code: 'zone_wanted',
      params: { zone: 'A', choice: 1 },
    });
  });

  it('finds the best assignment, as an exhaustive search does, on small random fairs', () => {
    const rnd = seededRandom(42);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
    for (let round = 0; round < 25; round++) {
      const booths = Array.from({ length: 5 }, (_, i) =>
        booth(`${pick(['A', 'B', 'C'])}0${i}`, { type: pick(['standard', 'corner', 'premium'] as const), x: i * 10 }),
      );
      const apps = Array.from({ length: 3 + Math.floor(rnd() * 4) }, (_, i) =>
        application(`r${round}-${i}`, {
          stars: pick([3, 4, 5, null]),
          priority: pick([0, 0, 1]),
          zones: rnd() < 0.8 ? [pick(['A', 'B', 'C'])] : [],
          types: rnd() < 0.5 ? [pick(['corner', 'premium'])] : [],
        }),
      );
      const policy = policyOf({ zoneMinStars: { C: 4 } });
      const best = allocate(booths, apps, policy);
      // Every way of giving each application one booth or none.
      let bestScore = 0;
      const choice: number[] = [];
      const search = (i: number) => {
        if (i === apps.length) {
          const placements = choice.flatMap((b, a) =>
            b < 0 ? [] : [{ boothId: booths[b]!.id, applicationId: apps[a]!.applicationId, producerId: apps[a]!.producerId }],
          );
          if (checkHardRules(booths, apps, policy, placements).length === 0)
            bestScore = Math.max(bestScore, scorePlacements(booths, apps, policy, placements));
          return;
        }
        for (let b = -1; b < booths.length; b++) {
          if (b >= 0 && choice.includes(b)) continue;
          choice[i] = b;
          search(i + 1);
        }
        choice.length = i;
      };
      search(0);
      expect(best.score, `round ${round}`).toBe(bestScore);
    }
  });

  it('gives the one booth to the higher-star producer, though it is the other’s first choice and its second', () => {
    const booths = [booth('A01')];
    const three = application('three', { stars: 3, zones: ['A'] });
    const five = application('five', { stars: 5, zones: ['B', 'A'] });
    const p = allocate(booths, [three, five], policyOf());
    expect(boothOf(p, five.applicationId)).toEqual(['A01']);
    expect(p.placements[0]!.reasons).toContainEqual({ code: 'stars_priority', params: { stars: 5 } });
    // A policy priority weighs more than any stars.
    const favoured = application('favoured', { stars: null, priority: 1, zones: ['C'] });
    expect(boothOf(allocate(booths, [three, five, favoured], policyOf()), favoured.applicationId)).toEqual(['A01']);
  });

  it('gives the higher-star producer the wanted zone even when the optimum would rather place both', () => {
    // One booth in the wanted zone A, one in zone E for 5★ only. Placing the 5★ in E and the 4★
    // in A places both; but then the higher-star one is worse off, so it gets A.
    const booths = [booth('A01'), booth('E01', { x: 30 })];
    const five = application('five', { stars: 5, zones: ['A'], provinceId: 'same' });
    const four = application('four', { stars: 4, zones: ['A'], provinceId: 'same' });
    const p = allocate(booths, [four, five], policyOf({ zoneMinStars: { E: 5 } }));
    expect(boothOf(p, five.applicationId)).toEqual(['A01']);
    expect(boothOf(p, four.applicationId)).toEqual([]);
    expect(p.unplaced).toContainEqual({
      applicationId: four.applicationId,
      producerId: four.producerId,
      reason: 'capacity',
      booths: 1,
    });
  });

  it('never puts two new neighbours side by side when one avoids the other, and finds the other a booth', () => {
    // A01 and A02 touch; A03 stands across an aisle. Both want zone A and corner booths A01/A02.
    const booths = [booth('A01', { type: 'corner' }), booth('A02', { x: 3, type: 'corner' }), booth('A03', { y: 10 })];
    const first = application('first', { priority: 1, types: ['corner'], avoidProducerIds: ['p-second'] });
    const second = application('second', { types: ['corner'] });
    const policy = policyOf();
    const p = allocate(booths, [first, second], policy);
    expect(boothOf(p, first.applicationId)).toHaveLength(1);
    expect(boothOf(p, second.applicationId)).toEqual(['A03']);
    expect(checkHardRules(booths, [first, second], policy, p.placements)).toEqual([]);
    // Nor beside an occupant that avoids it.
    const occupied = [booth('A01', { occupiedBy: 'p-third' }), booth('A02', { x: 3 }), booth('A03', { y: 10 })];
    const third = application('third', { avoidProducerIds: ['p-fourth'], alreadyHas: 1 });
    const fourth = application('fourth', { zones: ['A'] });
    const q = allocate(occupied, [third, fourth], policy);
    expect(boothOf(q, fourth.applicationId)).toEqual(['A03']);
  });

  it('fills a quota in rank order (priority, then stars) and tells the others why not', () => {
    const booths = [booth('A01'), booth('A02', { x: 10 }), booth('A03', { x: 20 })];
    const quota = { provinceId: 'dak-lak', maxBooths: 1 };
    const low = application('low', { provinceId: 'dak-lak', stars: 5 });
    const high = application('high', { provinceId: 'dak-lak', stars: 3, priority: 2 });
    const other = application('other', { provinceId: 'gia-lai' });
    const p = allocate(booths, [low, high, other], policyOf({ quotas: [quota], quotaUsed: [0] }));
    expect(boothOf(p, high.applicationId)).toHaveLength(1);
    expect(boothOf(p, other.applicationId)).toHaveLength(1);
    expect(p.unplaced).toEqual([{ applicationId: low.applicationId, producerId: low.producerId, reason: 'quota', booths: 1 }]);
    // A quota already used up by booths assigned before gives no room at all.
    const full = allocate(booths, [high], policyOf({ quotas: [quota], quotaUsed: [1] }));
    expect(full.placements).toEqual([]);
    expect(full.unplaced[0]!.reason).toBe('quota');
  });

  it('gives a producer no more than the booths per producer, counting those it has', () => {
    const booths = ['A01', 'A02', 'A03', 'A04'].map((c, i) => booth(c, { x: i * 10 }));
    const has = application('has', { booths: 3, alreadyHas: 1 });
    const p = allocate(booths, [has], policyOf({ boothsPerProducer: 2 }));
    expect(boothOf(p, has.applicationId)).toHaveLength(1);
    expect(p.unplaced).toEqual([{ applicationId: has.applicationId, producerId: has.producerId, reason: 'limit', booths: 1 }]);
    const star = application('star', { stars: null });
    const none = allocate([booth('E01')], [star], policyOf({ zoneMinStars: { E: 4 } }));
    expect(none.unplaced[0]!.reason).toBe('no_booth_fits');
  });

  it('copes with a fair without booths or without applications', () => {
    const app = application('alone');
    expect(allocate([], [app], policyOf())).toEqual({
      placements: [],
      unplaced: [{ applicationId: app.applicationId, producerId: app.producerId, reason: 'no_booth_fits', booths: 1 }],
      score: 0,
    });
    expect(allocate([booth('A01')], [], policyOf())).toEqual({ placements: [], unplaced: [], score: 0 });
    expect(greedyBaseline([], [], policyOf())).toEqual({ placements: [], unplaced: [], score: 0 });
  });

  it('checkHardRules names each rule a set of placements breaks', () => {
    const booths = [booth('A01'), booth('A02', { x: 3 }), booth('E01', { x: 30 }), booth('A09', { x: 60, occupiedBy: 'p-x' })];
    const a = application('a', { avoidProducerIds: ['p-b'], provinceId: 'q' });
    const b = application('b', { stars: 3, provinceId: 'q' });
    const policy = policyOf({ zoneMinStars: { E: 4 }, quotas: [{ provinceId: 'q', maxBooths: 1 }], quotaUsed: [0] });
    const at = (app: AllocApplication, code: string) => ({
      boothId: `b-${code}`,
      applicationId: app.applicationId,
      producerId: app.producerId,
    });
    const violations = checkHardRules(booths, [a, b], policy, [
      at(a, 'A01'),
      at(b, 'A02'),
      at(b, 'E01'),
      at(a, 'A01'),
      at(a, 'A09'),
    ]);
    const text = violations.join('\n');
    expect(text).toMatch(/A01 is given twice/);
    expect(text).toMatch(/A09 is already taken/);
    expect(text).toMatch(/zone E needs 4 stars/);
    expect(text).toMatch(/over the 1 per producer/);
    expect(text).toMatch(/quota q: 5 booths, over 1/);
    expect(text).toMatch(/stands beside/);
    expect(checkHardRules(booths, [a, b], policy, [at(a, 'A01')])).toEqual([]);
  });
});
