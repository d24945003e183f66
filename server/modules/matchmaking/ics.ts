// Meetings as iCalendar (RFC 5545), written with ical-generator: one file per meeting and a
// participant's subscription feed. One UID per meeting for its whole life, SEQUENCE from the
// meeting (it rises with every change), times in Asia/Ho_Chi_Minh with its VTIMEZONE, and a
// cancelled meeting kept with the same UID as STATUS:CANCELLED (METHOD:CANCEL on its own file).
import ical, {
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendar,
  type ICalLuxonDateTimeStub,
} from 'ical-generator';
import type { MeetingStatus } from '../../contracts/matchmaking.ts';
import { VIETNAM_TIME_ZONE, wallClockIn } from '../../contracts/time.ts';

/** What a calendar entry says of a meeting. */
export interface IcsMeeting {
  id: string;
  sequence: number;
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date;
  tableNumber: number;
  producerName: string;
  buyerName: string;
  eventName: string;
  venue: string;
  sessionName: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Whose calendar it is: the summary names the other party (both, for organisers). */
export type IcsViewpoint = 'producer' | 'buyer' | 'organiser';

const PRODUCT_ID = { company: 'OCOP Connect', product: 'Lich gap go', language: 'VI' };
/** Vietnam keeps +07:00 all year (no daylight saving since 1975): one STANDARD rule says it all. */
const VIETNAM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${VIETNAM_TIME_ZONE}`,
  `X-LIC-LOCATION:${VIETNAM_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** The UID of a meeting's calendar entry, the same in its own file and in every feed. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@ocop-connect`;

/**
 * An instant as the wall clock of Asia/Ho_Chi_Minh shows it, in the shape ical-generator takes
 * for a Luxon DateTime. A native Date would not do: with a TZID, ical-generator writes a Date's
 * *local* getters, i.e. the server process's own time zone, so the same meeting would read 08:00
 * on a server in Vietnam and 01:00 on one in UTC. This reads the wall clock in the named zone
 * (the API's own times come from the same formatter), whatever the process's TZ.
 */
class VietnamWallClock implements ICalLuxonDateTimeStub {
  readonly zone = { type: 'IANA' };
  constructor(private readonly instant: Date) {}
  get isValid() {
    return !Number.isNaN(this.instant.getTime());
  }
  setZone(zone?: string): ICalLuxonDateTimeStub {
    // Only ever asked for the zone it was given (the event's TZID).
    if (zone && zone !== VIETNAM_TIME_ZONE) throw new Error(`Calendar times are written in ${VIETNAM_TIME_ZONE}, not ${zone}`);
    return this;
  }
  toFormat(format: string): string {
    const p = wallClockIn(this.instant);
    if (format === 'yyyyLLdd') return `${p.year}${p.month}${p.day}`;
    if (format === 'HHmmss') return `${p.hour}${p.minute}${p.second}`;
    throw new Error(`Unexpected date format ${format}`);
  }
  toJSDate() {
    return new Date(this.instant);
  }
  toJSON() {
    return this.instant.toISOString();
  }
}

function summaryOf(m: IcsMeeting, viewpoint: IcsViewpoint): string {
  const other =
    viewpoint === 'producer' ? m.buyerName : viewpoint === 'buyer' ? m.producerName : `${m.producerName} – ${m.buyerName}`;
  const summary = `Gặp gỡ giao thương: ${other} (bàn ${m.tableNumber})`;
  return m.status === 'cancelled' ? `Đã hủy – ${summary}` : summary;
}

function descriptionOf(m: IcsMeeting): string {
  return [
    m.status === 'cancelled' ? 'Cuộc gặp này đã bị hủy.' : null,
    `${m.eventName}`,
    `Phiên: ${m.sessionName}`,
    `Chủ thể OCOP: ${m.producerName}`,
    `Bên mua: ${m.buyerName}`,
    `Bàn số ${m.tableNumber}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

function newCalendar(method: ICalCalendarMethod, name: string | null): ICalCalendar {
  return ical({
    prodId: PRODUCT_ID,
    method,
    ...(name ? { name } : {}),
    // name null: no calendar-wide zone, so DTSTAMP, CREATED and LAST-MODIFIED stay in UTC as
    // RFC 5545 wants; the generator still adds the VTIMEZONE of every event's TZID.
    timezone: { name: null, generator: (tz) => (tz === VIETNAM_TIME_ZONE ? VIETNAM_VTIMEZONE : null) },
  });
}

function addMeeting(calendar: ICalCalendar, m: IcsMeeting, viewpoint: IcsViewpoint, now: Date): void {
  const cancelled = m.status === 'cancelled';
  calendar.createEvent({
    id: meetingUid(m.id),
    sequence: m.sequence,
    stamp: now,
    created: m.createdAt,
    lastModified: m.updatedAt,
    timezone: VIETNAM_TIME_ZONE,
    start: new VietnamWallClock(m.startsAt),
    end: new VietnamWallClock(m.endsAt),
    summary: summaryOf(m, viewpoint),
    description: descriptionOf(m),
    location: `${m.venue} – Bàn ${m.tableNumber}`,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // a cancelled meeting no longer blocks the time in anyone's calendar
    transparency: cancelled ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
  });
}

/** One meeting's own file: METHOD:PUBLISH while it stands, METHOD:CANCEL once cancelled. */
export function meetingIcs(m: IcsMeeting, viewpoint: IcsViewpoint, now: Date): string {
  const calendar = newCalendar(m.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH, null);
  addMeeting(calendar, m, viewpoint, now);
  return calendar.toString();
}

/** A participant's subscription: every meeting, cancelled ones as STATUS:CANCELLED (same UID, higher SEQUENCE). */
export function feedIcs(meetings: IcsMeeting[], viewpoint: IcsViewpoint, options: { name: string; now: Date }): string {
  const calendar = newCalendar(ICalCalendarMethod.PUBLISH, options.name);
  // calendar apps poll a subscription; ask for every 15 minutes (REFRESH-INTERVAL, X-PUBLISHED-TTL)
  calendar.ttl(15 * 60);
  for (const m of meetings) addMeeting(calendar, m, viewpoint, options.now);
  return calendar.toString();
}
