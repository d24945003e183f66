// The demo's floor plans: the fair's five zones (~250 booths, a few blocked) and the draft
// fair's one, laid out as data.ts describes them; then 60 of the fair's booths assigned to
// producers without a sign-in, each in the zone that fits it, and 5 held for a day or two.
import type { Prisma } from '../../server/db/database.ts';
import { PRODUCER_LOGINS, type ZoneSpec } from './data.ts';
import type { DemoDirectory, ProducerSeed } from './directory.ts';

type Tx = Prisma.TransactionClient;

const PRICES = { standard: 3_000_000, corner: 3_500_000, premium: 6_000_000, pavilion: 12_000_000 };
const SIZE: Record<string, [type: keyof typeof PRICES, w: number, d: number]> = {
  c: ['corner', 3, 3],
  s: ['standard', 3, 3],
  p: ['premium', 6, 3],
  v: ['pavilion', 6, 6],
};

/** How many of the fair's booths are assigned, and how many held. */
export const FAIR_ASSIGNED = 60;
export const FAIR_HELD = 5;

function zoneRows(z: ZoneSpec): string[] {
  const cells = z.cells ?? 10;
  const regular = `c${'s'.repeat(cells - 2)}c`;
  return [...(z.front ? [z.front] : []), ...Array.from({ length: z.rows }, () => regular)];
}
export function zoneBoothCount(z: ZoneSpec): number {
  return zoneRows(z).reduce((n, row) => n + row.length, 0);
}

function layoutBooths(eventId: string, zones: ZoneSpec[], blocked: string[]): Prisma.BoothCreateManyInput[] {
  const booths: Prisma.BoothCreateManyInput[] = [];
  for (const z of zones) {
    let n = 0;
    let y = z.y;
    zoneRows(z).forEach((row, r) => {
      const isFront = r === 0 && z.front !== undefined;
      const k = z.front ? r - 1 : r; // index among regular rows: pairs back to back, aisles between pairs
      let x = z.x;
      let depth = 3;
      for (const ch of row) {
        const [type, widthM, depthM] = SIZE[ch]!;
        const code = `${z.letter}${String(++n).padStart(2, '0')}`;
        booths.push({
          eventId,
          code,
          zone: z.name,
          type,
          widthM,
          depthM,
          priceVnd: PRICES[type],
          x,
          y,
          blocked: blocked.includes(code),
        });
        x += widthM;
        depth = Math.max(depth, depthM);
      }
      y += depth + (isFront || k % 2 === 1 ? 3 : 0);
    });
  }
  return booths;
}

/** The zone letter a producer exhibits in: enterprises in E, coffee and cocoa in B, Cần Thơ and food in D, other provinces in C. */
function zoneOf(p: ProducerSeed): string {
  if (p.data.legalType === 'enterprise') return 'E';
  if (p.main === 'coffee' || p.main === 'cocoa') return 'B';
  if (p.data.provinceId === 'can-tho') return 'D';
  if (p.data.provinceId !== 'dak-lak') return 'C';
  return ['dried_food', 'processed_food', 'beverage'].includes(p.main) ? 'D' : 'A';
}

export async function seedFloorplans(
  tx: Tx,
  input: {
    fair: { id: string; zones: ZoneSpec[]; blocked: string[] };
    draft: { id: string; zones: ZoneSpec[] };
    producers: ProducerSeed[];
    directory: DemoDirectory;
    now: Date;
  },
): Promise<void> {
  const { fair, draft, directory, now } = input;
  await tx.booth.createMany({ data: layoutBooths(draft.id, draft.zones, []) });
  const booths = await tx.booth.createManyAndReturn({
    data: layoutBooths(fair.id, fair.zones, fair.blocked),
    select: { id: true, code: true, type: true, blocked: true },
  });
  // Assign every other producer without a sign-in to a booth of the zone that fits it, then hold a few.
  const taken = new Set<string>();
  const free = (letter: string) =>
    booths.filter((b) => b.code.startsWith(letter) && !b.blocked && b.type !== 'pavilion' && !taken.has(b.id));
  const logins = new Set(Object.values(PRODUCER_LOGINS));
  const candidates = input.producers.filter((p) => !logins.has(p.data.name));
  const assignments: Prisma.BoothOccupancyCreateManyInput[] = [];
  for (const p of candidates.filter((_, i) => i % 2 === 0 || i === candidates.length - 1).slice(0, FAIR_ASSIGNED)) {
    const booth = free(zoneOf(p))[0] ?? free('A')[0]!;
    taken.add(booth.id);
    assignments.push({ eventId: fair.id, boothId: booth.id, producerId: directory.producerId(p.data.name), kind: 'assigned' });
  }
  await tx.boothOccupancy.createMany({ data: assignments });
  // The counters the booths-per-producer limit is checked against (booths.repository.ts).
  await tx.boothTally.createMany({
    data: assignments.map((a) => ({ eventId: fair.id, key: `producer:${a.producerId}`, count: 1 })),
  });
  const holders = candidates.filter((_, i) => i % 2 === 1 && i !== candidates.length - 1).slice(0, FAIR_HELD);
  const holdable = free('A').reverse();
  await tx.boothOccupancy.createMany({
    data: holders.map((p, k) => ({
      boothId: holdable[k]!.id,
      eventId: fair.id,
      kind: 'held',
      producerId: directory.producerId(p.data.name),
      expiresAt: new Date(now.getTime() + (24 + 12 * k) * 3_600_000),
    })),
  });
}
