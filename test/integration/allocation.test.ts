// Automatic allocation through the API, on the demo fair: the proposal keeps every rule, scores no
// worse than the greedy first-come baseline of the same run, and accepting it is one change that
// gives what is still possible and reports, never overwrites, booths taken meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let fairId = '';
let organiser = '';
const prisma = () => t.database.db.prisma;

interface Proposal {
  placements: { boothId: string; applicationId: string; producerId: string; reasons: { code: string }[] }[];
  unplaced: { applicationId: string; reason: string }[];
  score: number;
  greedyScore: number;
}

beforeAll(async () => {
  t = await startTestServer();
  organiser = await t.signIn(ORGANISER);
  fairId = (await prisma().event.findFirstOrThrow({ where: { kind: 'fair', status: 'published' }, select: { id: true } })).id;
  // Only our applications are approved, so the proposal is about them.
  await prisma().boothApplication.updateMany({ where: { eventId: fairId, status: 'approved' }, data: { status: 'rejected' } });
  const zones = (await prisma().booth.findMany({ where: { eventId: fairId }, distinct: ['zone'], select: { zone: true } })).map(
    (z) => z.zone,
  );
  const zoneE = zones.find((z) => z.startsWith('Khu E'))!;
  await prisma().event.update({
    where: { id: fairId },
    data: { boothPolicy: JSON.stringify({ boothsPerProducer: 2, zoneMinStars: { [zoneE]: 4 } }) },
  });
  for (let i = 0; i < 40; i += 1) {
    const name = `HTX phân bổ ${i}`;
    const producer = await prisma().producer.create({
      data: { name, nameFolded: name.toLowerCase(), legalType: 'cooperative', provinceId: 'dak-lak', locality: `Xã ${i % 5}` },
    });
    const stars = [3, 4, 5, null][i % 4];
    if (stars !== null)
      await prisma().product.create({
        data: {
          producerId: producer.id,
          name: `Sản phẩm ${i}`,
          nameFolded: `san pham ${i}`,
          category: 'coffee',
          stars,
          certExpiresAt: new Date(Date.now() + 365 * 86_400_000),
        },
      });
    await prisma().boothApplication.create({
      data: {
        eventId: fairId,
        producerId: producer.id,
        status: 'approved',
        preferences: JSON.stringify({ zones: [zones[i % zones.length]], booths: 1 + (i % 3 === 0 ? 1 : 0) }),
        createdAt: new Date(Date.now() - (40 - i) * 60_000),
      },
    });
  }
});
afterAll(() => t.close());

const propose = async (): Promise<Proposal> => {
  const res = await t.http.get(`/api/events/${fairId}/allocation`).set('Cookie', organiser);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Proposal;
};

describe('automatic allocation', () => {
  it('proposes free booths only, each once, within the rules, and no worse than greedy first-come', async () => {
    const proposal = await propose();
    expect(proposal.placements.length).toBeGreaterThan(30);
    const booths = proposal.placements.map((p) => p.boothId);
    expect(new Set(booths).size).toBe(booths.length);
    const rows = await prisma().booth.findMany({ where: { id: { in: booths } }, include: { occupancy: true } });
    expect(rows.every((b) => !b.blocked && b.occupancy === null)).toBe(true);
    const perProducer = new Map<string, number>();
    for (const p of proposal.placements) perProducer.set(p.producerId, (perProducer.get(p.producerId) ?? 0) + 1);
    expect(Math.max(...perProducer.values())).toBeLessThanOrEqual(2);
    // Zone E asks for 4 stars: nobody with fewer is placed there.
    const zoneOf = new Map(rows.map((b) => [b.id, b.zone]));
    for (const p of proposal.placements) {
      if (!zoneOf.get(p.boothId)!.startsWith('Khu E')) continue;
      const best = await prisma().product.aggregate({ where: { producerId: p.producerId }, _max: { stars: true } });
      expect(best._max.stars ?? 0).toBeGreaterThanOrEqual(4);
    }
    for (const p of proposal.placements) expect(p.reasons.length).toBeGreaterThan(0);
    expect(proposal.score).toBeGreaterThanOrEqual(proposal.greedyScore);
  });

  it('accepting is one change: what is still possible is given, a booth taken meanwhile is reported and kept', async () => {
    const proposal = await propose();
    const [taken, ...rest] = proposal.placements;
    const name = 'HTX đến trước';
    const other = await prisma().producer.create({
      data: { name, nameFolded: name.toLowerCase(), legalType: 'household', provinceId: 'dak-lak' },
    });
    const meanwhile = await t.http
      .put(`/api/events/${fairId}/booths/${taken!.boothId}/assignment`)
      .set('Cookie', organiser)
      .send({ producerId: other.id });
    expect(meanwhile.status).toBe(200);
    const seqBefore = (await prisma().activityStream.findUniqueOrThrow({ where: { key: `event:${fairId}` } })).lastSeq;
    const res = await t.http
      .post(`/api/events/${fairId}/allocation/accept`)
      .set('Cookie', organiser)
      .send({ placements: proposal.placements.map((p) => ({ boothId: p.boothId, applicationId: p.applicationId })) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.skipped).toEqual([{ boothId: taken!.boothId, applicationId: taken!.applicationId, conflict: 'booth' }]);
    expect(res.body.assigned).toHaveLength(rest.length);
    expect((await prisma().boothOccupancy.findUniqueOrThrow({ where: { boothId: taken!.boothId } })).producerId).toBe(other.id);
    for (const p of rest)
      expect(await prisma().boothOccupancy.findUnique({ where: { boothId: p.boothId } })).toMatchObject({
        kind: 'assigned',
        applicationId: p.applicationId,
      });
    // One fact for the whole allocation.
    const seqAfter = (await prisma().activityStream.findUniqueOrThrow({ where: { key: `event:${fairId}` } })).lastSeq;
    expect(seqAfter - seqBefore).toBe(1);
    // Accepting the same again changes nothing: every booth is taken now.
    const again = await t.http
      .post(`/api/events/${fairId}/allocation/accept`)
      .set('Cookie', organiser)
      .send({ placements: rest.slice(0, 3).map((p) => ({ boothId: p.boothId, applicationId: p.applicationId })) });
    expect(again.body.assigned).toEqual([]);
    expect(again.body.skipped.map((s: { conflict: string }) => s.conflict)).toEqual(['booth', 'booth', 'booth']);
  });
});
