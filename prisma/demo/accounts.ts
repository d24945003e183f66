// The demo's sign-ins: the organiser and the official, the producers of PRODUCER_LOGINS, and
// one representative per buyer. All share the demo password (README: Demo sign-ins).
import type { Prisma } from '../../server/db/database.ts';
import { BUYERS, PRODUCER_LOGINS } from './data.ts';
import type { DemoDirectory, ProducerSeed } from './directory.ts';

type Tx = Prisma.TransactionClient;
type Role = 'organiser' | 'producer' | 'buyer' | 'official';

export const DEMO_PASSWORD = 'ocop-demo-2026';

/** The sign-ins the README lists. */
export const DEMO_ACCOUNTS: { email: string; role: Role; name: string; provinceId?: string }[] = [
  { email: 'bantochuc@demo.ocop.vn', role: 'organiser', name: 'Ban tổ chức Hội chợ OCOP Đắk Lắk', provinceId: 'dak-lak' },
  { email: 'canbo@demo.ocop.vn', role: 'official', name: 'Sở Nông nghiệp và Môi trường Đắk Lắk', provinceId: 'dak-lak' },
  // The conference's partner province (Sóc Trăng is part of Cần Thơ since July 2025): manages its own delegation.
  {
    email: 'bantochuc.cantho@demo.ocop.vn',
    role: 'organiser',
    name: 'Sở Công Thương Cần Thơ (đoàn Sóc Trăng)',
    provinceId: 'can-tho',
  },
  { email: 'htx.caphe@demo.ocop.vn', role: 'producer', name: 'HTX Cà phê Chất lượng cao Ea Tul' },
  { email: 'bigc@demo.ocop.vn', role: 'buyer', name: 'Nguyễn Thị Thu Hà (BigC / GO!)' },
  { email: 'vinmart@demo.ocop.vn', role: 'buyer', name: 'Trần Quốc Bảo (WinMart / Vinmart)' },
];

/** The host province's organiser (the fair's and the conference's); the partner's is PARTNER_ORGANISER. */
export const HOST_ORGANISER = 'bantochuc@demo.ocop.vn';
export const PARTNER_ORGANISER = 'bantochuc.cantho@demo.ocop.vn';

export const buyerLoginOf = (login: string) => `${login}@demo.ocop.vn`;

export async function seedAccounts(
  tx: Tx,
  input: { producers: ProducerSeed[]; directory: DemoDirectory; passwordHash: string },
): Promise<void> {
  const { directory, passwordHash } = input;
  const buyerId = new Map(directory.buyers.map((b) => [b.name, b.id]));
  const contactOf = new Map(input.producers.map((p) => [p.data.name, p.data.contactName ?? '']));
  await tx.user.createMany({
    data: [
      // Each belongs to a province: the official sees its province's events' dashboards, an
      // organiser manages its province's delegation to a conference.
      ...DEMO_ACCOUNTS.filter((a) => a.role === 'organiser' || a.role === 'official').map((a) => ({
        ...a,
        passwordHash,
      })),
      ...Object.entries(PRODUCER_LOGINS).map(([email, producer]) => ({
        email,
        role: 'producer',
        passwordHash,
        producerId: directory.producerId(producer),
        name: DEMO_ACCOUNTS.find((a) => a.email === email)?.name ?? `${contactOf.get(producer)} (${producer})`,
      })),
      ...BUYERS.map(([name, , , , , , login, representative]) => ({
        email: buyerLoginOf(login),
        role: 'buyer',
        passwordHash,
        buyerId: buyerId.get(name)!,
        name: DEMO_ACCOUNTS.find((a) => a.email === buyerLoginOf(login))?.name ?? representative,
      })),
    ],
  });
}
