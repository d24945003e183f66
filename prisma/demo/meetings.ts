// The afternoon session of the fair, as it stands at its break (issue 10's engine, the deals
// issue 11's dashboard counts): exporters, e-commerce platforms, distributors and hotels meet
// producers, in request mode. Producers and buyers have listed whom they want to meet; buyers
// booked most meetings themselves and organisers booked the households; a producer asked for a
// buyer's slot and was accepted (turning a rival's request away), another was declined with a
// reason, and two requests still wait. A buyer cancelled a meeting of the late afternoon. Of
// the meetings before the break some are held (both parties checked in, or organisers marked
// them) and one producer did not come; their outcomes are recorded: agreements and listings in
// VND confirmed by the other side (the deals), one disputed, one awaiting its answer.
//
// Every change goes through the repository the API uses, inside the demo's one transaction: the
// rules are checked as for any booking (a plan that broke one would stop the demo loading), and
// each change logs the fact the API logs, with its seq. The plan is made in memory first, from
// the directory and fixed dates: the same day whatever the date it is loaded on, with booking
// times counted back from then. Kept to about fifty changes: each costs a repository call, and
// the demo loads on every fresh start (and in every test file).
import type { Prisma } from '../../server/db/database.ts';
import type { OutcomeStatus } from '../../server/contracts/matchmaking.ts';
import type { Actor } from '../../server/modules/matchmaking/meetings.repository.ts';
import { BUYERS, PRODUCER_LOGINS, type BuyerRow, type Category } from './data.ts';
import { buyerLoginOf, HOST_ORGANISER } from './accounts.ts';
import type { DemoDirectory, ProducerSeed } from './directory.ts';
import { repositoriesIn } from './repositories.ts';

type Tx = Prisma.TransactionClient;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The buyers of the afternoon: how many meetings each has from which slot on (one after the
 * other where its producers are free), with how many representatives, and slots one skips.
 */
export const TRADE_BUYERS: {
  login: string;
  meetings: number;
  from: number;
  representatives?: number;
  blockedSlots?: number[];
}[] = [
  { login: 'simexco', meetings: 2, from: 0, blockedSlots: [7, 8] }, // its delegation leaves for the airport at 16:10
  { login: 'phucsinh', meetings: 2, from: 1 },
  { login: 'xnk.taynguyen', meetings: 1, from: 2 },
  { login: 'gao.mekong', meetings: 1, from: 0 },
  { login: 'postmart', meetings: 3, from: 1, representatives: 2 },
  { login: 'voso', meetings: 1, from: 5 },
  { login: 'chophien', meetings: 1, from: 3 },
  { login: 'dacsan.hanoi', meetings: 2, from: 4 },
  { login: 'taydo', meetings: 2, from: 4 },
  { login: 'ocop.danang', meetings: 1, from: 3 },
  { login: 'caonguyenxanh', meetings: 1, from: 6 },
  { login: 'beptaynguyen', meetings: 2, from: 4 },
];
/** The slots before the break, over when the demo shows the session. */
const HELD_SLOTS = 5;
const MAX_PER_PRODUCER = 3;
/** The buyer that accepts a producer's request (after a rival's for the same seat), and the one that declines one. */
const ACCEPTING = 'simexco';
const DECLINING = {
  buyer: 'gao.mekong',
  reason: 'Công ty chỉ thu mua gạo và nông sản sấy đạt OCOP 4 sao trở lên để xuất khẩu; mời liên hệ lại khi được nâng hạng.',
};

/**
 * What came of a held meeting of this buyer: who records it, and how the other side answers
 * (none: still waiting; organisers' records stand confirmed). A producer answers for itself,
 * or organisers for one without a sign-in (`byOrganiser`). The producers that record or answer
 * for themselves, or are asked to (`signedUp`), have a sign-in.
 */
