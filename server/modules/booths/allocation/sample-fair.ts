// A generated fair for the allocation's tests and bench: the same seed gives the same fair.
// Zones A–E laid out as blocks of rows of 3 × 3 m booths side by side (a row's booths are
// neighbours; rows face each other across a 3 m aisle, so they are not), zone D for 4★ and zone
// E for 5★ producers, some booths already assigned to applicants, stars 3/4/5/unrated,
// provinces and localities, quotas, producers to seek and to avoid (among them rivals who want
// the same zone and type), policy priorities, some asking for more booths than allowed.
// With `twins`, pairs of applications identical except their stars (the lower-star one
// arriving first; most with a policy priority) are mixed in; nobody avoids them, so that only
// their stars tell them apart.
import { seededRandom } from '../../../seeded-random.ts';
import type { AllocApplication, AllocBooth, AllocPolicy } from './allocate.ts';

export interface SampleFair {
  booths: AllocBooth[];
  applications: AllocApplication[];
  policy: AllocPolicy;
  /** [higher-star applicationId, lower-star applicationId] */
  twins: [string, string][];
}

export const ZONES = ['A', 'B', 'C', 'D', 'E'];
const PROVINCES: Record<string, string[]> = {
  'dak-lak': ['Krông Pắc', 'Buôn Hồ', 'Ea Kar'],
  'gia-lai': ['Chư Sê', 'An Khê', 'Ia Grai'],
  'lam-dong': ['Bảo Lộc', 'Đà Lạt', 'Di Linh'],
  'khanh-hoa': ['Cam Ranh', 'Ninh Hòa', 'Vạn Ninh'],
  'can-tho': ['Ninh Kiều', 'Cái Răng', 'Phong Điền'],
};
const PROVINCE_IDS = Object.keys(PROVINCES);

