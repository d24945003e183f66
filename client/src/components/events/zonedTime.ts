// An event's times are typed as the local time of its own zone (what a datetime-local input
// holds, 'YYYY-MM-DDTHH:mm') and sent as ISO 8601 with that zone's offset at that moment.
import { toIsoInZone } from '../../../../server/contracts/time.ts';

/** The time zones offered in the form, by the message key of their name. */
export const timeZoneOptions = [
  { id: 'Asia/Ho_Chi_Minh', key: 'hoChiMinh' },
  { id: 'Asia/Bangkok', key: 'bangkok' },
  { id: 'Asia/Vientiane', key: 'vientiane' },
  { id: 'Asia/Phnom_Penh', key: 'phnomPenh' },
  { id: 'Asia/Singapore', key: 'singapore' },
  { id: 'Asia/Shanghai', key: 'shanghai' },
  { id: 'Asia/Seoul', key: 'seoul' },
  { id: 'Asia/Tokyo', key: 'tokyo' },
  { id: 'Europe/Paris', key: 'paris' },
  { id: 'UTC', key: 'utc' },
] as const;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** '+07:00' → 420: the offset an ISO time carries, in minutes east of UTC. */
function offsetMinutes(iso: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The UTC offset of a zone at an instant, as '+07:00'. */
export function offsetAt(date: Date, timeZone: string): string {
  return toIsoInZone(date, timeZone).slice(-6);
}

/**
 * A local time of `timeZone` ('2027-03-10T08:00') as ISO with the zone's offset then
 * ('2027-03-10T08:00:00+07:00'); null when the text is not such a time.
 */
export function zonedIso(local: string, timeZone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // The offset at the wall time read as UTC is right except within hours of a DST change:
  // a second look at the instant it gives settles those.
  let instant = wall - offsetMinutes(toIsoInZone(new Date(wall), timeZone)) * 60_000;
  instant = wall - offsetMinutes(toIsoInZone(new Date(instant), timeZone)) * 60_000;
  return toIsoInZone(new Date(instant), timeZone);
}

/** An API time, already in its event's zone, as the local time a datetime-local input shows. */
export function localInput(iso: string): string {
  return iso.slice(0, 16);
}