interface OutcomePlan {
  buyer: string;
  by: 'buyer' | 'producer' | 'organiser';
  status: OutcomeStatus;
  valueVnd?: number;
  note: string;
  answer?: { agree: boolean; note?: string; byOrganiser?: true };
  signedUp?: true;
}
export const TRADE_OUTCOMES: OutcomePlan[] = [
  {
    buyer: 'simexco',
    by: 'buyer',
    status: 'agreement',
    valueVnd: 1_850_000_000,
    note: 'Biên bản ghi nhớ xuất khẩu 20 tấn cà phê nhân sang EU trong quý I/2027.',
    answer: { agree: true },
  },
  {
    buyer: 'phucsinh',
    by: 'producer',
    status: 'agreement',
    valueVnd: 2_400_000_000,
    note: 'Hợp đồng nguyên tắc cung cấp 8 tấn tiêu đen đạt chuẩn xuất khẩu EU.',
    answer: { agree: true },
  },
  {
    buyer: 'xnk.taynguyen',
    by: 'organiser',
    status: 'agreement',
    valueVnd: 3_200_000_000,
    note: 'Ban tổ chức nhập theo biên bản ghi nhớ ký tại bàn: thu mua vụ 2027 theo mã vùng trồng.',
  },
  {
    buyer: 'gao.mekong',
    by: 'organiser',
    status: 'agreement',
    valueVnd: 960_000_000,
    note: 'Ban tổ chức nhập theo hợp đồng nguyên tắc đã ký.',
  },
  {
    buyer: 'postmart',
    by: 'buyer',
    status: 'listed',
    valueVnd: 120_000_000,
    note: 'Đưa lên gian hàng OCOP Đắk Lắk trên Postmart, đơn hàng 6 tháng đầu.',
    answer: { agree: true, note: 'Ban tổ chức xác nhận thay chủ thể (chưa có tài khoản).', byOrganiser: true },
  },
  {
    buyer: 'dacsan.hanoi',
    by: 'buyer',
    status: 'listed',
    valueVnd: 350_000_000,
    note: 'Niêm yết tại 12 cửa hàng đặc sản ở Hà Nội.',
    answer: { agree: false, note: 'Hai bên mới thống nhất gửi hàng mẫu, chưa ký niêm yết.' },
  },
  {
    buyer: 'taydo',
    by: 'buyer',
    status: 'agreement',
    valueVnd: 600_000_000,
    note: 'Phân phối tại các cửa hàng nông sản sạch ở Cần Thơ và Vĩnh Long.',
    signedUp: true,
  },
];

interface Buyer {
  login: string;
  row: BuyerRow;
  representatives: number;
  blocked: Set<number>;
}
interface PlannedMeeting {
  buyer: Buyer;
  producer: ProducerSeed;
  slot: number;
  /** its buyer books it, organisers book it (a household), or its producer asks and the buyer accepts */
  how: 'buyer' | 'organiser' | 'request';
}

