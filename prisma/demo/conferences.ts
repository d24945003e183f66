// The Đắk Lắk – Sóc Trăng conference as its organisers have prepared it, a fortnight before
// (issue 12): the programme of the day, the two provinces' delegations with the producers and
// buyers each brings, the B2B meetings the delegations arranged for the morning (producers of
// one province with buyers of the other), and the agreements drawn up for the signing
// ceremony, in order: two confirmed by both sides (deals on the dashboard), one awaiting the
// demo producer's confirmation (a browser test confirms it), one not yet confirmed by anyone.
//
// Every change goes through the services the API uses (repositories.ts), as the host's or the
// partner's organiser or as a party: the conference's rules are checked (one province per
// delegation, different provinces at a table and on an agreement) and each change logs its fact.
import type { Prisma } from '../../server/db/database.ts';
import type { AgendaItemInput } from '../../server/contracts/conferences.ts';
import type { AuthUser } from '../../server/modules/auth/auth.service.ts';
import type { Actor } from '../../server/modules/matchmaking/meetings.repository.ts';
import { BUYERS, PRODUCER_LOGINS, type Category } from './data.ts';
import { buyerLoginOf, HOST_ORGANISER, PARTNER_ORGANISER } from './accounts.ts';
import type { DemoDirectory, ProducerSeed } from './directory.ts';
import { starsFor } from './meetings.ts';
import { repositoriesIn } from './repositories.ts';
import { DEMO } from './story.ts';

type Tx = Prisma.TransactionClient;
const HOST = 'dak-lak';
const PARTNER = DEMO.conference.partnerProvinceId;
const MINUTE = 60_000;

const on = (time: string) => `2026-12-18T${time}:00+07:00`;
type Agenda = Omit<AgendaItemInput, 'startsAt' | 'endsAt'> & { from: string; to: string };
export const CONFERENCE_AGENDA: Agenda[] = [
  {
    kind: 'other',
    title: 'Đón tiếp đại biểu, đăng ký tham dự',
    from: '07:30',
    to: '08:00',
    place: 'Sảnh chính, Trung tâm Hội nghị tỉnh',
    speakers: [],
    provinceId: null,
  },
  {
    kind: 'opening',
    title: 'Khai mạc hội nghị; phát biểu chào mừng của lãnh đạo UBND tỉnh Đắk Lắk',
    from: '08:00',
    to: '08:20',
    place: 'Hội trường A',
    speakers: [{ name: 'Nguyễn Thiên Văn', title: 'Phó Chủ tịch UBND tỉnh Đắk Lắk' }],
    provinceId: HOST,
  },
  {
    kind: 'presentation',
    title: 'Tiềm năng, thế mạnh và sản phẩm OCOP tỉnh Đắk Lắk',
    from: '08:20',
    to: '08:50',
    place: 'Hội trường A',
    speakers: [{ name: 'Trương Công Thái', title: 'Giám đốc Sở Nông nghiệp và Môi trường Đắk Lắk' }],
    provinceId: HOST,
  },
  {
    kind: 'presentation',
    title: 'Sản phẩm OCOP khu vực Sóc Trăng (thành phố Cần Thơ) và nhu cầu kết nối',
    from: '08:50',
    to: '09:20',
    place: 'Hội trường A',
    speakers: [{ name: 'Lâm Thị Sóc Hoa', title: 'Phó Giám đốc Sở Công Thương thành phố Cần Thơ' }],
    provinceId: PARTNER,
  },
  {
    kind: 'showcase',
    title: 'Tham quan khu trưng bày sản phẩm OCOP của hai địa phương',
    from: '09:30',
    to: '11:30',
    place: 'Khu trưng bày, tầng 1',
    speakers: [],
    provinceId: null,
  },
  {
    kind: 'b2b',
    title: `${DEMO.conference.arrangedSession.name} (6 bàn)`,
    from: '09:30',
    to: '11:30',
    place: 'Phòng họp B1',
    speakers: [],
    provinceId: null,
  },
  { kind: 'other', title: 'Nghỉ trưa', from: '11:30', to: '13:30', place: '', speakers: [], provinceId: null },
  {
    kind: 'b2b',
    title: `${DEMO.conference.session.name} (12 bàn)`,
    from: '13:30',
    to: '16:30',
    place: 'Hội trường B',
    speakers: [],
    provinceId: null,
  },
  {
    kind: 'signing',
    title: 'Lễ ký kết biên bản ghi nhớ, hợp đồng hợp tác tiêu thụ sản phẩm; bế mạc',
    from: '16:30',
    to: '17:00',
    place: 'Hội trường A',
    speakers: [
      { name: 'Nguyễn Thiên Văn', title: 'Phó Chủ tịch UBND tỉnh Đắk Lắk' },
      { name: 'Trần Quốc Nam', title: 'Phó Chủ tịch UBND thành phố Cần Thơ' },
    ],
    provinceId: null,
  },
];

