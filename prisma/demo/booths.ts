// The demo fair's booth policy and applications, so that the booth screens have something to
// show: two booths per producer, applications open until two days before the fair, zone E for
// producers with 4 OCOP stars or more, and Lâm Đồng's quota used up; 25 applications filed by
// the organisers for producers WITHOUT a sign-in (the demo sign-ins keep no booth and no
// application: the tests rely on it), in every status: submitted (two of them from Lâm Đồng,
// whose quota is full), approved still without a booth, waitlisted (each holding a waitlist
// offer, so that a booth freed later is never owed to a demo producer) and rejected with a
// reason. Deterministic: producers are taken in a fixed order by rules, not at random, and
// times are counted from the seed's `now`.
import type { Prisma } from '../../server/db/database.ts';
import { boothPolicySchema, type BoothPolicy } from '../../server/contracts/booths.ts';
import { toIsoInZone } from '../../server/contracts/time.ts';
import { FAIR_ZONES } from './data.ts';

type Tx = Prisma.TransactionClient;

const HOUR = 3_600_000;
const zoneName = (letter: string) => FAIR_ZONES.find((z) => z.letter === letter)!.name;
/** The province whose quota is used up in the demo, and the zone that asks for 4 stars. */
export const DEMO_QUOTA_PROVINCE = 'lam-dong';
export const DEMO_STARRED_ZONE = zoneName('E');
/** Applications closed two days before the fair, at 17:00; or two weeks on when that is past. */
const PLANNED_DEADLINE = Date.parse('2026-12-08T17:00:00+07:00');

export const DEMO_APPLICATION_COUNTS = { submitted: 10, approved: 6, waitlisted: 4, rejected: 5 } as const;

const REJECTIONS = [
  'Sản phẩm đăng ký chưa có giấy chứng nhận OCOP còn hiệu lực.',
  'Hồ sơ thiếu giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm; đề nghị bổ sung cho hội chợ sau.',
  'Nhóm hàng này đã đủ gian theo kế hoạch trưng bày của Ban tổ chức.',
  'Sản phẩm không thuộc nhóm hàng trưng bày của hội chợ.',
  'Không xác nhận tham gia sau hai lần Ban tổ chức liên hệ.',
];
const NOTES = [
  'Xin gian gần lối vào chính để tiện vận chuyển hàng.',
  'Cần ổ điện để trưng bày máy rang cà phê.',
  'Hộ đăng ký qua cán bộ xã; liên hệ qua điện thoại.',
  'Mong được bố trí cạnh các hợp tác xã cùng huyện.',
];

interface Candidate {
  id: string;
  name: string;
  provinceId: string;
  legalType: string;
  stars: number | null;
  category: string;
  productIds: string[];
}

type Status = 'submitted' | 'approved' | 'waitlisted' | 'rejected';
interface Plan {
  count: number;
  status: Status;
  fits: (c: Candidate) => boolean;
  support?: ('none' | 'subsidised' | 'free')[];
  /** Waitlisted with a booth offered to them now. */
  offered?: boolean;
  reason?: (i: number) => string;
}

const PLANS: Plan[] = [
  // Waiting for a decision while their province's quota is used up: the organiser decides.
  { count: 2, status: 'submitted', fits: (c) => c.provinceId === DEMO_QUOTA_PROVINCE },
  // Every waitlisted application holds an offer, so that no booth freed later (by the tests too)
  // goes to a demo producer: the waitlist is served, nothing is left stuck.
  {
    count: 4,
    status: 'waitlisted',
    offered: true,
    fits: (c) => c.legalType === 'household',
    support: ['free', 'subsidised', 'subsidised', 'none'],
    reason: () => 'Chờ gian trống; Ban tổ chức đã giữ một gian để hộ xác nhận.',
  },
  { count: 2, status: 'approved', fits: (c) => c.legalType === 'enterprise' && (c.stars ?? 0) >= 4 },
  { count: 2, status: 'approved', fits: (c) => c.legalType === 'cooperative_group', support: ['subsidised', 'free'] },
  { count: 2, status: 'approved', fits: () => true },
  { count: 1, status: 'rejected', fits: (c) => c.stars === null, reason: () => REJECTIONS[0]! },
  { count: 4, status: 'rejected', fits: () => true, reason: (i) => REJECTIONS[1 + (i % 4)]! },
  { count: 8, status: 'submitted', fits: () => true },
];
const PRIORITY = { none: 0, subsidised: 10, free: 20 } as const;

function preferencesOf(c: Candidate) {
  const zone =
    c.legalType === 'enterprise' && (c.stars ?? 0) >= 4
      ? 'E'
      : c.category === 'coffee' || c.category === 'cocoa'
        ? 'B'
        : c.provinceId !== 'dak-lak'
          ? 'C'
          : ['dried_food', 'processed_food', 'beverage'].includes(c.category)
            ? 'D'
            : 'A';
  const enterprise = c.legalType === 'enterprise';
  return {
    zones: [zoneName(zone)],
    types: enterprise ? ['premium', 'corner'] : ['standard'],
    seekProducerIds: [] as string[],
    avoidProducerIds: [] as string[],
    booths: enterprise ? 2 : 1,
  };
}

