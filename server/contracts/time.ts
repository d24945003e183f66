// Times leave the API as ISO 8601 with the event's own offset (Vietnam: +07:00, no DST),
// e.g. 2026-12-10T08:00:00+07:00, so people and programs read the local time directly.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** What a wall clock in the zone shows at an instant: zero-padded fields, hours 00–23, and the offset (+07:00). */
export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  offset: string;
}

export function wallClockIn(date: Date, timeZone: string = VIETNAM_TIME_ZONE): WallClock {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : (p.timeZoneName ?? 'GMT+00:00').replace('GMT', '');
  const field = (type: Intl.DateTimeFormatPartTypes) => p[type] ?? '';
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
    offset,
  };
}

export function toIsoInZone(date: Date, timeZone: string = VIETNAM_TIME_ZONE): string {
  const c = wallClockIn(date, timeZone);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}:${c.second}${c.offset}`;
}
