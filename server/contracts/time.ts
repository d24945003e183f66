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

/** Vietnam has kept +07:00, without summer time, since 13 June 1975 (00:00 local). */
const VIETNAM_FIXED_SINCE = Date.UTC(1975, 5, 12, 17);
/** …and is taken to keep it (four-digit years only). */
const VIETNAM_ARITHMETIC_UNTIL = Date.UTC(9000, 0, 1);
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Vietnam's wall clock by arithmetic: the same fields Intl gives (test/unit/time.test.ts
 * checks them against it), at a hundredth of its cost; every meeting, fact and calendar line
 * formats several times, so Intl's formatToParts was a tenth of a booking's work.
 */
function vietnamWallClock(t: number): WallClock {
  const d = new Date(t + VIETNAM_OFFSET_MS);
  const year = d.getUTCFullYear();
  return {
    year: String(year),
    month: pad2(d.getUTCMonth() + 1),
    day: pad2(d.getUTCDate()),
    hour: pad2(d.getUTCHours()),
    minute: pad2(d.getUTCMinutes()),
    second: pad2(d.getUTCSeconds()),
    offset: '+07:00',
  };
}

export function wallClockIn(date: Date, timeZone: string = VIETNAM_TIME_ZONE): WallClock {
  const t = date.getTime();
  if (timeZone === VIETNAM_TIME_ZONE && t >= VIETNAM_FIXED_SINCE && t < VIETNAM_ARITHMETIC_UNTIL) return vietnamWallClock(t);
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