/** FNV-1a: an order that mixes the directory differently for each buyer, the same on every load. */
function mixed(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

/** The producer's best stars in these categories from certificates valid on the day (0: none). */
export function starsFor(p: ProducerSeed, categories: readonly Category[], day: Date): number {
  let best = 0;
  for (const product of p.products)
    if (
      product.stars &&
      product.certExpiresAt &&
      new Date(product.certExpiresAt).getTime() > day.getTime() &&
      categories.includes(product.category as Category)
    )
      best = Math.max(best, product.stars);
  return best;
}

/** Who meets whom in which slot: each buyer's meetings, one after the other, with producers that fit it. */
function planDay(producers: ProducerSeed[], buyers: Buyer[], slotCount: number, day: Date) {
  const logins = new Set(Object.values(PRODUCER_LOGINS));
  const pool = producers.filter((p) => !logins.has(p.data.name));
  const busy = new Map<ProducerSeed, Set<number>>();
  const seats = new Map<string, number>(); // "buyer slot" → meetings
  const meetings: PlannedMeeting[] = [];
  const fits = (b: Buyer, p: ProducerSeed) => starsFor(p, b.row[3], day) >= b.row[4];
  const freeFor = (b: Buyer, p: ProducerSeed, slot: number) =>
    !b.blocked.has(slot) &&
    !(busy.get(p)?.has(slot) ?? false) &&
    (busy.get(p)?.size ?? 0) < MAX_PER_PRODUCER &&
    (seats.get(`${b.login} ${slot}`) ?? 0) < b.representatives &&
    !meetings.some((m) => m.buyer === b && m.producer === p);
  for (const b of buyers) {
    const { meetings: want, from } = TRADE_BUYERS.find((t) => t.login === b.login)!;
    const order = Array.from({ length: slotCount }, (_, k) => (k + from) % slotCount);
    const candidates = pool
      .filter((p) => fits(b, p))
      .sort((x, y) => mixed(`${b.login} ${x.data.name}`) - mixed(`${b.login} ${y.data.name}`));
    let planned = 0;
    for (const p of candidates) {
      if (planned === want) break;
      const slot = order.find((s) => freeFor(b, p, s));
      if (slot === undefined) continue;
      busy.set(p, new Set([...(busy.get(p) ?? []), slot]));
      seats.set(`${b.login} ${slot}`, (seats.get(`${b.login} ${slot}`) ?? 0) + 1);
      const how = planned === 0 && b.login === ACCEPTING ? 'request' : p.data.legalType === 'household' ? 'organiser' : 'buyer';
      meetings.push({ buyer: b, producer: p, slot, how });
      planned++;
    }
    if (planned < want) throw new Error(`the demo finds too few producers for ${b.login}`);
  }
  /** A producer with no meeting planned, not yet given another part, that fits. */
  const given = new Set<ProducerSeed>();
  const another = (fitsPart: (p: ProducerSeed) => boolean, part: string) => {
    const p = pool.find((x) => !busy.has(x) && !given.has(x) && fitsPart(x));
    if (!p) throw new Error(`the demo finds no producer for ${part}`);
    given.add(p);
    return p;
  };
  return { meetings, fits, freeFor, another };
}

export async function seedTradeDay(
  tx: Tx,
  input: {
    eventId: string;
    sessionId: string;
    producers: ProducerSeed[];
    directory: DemoDirectory;
    passwordHash: string;
    now: Date;
  },
): Promise<void> {
  const { eventId, sessionId, directory } = input;
  const repos = repositoriesIn(tx);
  const slots = await tx.slot.findMany({
    where: { sessionId },
    orderBy: { position: 'asc' },
    select: { id: true, startsAt: true, endsAt: true },
  });
  const day = slots[0]!.startsAt;
  const buyers: Buyer[] = TRADE_BUYERS.map((t) => ({
    login: t.login,
    row: BUYERS.find((b) => b[6] === t.login)!,
    representatives: t.representatives ?? 1,
    blocked: new Set(t.blockedSlots ?? []),
  }));
  const buyerNamed = (login: string) => buyers.find((b) => b.login === login)!;
  const plan = planDay(input.producers, buyers, slots.length, day);
  const ids = new Map(directory.buyers.map((b) => [b.name, b.id]));
  const buyerId = (b: Buyer) => ids.get(b.row[0])!;
  const producerId = (p: ProducerSeed) => directory.producerId(p.data.name);
  const slotId = (slot: number) => slots[slot]!.id;

  // Which held meeting each outcome is of; the producers that speak for themselves sign up.
  const before = plan.meetings.filter((m) => m.slot < HELD_SLOTS).sort((a, b) => a.slot - b.slot);
  const outcomeOf = new Map<PlannedMeeting, OutcomePlan>();
  for (const o of TRADE_OUTCOMES) {
    const m = before.find((x) => x.buyer.login === o.buyer && !outcomeOf.has(x));
    if (!m) throw new Error(`the demo has no meeting of ${o.buyer} before the break for its outcome`);
    outcomeOf.set(m, o);
  }
  const noShow = before.find((m) => !outcomeOf.has(m) && m.how === 'buyer');
  if (!noShow) throw new Error('the demo has no meeting before the break for its no-show');

  await tx.sessionBuyer.createMany({
    data: buyers.map((b) => ({
      sessionId,
      buyerId: buyerId(b),
      representatives: b.representatives,
      blockedSlotIds: JSON.stringify([...b.blocked].map(slotId)),
    })),
  });
  const organiserUser = await tx.user.findUniqueOrThrow({ where: { email: HOST_ORGANISER } });
  const organiser: Actor = { userId: organiserUser.id, side: 'organiser', staff: true };
  const buyerUsers = new Map(
    (
      await tx.user.findMany({
        where: { email: { in: buyers.map((b) => buyerLoginOf(b.login)) } },
        select: { id: true, email: true },
      })
    ).map((u) => [u.email, u.id]),
  );
  const buyerActor = (b: Buyer): Actor => ({ userId: buyerUsers.get(buyerLoginOf(b.login))!, side: 'buyer', staff: false });
  const producerUsers = new Map<ProducerSeed, string>();
  for (const [m, o] of outcomeOf) {
    if (producerUsers.has(m.producer) || !(o.signedUp || o.by === 'producer' || (o.answer && !o.answer.byOrganiser))) continue;
    const p = m.producer;
    const user = await tx.user.create({
      data: {
        email: p.data.email!,
        role: 'producer',
        name: `${p.data.contactName} (${p.data.name})`,
        passwordHash: input.passwordHash,
        producerId: producerId(p),
      },
      select: { id: true },
    });
    producerUsers.set(p, user.id);
  }
  // Organisers act for the producers without a sign-in.
  const producerActor = (p: ProducerSeed): Actor => {
    const userId = producerUsers.get(p);
    return userId ? { userId, side: 'producer', staff: false } : organiser;
  };

  // Wish lists: the signed-up producers name the buyers they came for and one more; a few
  // buyers name two of the producers they meet and one they do not.
  for (const [p] of producerUsers) {
    const theirs = plan.meetings.filter((m) => m.producer === p).map((m) => m.buyer);
    const more = buyers.find((b) => !theirs.includes(b) && plan.fits(b, p));
    await repos.schedule.replaceWishes({
      sessionId,
      eventId,
      side: 'producer',
      ownerId: producerId(p),
      otherIds: [...theirs, ...(more ? [more] : [])].map(buyerId),
      actorId: producerActor(p).userId,
    });
  }
  for (const b of [buyerNamed('simexco'), buyerNamed('postmart'), buyerNamed('chophien')]) {
    const met = plan.meetings.filter((m) => m.buyer === b).map((m) => m.producer);
    const wanted = plan.another((p) => plan.fits(b, p), `a wish of ${b.login}`);
    await repos.schedule.replaceWishes({
      sessionId,
      eventId,
      side: 'buyer',
      ownerId: buyerId(b),
      otherIds: [...met.slice(0, 2), wanted].map(producerId),
      actorId: buyerActor(b).userId,
    });
  }

  // The days before, every 20 minutes from 60 hours before the demo's time (or before two days
  // ahead of the session, when that is past): the request a buyer accepts, after a rival's for
  // the same seat, and the one another declines; the bookings; then the answers. Two requests
  // still wait, asked in the last hours.
  const asked = Math.min(input.now.getTime(), day.getTime() - 48 * HOUR);
  let clock = asked - 60 * HOUR;
  const at = () => new Date((clock += 20 * MINUTE));
  const ask = async (p: ProducerSeed, b: Buyer, slot: number, message: string) =>
    (
      await repos.requests.create({
        sessionId,
        slotId: slotId(slot),
        producerId: producerId(p),
        buyerId: buyerId(b),
        message,
        actor: producerActor(p),
        now: at(),
      })
    ).request.id;
  const requested = plan.meetings.find((x) => x.how === 'request')!;
  await ask(
    plan.another((p) => plan.fits(requested.buyer, p), 'a rival request'),
    requested.buyer,
    requested.slot,
    'Mong được gặp để giới thiệu sản phẩm đạt OCOP.',
  );
  const accepted = await ask(requested.producer, requested.buyer, requested.slot, 'Xin đăng ký gặp tại phiên chiều.');
  const decliner = buyerNamed(DECLINING.buyer);
  const declinedFrom = plan.another(
    (p) => starsFor(p, decliner.row[3], day) === 3 && slots.some((_, s) => plan.freeFor(decliner, p, s)),
    'a declined request',
  );
  const declined = await ask(
    declinedFrom,
    decliner,
    slots.findIndex((_, s) => plan.freeFor(decliner, declinedFrom, s)),
    'Xin gặp để chào hàng gạo thơm.',
  );
  for (const m of plan.meetings.filter((x) => x.how !== 'request'))
    await repos.meetings.book({
      sessionId,
      slotId: slotId(m.slot),
      producerId: producerId(m.producer),
      buyerId: buyerId(m.buyer),
      actor: m.how === 'buyer' ? buyerActor(m.buyer) : organiser,
      now: at(),
    });
  await repos.requests.accept({ requestId: accepted, actor: buyerActor(requested.buyer), now: at() });
  await repos.requests.decline({ requestId: declined, actor: buyerActor(decliner), now: at(), reason: DECLINING.reason });
  clock = asked - 6 * HOUR;
  const late = slots.map((_, s) => s).filter((s) => s >= HELD_SLOTS);
  for (let n = 0; n < 2; n++) {
    const b = buyers[(3 * n + 4) % buyers.length]!;
    const p = plan.another((x) => plan.fits(b, x) && late.some((s) => plan.freeFor(b, x, s)), 'a waiting request');
    await ask(
      p,
      b,
      late.find((s) => plan.freeFor(b, p, s))!,
      'Xin gặp vào cuối buổi chiều.',
    );
  }

  // The day: the evening before, a buyer cancels its last meeting. Before the break both
  // parties of the first meeting check in; organisers mark the other meetings with an outcome
  // held, and the producer who never came a no-show.
  const meetingIds = new Map(
    (await tx.meeting.findMany({ where: { sessionId }, select: { id: true, producerId: true, buyerId: true } })).map((m) => [
      `${m.producerId} ${m.buyerId}`,
      m.id,
    ]),
  );
  const meetingId = (m: PlannedMeeting) => meetingIds.get(`${producerId(m.producer)} ${buyerId(m.buyer)}`)!;
  const cancelled = plan.meetings.filter((m) => m.buyer.login === 'beptaynguyen').sort((a, b) => b.slot - a.slot)[0]!;
  await repos.meetings.cancel({
    meetingId: meetingId(cancelled),
    actor: buyerActor(cancelled.buyer),
    now: new Date(day.getTime() - 18 * HOUR),
  });
  for (const [k, m] of [...outcomeOf.keys()].entries()) {
    const starts = slots[m.slot]!.startsAt.getTime();
    if (k > 0 || !producerUsers.has(m.producer)) {
      await repos.meetings.attendance({ meetingId: meetingId(m), status: 'held', actor: organiser });
      continue;
    }
    await repos.meetings.checkIn({
      meetingId: meetingId(m),
      party: 'buyer',
      actor: buyerActor(m.buyer),
      now: new Date(starts + MINUTE),
    });
    await repos.meetings.checkIn({
      meetingId: meetingId(m),
      party: 'producer',
      actor: producerActor(m.producer),
      now: new Date(starts + 3 * MINUTE),
    });
  }
  await repos.meetings.attendance({ meetingId: meetingId(noShow), status: 'no_show', actor: organiser });

  // What came of them: recorded after each meeting, answered that evening.
  const products = await tx.product.findMany({
    where: { producerId: { in: [...outcomeOf.keys()].map((m) => producerId(m.producer)) } },
    select: { id: true, producerId: true, category: true },
    orderBy: { name: 'asc' },
  });
  for (const [m, o] of outcomeOf) {
    const ends = slots[m.slot]!.endsAt.getTime();
    await repos.meetings.recordOutcome({
      meetingId: meetingId(m),
      body: {
        status: o.status,
        ...(o.valueVnd !== undefined ? { valueVnd: o.valueVnd } : {}),
        productIds: products
          .filter((x) => x.producerId === producerId(m.producer) && m.buyer.row[3].includes(x.category as Category))
          .slice(0, 2)
          .map((x) => x.id),
        note: o.note,
      },
      actor: o.by === 'buyer' ? buyerActor(m.buyer) : o.by === 'producer' ? producerActor(m.producer) : organiser,
      now: new Date(ends + 5 * MINUTE),
    });
    if (!o.answer) continue;
    await repos.meetings.confirmOutcome({
      meetingId: meetingId(m),
      agree: o.answer.agree,
      ...(o.answer.note ? { note: o.answer.note } : {}),
      expected: { status: o.status, valueVnd: o.valueVnd ?? null },
      actor: o.by === 'producer' ? buyerActor(m.buyer) : o.answer.byOrganiser ? organiser : producerActor(m.producer),
      now: new Date(ends + 4 * HOUR),
    });
  }
}