/** The buyers each delegation brings (by sign-in), and whom they meet in the morning. */
const DELEGATION_BUYERS: Record<string, string[]> = {
  [HOST]: ['simexco', 'xnk.taynguyen', 'caonguyenxanh'],
  [PARTNER]: ['gao.mekong', 'taydo'],
};
/** How many arranged meetings each buyer has, one after the other from the first slot. */
const ARRANGED: [login: string, meetings: number][] = [
  ['taydo', 3],
  ['gao.mekong', 2],
  ['caonguyenxanh', 1],
];

/** The ceremony's agreements, in order. Parties by the demo's names and sign-ins. */
interface AgreementPlan {
  kind: 'mou' | 'contract';
  title: string;
  /** side a: a producer of one province; side b: a buyer of the other */
  producer: string | ((p: ProducerSeed) => boolean);
  buyer: string;
  valueVnd: number;
  categories: Category[];
  /** who has confirmed: the parties' own sign-ins, or their province's organisers for them */
  confirmed: { a?: 'party' | 'organiser'; b?: 'party' | 'organiser' };
}
const AGREEMENTS: AgreementPlan[] = [
  {
    kind: 'contract',
    title: 'Hợp đồng cung cấp gạo ST25 lúa – tôm cho nhà hàng khách sạn Cao nguyên Xanh',
    producer: 'Công ty TNHH Gạo Lúa tôm Mỹ Xuyên',
    buyer: 'caonguyenxanh',
    valueVnd: 380_000_000,
    categories: ['rice'],
    confirmed: { a: 'party', b: 'party' },
  },
  {
    kind: 'mou',
    title: 'Biên bản ghi nhớ thu mua nông sản sấy khô đạt OCOP để xuất khẩu',
    producer: (p) => p.data.provinceId === HOST && p.products.some((x) => x.category === 'dried_food' && (x.stars ?? 0) >= 4),
    buyer: 'gao.mekong',
    valueVnd: 2_100_000_000,
    categories: ['dried_food'],
    confirmed: { a: 'organiser', b: 'organiser' },
  },
  {
    kind: 'contract',
    title: 'Hợp đồng phân phối cà phê OCOP Ea Tul tại chuỗi cửa hàng nông sản sạch Tây Đô',
    producer: 'HTX Cà phê Chất lượng cao Ea Tul',
    buyer: 'taydo',
    valueVnd: 1_250_000_000,
    categories: ['coffee'],
    confirmed: { b: 'party' },
  },
  {
    kind: 'mou',
    title: 'Biên bản ghi nhớ tiêu thụ mật ong hoa cà phê tại Đồng bằng sông Cửu Long',
    producer: 'Hộ kinh doanh Mật ong Hoa cà phê Ea Phê',
    buyer: 'taydo',
    valueVnd: 180_000_000,
    categories: ['honey'],
    confirmed: {},
  },
];