export function sampleFair(opts: { booths: number; applications: number; seed: number; twins?: number }): SampleFair {
  const random = seededRandom(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;

  // Floor plan: each zone a block of rows of 20 booths.
  const perZone = Math.ceil(opts.booths / ZONES.length);
  const rowsPerZone = Math.ceil(perZone / 20);
  const booths: AllocBooth[] = [];
  ZONES.forEach((zone, zi) => {
    for (let i = 0; i < perZone && booths.length < opts.booths; i++) {
      const row = Math.floor(i / 20);
      const col = i % 20;
      const type: AllocBooth['type'] =
        col === 0 || col === 19 ? 'corner' : i % 9 === 4 ? 'premium' : i % 25 === 12 ? 'pavilion' : 'standard';
      booths.push({
        id: `booth-${zone}${String(i + 1).padStart(3, '0')}`,
        code: `${zone}${String(i + 1).padStart(3, '0')}`,
        zone,
        type,
        x: col * 3,
        y: zi * (rowsPerZone * 6 + 6) + row * 6,
        widthM: 3,
        depthM: 3,
        occupiedBy: null,
      });
    }
  });

  const twinPairs = opts.twins ?? 0;
  const plain = opts.applications - 2 * twinPairs;
  const applications: AllocApplication[] = [];
  const base = Date.UTC(2026, 2, 1);
  const starsOf = (): number | null => {
    const r = random();
    return r < 0.35 ? 3 : r < 0.65 ? 4 : r < 0.8 ? 5 : null;
  };
  const zonesWanted = (): string[] => {
    const n = random() < 0.2 ? 0 : random() < 0.65 ? 1 : 2;
    const popular = ['A', 'A', 'B', 'B', 'C', 'D', 'E'];
    const out: string[] = [];
    while (out.length < n) {
      const z = pick(popular);
      if (!out.includes(z)) out.push(z);
    }
    return out;
  };
  const typesWanted = (): string[] =>
    chance(0.5) ? [] : chance(0.7) ? [pick(['corner', 'premium', 'pavilion'])] : ['corner', 'premium'];

  for (let i = 0; i < plain; i++) {
    const provinceId = pick(PROVINCE_IDS);
    applications.push({
      applicationId: `app-${String(i).padStart(4, '0')}`,
      producerId: `producer-${String(i).padStart(4, '0')}`,
      producerName: `HTX số ${i}`,
      provinceId,
      locality: pick(PROVINCES[provinceId]!),
      stars: starsOf(),
      priority: chance(0.85) ? 0 : chance(0.8) ? 1 : 2,
      createdAt: new Date(base + Math.floor(random() * 30 * 24 * 3600) * 1000).toISOString(),
      zones: zonesWanted(),
      types: typesWanted(),
      seekProducerIds: [],
      avoidProducerIds: [],
      // Some want more than the 2 booths a producer may have.
      booths: chance(0.8) ? 1 : chance(0.75) ? 2 : 3,
      alreadyHas: 0,
    });
  }

  // Some applicants already hold a booth (assigned by hand before the allocation).
  const occupiedCount = Math.floor(opts.booths * 0.06);
  for (let k = 0; k < occupiedCount && k < plain; k++) {
    const app = applications[Math.floor(random() * plain)]!;
    if (app.alreadyHas >= Math.min(app.booths, 2)) continue;
    const free = booths.filter(
      (b) => b.occupiedBy === null && (b.zone !== 'D' || (app.stars ?? 0) >= 4) && (b.zone !== 'E' || (app.stars ?? 0) >= 5),
    );
    if (free.length === 0) break;
    pick(free).occupiedBy = app.producerId;
    app.alreadyHas++;
  }
  const occupants = booths.flatMap((b) => (b.occupiedBy ? [b.occupiedBy] : []));

  // Neighbours to seek (often someone already placed) and to avoid.
  for (const app of applications) {
    if (chance(0.25)) {
      const n = chance(0.6) ? 1 : 2;
      for (let k = 0; k < n; k++) {
        const target = chance(0.6) && occupants.length > 0 ? pick(occupants) : pick(applications).producerId;
        if (target !== app.producerId && !app.seekProducerIds.includes(target)) app.seekProducerIds.push(target);
      }
    }
    if (chance(0.1)) {
      const target = chance(0.4) && occupants.length > 0 ? pick(occupants) : pick(applications).producerId;
      if (target !== app.producerId) app.avoidProducerIds.push(target);
    }
  }
  // Rivals: producers who want the same zone and booth type (so would likely stand side by
  // side), one of whom asked not to be next to the other.
  for (let k = 0; k + 1 < plain && k < plain / 10; k += 2) {
    const a = applications[k]!;
    const b = applications[k + 1]!;
    b.zones = [...a.zones];
    b.types = [...a.types];
    if (!a.avoidProducerIds.includes(b.producerId)) a.avoidProducerIds.push(b.producerId);
  }

  // Twins: identical but for the stars; the lower-star one applied first.
  const twins: [string, string][] = [];
  const starPairs: [number, number | null][] = [
    [5, 4],
    [4, 3],
    [5, null],
    [4, null],
    [5, 3],
  ];
  for (let t = 0; t < twinPairs; t++) {
    const [high, low] = starPairs[t % starPairs.length]!;
    const provinceId = pick(PROVINCE_IDS);
    const zones = t % 2 === 0 ? [pick(['A', 'B']), high === 5 ? 'E' : 'D'] : [pick(['A', 'B', 'C'])];
    const template = {
      producerName: `Cặp ${t}`,
      provinceId,
      locality: pick(PROVINCES[provinceId]!),
      // Most of them with a policy priority, so that both usually get a booth and compete.
      priority: t % 4 === 3 ? 0 : 1,
      zones,
      types: chance(0.5) ? [] : [pick(['corner', 'premium'])],
      seekProducerIds: chance(0.5) && occupants.length > 0 ? [pick(occupants)] : [],
      avoidProducerIds: [],
      booths: 1,
      alreadyHas: 0,
    };
    const arrival = base + Math.floor(random() * 30 * 24 * 3600) * 1000;
    const low_ = { ...template, applicationId: `twin-${t}-low`, producerId: `twin-producer-${t}-low`, stars: low };
    const high_ = { ...template, applicationId: `twin-${t}-high`, producerId: `twin-producer-${t}-high`, stars: high };
    applications.push(
      {
        ...low_,
        createdAt: new Date(arrival).toISOString(),
        zones: [...zones],
        types: [...template.types],
        seekProducerIds: [...template.seekProducerIds],
      },
      {
        ...high_,
        createdAt: new Date(arrival + 60_000).toISOString(),
        zones: [...zones],
        types: [...template.types],
        seekProducerIds: [...template.seekProducerIds],
      },
    );
    twins.push([high_.applicationId, low_.applicationId]);
  }

  const policy: AllocPolicy = {
    boothsPerProducer: 2,
    zoneMinStars: { D: 4, E: 5 },
    quotas: [
      { provinceId: 'gia-lai', maxBooths: Math.floor(opts.booths * 0.12) },
      { provinceId: 'dak-lak', locality: 'Krông Pắc', maxBooths: Math.floor(opts.booths * 0.03) },
    ],
    quotaUsed: [],
  };
  const byProducer = new Map(applications.map((a) => [a.producerId, a]));
  policy.quotaUsed = policy.quotas.map(
    (q) =>
      occupants.filter((p) => {
        const a = byProducer.get(p)!;
        return a.provinceId === q.provinceId && (q.locality === undefined || a.locality === q.locality);
      }).length,
  );
  return { booths, applications, policy, twins };
}
