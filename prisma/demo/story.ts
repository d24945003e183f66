// The demo's story in the references the tests and the README rely on: the Tây Nguyên fair with
// its matchmaking session, the Đắk Lắk – Sóc Trăng conference (Sóc Trăng is part of Cần Thơ
// since July 2025) with its B2B session, the 2027 fair in draft, and how many of each there are.
import { BUYERS, DRAFT_ZONES, FAIR_BLOCKED, FAIR_ZONES, PRODUCER_GROUPS, PRODUCER_LOGINS } from './data.ts';
import { buyerLoginOf, DEMO_PASSWORD } from './accounts.ts';
import { FAIR_ASSIGNED, FAIR_HELD, zoneBoothCount } from './floorplan.ts';

const at = (iso: string) => new Date(iso);

/** A matchmaking session as the demo creates it (settings not named take the schema's defaults). */
export interface SessionSpec {
  name: string;
  startsAt: Date;
  endsAt: Date;
  breaks: [Date, Date][];
  slotMinutes: number;
  tableCount: number;
  maxMeetingsPerProducer: number;
  bookingMode?: 'instant' | 'request';
  maxPendingPerProducer?: number;
  requestTtlMinutes?: number;
}

const session = (s: SessionSpec) => s;

/** Stable references the tests and the README can rely on. */
export const DEMO = {
  password: DEMO_PASSWORD,
  fair: {
    name: 'Hội chợ Nông nghiệp và sản phẩm OCOP khu vực Tây Nguyên 2026',
    venue: 'Quảng trường 10/3, phường Buôn Ma Thuột, Đắk Lắk',
    startsAt: at('2026-12-10T08:00:00+07:00'),
    endsAt: at('2026-12-14T21:00:00+07:00'),
    zones: FAIR_ZONES.map((z) => z.name),
    boothCount: FAIR_ZONES.reduce((n, z) => n + zoneBoothCount(z), 0),
    blockedCodes: FAIR_BLOCKED,
    session: session({
      name: 'Phiên kết nối cung cầu với hệ thống phân phối',
      startsAt: at('2026-12-11T08:00:00+07:00'),
      endsAt: at('2026-12-11T11:30:00+07:00'),
      breaks: [[at('2026-12-11T09:40:00+07:00'), at('2026-12-11T10:10:00+07:00')]],
      slotMinutes: 20,
      tableCount: 20,
      maxMeetingsPerProducer: 4,
    }),
    /**
     * The afternoon's session with exporters, e-commerce platforms, distributors and hotels, in
     * request mode: its day is under way (meetings.ts), the morning's is left free to book.
     */
    tradeSession: session({
      name: 'Phiên kết nối xuất khẩu, thương mại điện tử và phân phối',
      startsAt: at('2026-12-11T13:30:00+07:00'),
      endsAt: at('2026-12-11T16:50:00+07:00'),
      breaks: [[at('2026-12-11T15:10:00+07:00'), at('2026-12-11T15:30:00+07:00')]],
      slotMinutes: 20,
      tableCount: 14,
      maxMeetingsPerProducer: 3,
      bookingMode: 'request',
      maxPendingPerProducer: 3,
      requestTtlMinutes: 48 * 60,
    }),
  },
  conference: {
    name: 'Hội nghị kết nối giao thương, tiêu thụ sản phẩm OCOP Đắk Lắk – Sóc Trăng',
    venue: 'Trung tâm Hội nghị tỉnh Đắk Lắk, phường Buôn Ma Thuột',
    startsAt: at('2026-12-18T07:30:00+07:00'),
    endsAt: at('2026-12-18T17:00:00+07:00'),
    partnerProvinceId: 'can-tho',
    session: session({
      name: 'Phiên kết nối B2B Đắk Lắk – Sóc Trăng',
      startsAt: at('2026-12-18T13:30:00+07:00'),
      endsAt: at('2026-12-18T16:30:00+07:00'),
      breaks: [],
      slotMinutes: 15,
      tableCount: 12,
      maxMeetingsPerProducer: 3,
    }),
    /**
     * The meetings the delegations arranged beforehand, during the morning's showcase
     * (conferences.ts books them); the afternoon's session is left free to book.
     */
    arrangedSession: session({
      name: 'Kết nối B2B theo lịch hẹn trước',
      startsAt: at('2026-12-18T09:30:00+07:00'),
      endsAt: at('2026-12-18T11:30:00+07:00'),
      breaks: [],
      slotMinutes: 15,
      tableCount: 6,
      maxMeetingsPerProducer: 2,
    }),
  },
  draft: {
    name: 'Hội chợ OCOP và đặc sản vùng biển Đắk Lắk 2027',
    venue: 'Quảng trường Nghinh Phong, phường Tuy Hòa, Đắk Lắk',
    startsAt: at('2027-04-22T08:00:00+07:00'),
    endsAt: at('2027-04-26T21:00:00+07:00'),
    boothCount: DRAFT_ZONES.reduce((n, z) => n + zoneBoothCount(z), 0),
  },
  producerCount: PRODUCER_GROUPS.reduce((n, g) => n + g.rows.length, 0),
  buyerCount: BUYERS.length,
  /** Producers with a sign-in; none of them has a booth or a hold in the fair, so tests can assign them. */
  producerLogins: Object.keys(PRODUCER_LOGINS),
  buyerLogins: BUYERS.map((b) => buyerLoginOf(b[6])),
  assignedBooths: FAIR_ASSIGNED,
  heldBooths: FAIR_HELD,
};