export async function seedConference(
  tx: Tx,
  input: { eventId: string; arrangedSessionId: string; producers: ProducerSeed[]; directory: DemoDirectory; now: Date },
): Promise<void> {
  const { eventId, directory } = input;
  let clock = Math.min(input.now.getTime(), Date.parse(on('07:30')) - 14 * 24 * 60 * MINUTE) - 48 * 60 * MINUTE;
  const at = () => new Date((clock += 30 * MINUTE));
  const repos = repositoriesIn(tx, () => new Date(clock));
  const userOf = async (email: string): Promise<AuthUser> => {
    const u = await tx.user.findUniqueOrThrow({ where: { email } });
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role as AuthUser['role'],
      producerId: u.producerId,
      buyerId: u.buyerId,
      provinceId: u.provinceId,
    };
  };
  const host = await userOf(HOST_ORGANISER);
  const partner = await userOf(PARTNER_ORGANISER);
  const organiserOf = (provinceId: string) => (provinceId === HOST ? host : partner);
  const buyerRow = (login: string) => BUYERS.find((b) => b[6] === login)!;
  const buyerId = (login: string) => directory.buyers.find((b) => b.name === buyerRow(login)[0])!.id;
  const producerId = (p: ProducerSeed) => directory.producerId(p.data.name);

  for (const item of CONFERENCE_AGENDA) {
    const { from, to, ...fields } = item;
    at();
    await repos.conferences.addAgendaItem(host, eventId, { ...fields, startsAt: on(from), endsAt: on(to) });
  }

  // The morning's meetings: each buyer with producers of the other province that fit it (its
  // categories, its minimum stars from certificates valid on the day), none of the demo's sign-ins.
  const logins = new Set(Object.values(PRODUCER_LOGINS));
  const slots = await tx.slot.findMany({ where: { sessionId: input.arrangedSessionId }, orderBy: { position: 'asc' } });
  const day = slots[0]!.startsAt;
  await tx.sessionBuyer.createMany({
    data: ARRANGED.map(([login]) => ({ sessionId: input.arrangedSessionId, buyerId: buyerId(login), representatives: 1 })),
  });
  const busy = new Set<string>();
  const met = new Map<string, ProducerSeed[]>();
  for (const [login, count] of ARRANGED) {
    const row = buyerRow(login);
    const candidates = input.producers.filter(
      (p) =>
        p.data.provinceId !== row[2] &&
        [HOST, PARTNER].includes(p.data.provinceId!) &&
        !logins.has(p.data.name) &&
        starsFor(p, row[3], day) >= row[4],
    );
    const user = await userOf(buyerLoginOf(login));
    const actor: Actor = { userId: user.id, side: 'buyer', staff: false };
    let slot = 0;
    for (const p of candidates) {
      if ((met.get(login)?.length ?? 0) === count) break;
      if (busy.has(`${p.data.name} ${slot}`) || [...busy].filter((b) => b.startsWith(`${p.data.name} `)).length >= 2) continue;
      await repos.meetings.book({
        sessionId: input.arrangedSessionId,
        slotId: slots[slot]!.id,
        producerId: producerId(p),
        buyerId: buyerId(login),
        actor,
        now: at(),
      });
      busy.add(`${p.data.name} ${slot}`);
      met.set(login, [...(met.get(login) ?? []), p]);
      slot++;
    }
    if ((met.get(login)?.length ?? 0) < count) throw new Error(`the demo finds too few producers for ${login} at the conference`);
  }

  // The delegations: leaders and members, the buyers above and the producers they meet, and the
  // demo's signed-in producers of each province.
  const ofProvince = (provinceId: string) => input.producers.filter((p) => p.data.provinceId === provinceId);
  const brings = (provinceId: string) => [
    ...new Set([
      ...ofProvince(provinceId)
        .filter((p) => logins.has(p.data.name))
        .map(producerId),
      ...[...met.values()]
        .flat()
        .filter((p) => p.data.provinceId === provinceId)
        .map(producerId),
    ]),
  ];
  at();
  await repos.conferences.putDelegation(host, eventId, HOST, {
    leaderName: 'Nguyễn Thiên Văn',
    leaderTitle: 'Phó Chủ tịch UBND tỉnh Đắk Lắk',
    members: [
      {
        name: 'Trương Công Thái',
        title: 'Giám đốc',
        organisation: 'Sở Nông nghiệp và Môi trường Đắk Lắk',
        phone: '0262 3852 421',
        email: 'snnmt@daklak.gov.vn',
      },
      {
        name: 'H Yơn Niê',
        title: 'Trưởng phòng Phát triển nông thôn',
        organisation: 'Sở Nông nghiệp và Môi trường Đắk Lắk',
        phone: '0905 214 386',
        email: 'hyon.nie@daklak.gov.vn',
      },
      {
        name: 'Phạm Văn Long',
        title: 'Phó Giám đốc',
        organisation: 'Trung tâm Xúc tiến Thương mại Đắk Lắk',
        phone: '0914 377 052',
        email: 'xttm@daklak.gov.vn',
      },
    ],
    producerIds: brings(HOST),
    buyerIds: DELEGATION_BUYERS[HOST]!.map(buyerId),
    note: 'Đoàn đi bằng xe của Sở, tập trung 07:00 tại Trung tâm Hội nghị tỉnh.',
  });
  at();
  await repos.conferences.putDelegation(partner, eventId, PARTNER, {
    leaderName: 'Trần Quốc Nam',
    leaderTitle: 'Phó Chủ tịch UBND thành phố Cần Thơ',
    members: [
      {
        name: 'Lâm Thị Sóc Hoa',
        title: 'Phó Giám đốc',
        organisation: 'Sở Công Thương thành phố Cần Thơ',
        phone: '0292 3820 514',
        email: 'sct@cantho.gov.vn',
      },
      {
        name: 'Thạch Văn Rươl',
        title: 'Chuyên viên',
        organisation: 'Văn phòng Điều phối nông thôn mới (khu vực Sóc Trăng)',
        phone: '0918 662 740',
        email: 'ruol.thach@cantho.gov.vn',
      },
    ],
    producerIds: brings(PARTNER),
    buyerIds: DELEGATION_BUYERS[PARTNER]!.map(buyerId),
    note: 'Đoàn đến Buôn Ma Thuột chiều 17/12, nghỉ tại khách sạn Cao nguyên Xanh.',
  });

  // The ceremony's agreements, drawn up by the host's organisers and confirmed as planned.
  for (const plan of AGREEMENTS) {
    const producer = input.producers.find((p) =>
      typeof plan.producer === 'string' ? p.data.name === plan.producer : plan.producer(p),
    );
    if (!producer) throw new Error(`the demo has no producer for the agreement "${plan.title}"`);
    const id = producerId(producer);
    const products = await tx.product.findMany({
      where: { producerId: id, category: { in: plan.categories } },
      select: { id: true },
      orderBy: { name: 'asc' },
      take: 2,
    });
    at();
    const created = await repos.agreements.create(host, eventId, {
      kind: plan.kind,
      title: plan.title,
      partyA: { kind: 'producer', id },
      partyB: { kind: 'buyer', id: buyerId(plan.buyer) },
      valueVnd: plan.valueVnd,
      productIds: products.map((p) => p.id),
    });
    const producerUser = Object.entries(PRODUCER_LOGINS).find(([, name]) => name === producer.data.name)?.[0];
    for (const side of ['a', 'b'] as const) {
      const how = plan.confirmed[side];
      if (!how) continue;
      const provinceId = side === 'a' ? producer.data.provinceId! : buyerRow(plan.buyer)[2];
      const user =
        how === 'organiser' ? organiserOf(provinceId) : await userOf(side === 'a' ? producerUser! : buyerLoginOf(plan.buyer));
      at();
      await repos.agreements.confirm(user, created.id, { version: created.version, ...(how === 'organiser' ? { side } : {}) });
    }
  }
}