/** FNV-1a of a name: an order that mixes legal types and provinces, the same on every load. */
function mixed(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

/** Called once by seed.ts, in its transaction, after the fair's booths, assignments and holds. */
export async function seedBoothsDemo(tx: Tx, input: { fairId: string; now: Date }): Promise<void> {
  const { fairId, now } = input;
  const organiser = await tx.user.findFirstOrThrow({
    where: { role: 'organiser' },
    orderBy: { email: 'asc' },
    select: { id: true },
  });
  const stars = async (producerIds: string[]) =>
    new Map(
      (
        await tx.product.groupBy({
          by: ['producerId'],
          where: { producerId: { in: producerIds }, stars: { not: null }, certExpiresAt: { gt: now } },
          _max: { stars: true },
        })
      ).map((s) => [s.producerId, s._max.stars ?? null]),
    );

  // Zone E asks for 4 stars: the exhibitors placed there with fewer move to zone A, so that the
  // demo keeps its own rule.
  const inE = await tx.boothOccupancy.findMany({
    where: { eventId: fairId, kind: 'assigned', booth: { zone: DEMO_STARRED_ZONE } },
    select: { boothId: true, producerId: true },
    orderBy: { booth: { code: 'asc' } },
  });
  const starsInE = await stars(inE.map((o) => o.producerId));
  const freeIn = async (letter: string, order: 'asc' | 'desc') =>
    tx.booth.findMany({
      where: { eventId: fairId, zone: zoneName(letter), blocked: false, occupancy: { is: null }, type: { not: 'pavilion' } },
      select: { id: true },
      orderBy: { code: order },
    });
  const inA = await freeIn('A', 'asc');
  for (const o of inE.filter((o) => (starsInE.get(o.producerId) ?? 0) < 4))
    await tx.boothOccupancy.update({ where: { boothId: o.boothId }, data: { boothId: inA.shift()!.id } });

  // The quota of Lâm Đồng is what its producers hold already: used up.
  const quotaUsed = await tx.boothOccupancy.count({
    where: { eventId: fairId, kind: 'assigned', producer: { provinceId: DEMO_QUOTA_PROVINCE } },
  });
  const deadline = PLANNED_DEADLINE > now.getTime() ? PLANNED_DEADLINE : now.getTime() + 14 * 24 * HOUR;
  const policy: BoothPolicy = boothPolicySchema.parse({
    boothsPerProducer: 2,
    applicationDeadline: toIsoInZone(new Date(deadline)),
    quotas: [{ provinceId: DEMO_QUOTA_PROVINCE, maxBooths: quotaUsed }],
    zoneMinStars: { [DEMO_STARRED_ZONE]: 4 },
  });
  await tx.event.update({ where: { id: fairId }, data: { boothPolicy: JSON.stringify(policy) } });
  await tx.boothTally.create({ data: { eventId: fairId, key: `province:${DEMO_QUOTA_PROVINCE}`, count: quotaUsed } });

  // Producers without a sign-in, booth or hold at the fair, in a fixed mixed order (a hash of the name).
  const rows = await tx.producer.findMany({
    where: { users: { none: {} }, occupancies: { none: { eventId: fairId } } },
    select: {
      id: true,
      name: true,
      provinceId: true,
      legalType: true,
      products: { select: { id: true, category: true }, orderBy: { name: 'asc' } },
    },
    orderBy: { name: 'asc' },
  });
  rows.sort((a, b) => mixed(a.name) - mixed(b.name) || a.name.localeCompare(b.name));
  const best = await stars(rows.map((r) => r.id));
  const pool: Candidate[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    provinceId: r.provinceId,
    legalType: r.legalType,
    stars: best.get(r.id) ?? null,
    category: r.products[0]?.category ?? 'processed_food',
    productIds: r.products.slice(0, 3).map((p) => p.id),
  }));
  const used = new Set<string>();
  const offerBooths = await freeIn('D', 'desc');
  let n = 0;
  const total = PLANS.reduce((sum, p) => sum + p.count, 0);
  for (const plan of PLANS) {
    const chosen = pool.filter((c) => !used.has(c.id) && plan.fits(c)).slice(0, plan.count);
    for (const [i, c] of chosen.entries()) {
      used.add(c.id);
      const createdAt = new Date(now.getTime() - (total - n) * 7 * HOUR);
      const support = plan.support?.[i] ?? 'none';
      const decided = plan.status !== 'submitted';
      const application = await tx.boothApplication.create({
        data: {
          eventId: fairId,
          producerId: c.id,
          status: plan.status,
          preferences: JSON.stringify(preferencesOf(c)),
          productIds: JSON.stringify(c.productIds),
          note: n % 3 === 0 ? NOTES[(n / 3) % NOTES.length]! : '',
          reason: plan.reason?.(i) ?? '',
          support,
          priority: PRIORITY[support],
          submittedById: organiser.id,
          decidedById: decided ? organiser.id : null,
          decidedAt: decided ? new Date(Math.min(now.getTime(), createdAt.getTime() + 20 * HOUR)) : null,
          createdAt,
        },
        select: { id: true },
      });
      if (plan.offered)
        await tx.boothOccupancy.create({
          data: {
            boothId: offerBooths.shift()!.id,
            eventId: fairId,
            producerId: c.id,
            kind: 'offered',
            applicationId: application.id,
            expiresAt: new Date(now.getTime() + (12 + 6 * i) * HOUR),
            createdById: organiser.id,
          },
        });
      n += 1;
    }
  }
}
