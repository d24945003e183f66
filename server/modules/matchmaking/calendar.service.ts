// Agendas as calendar data: a meeting's own .ics (its producer's users, its buyer's users and
// organisers; 404 for anyone else, so nobody learns it exists), a participant's private
// subscription feed behind a secret link, and the caller's agenda as JSON for the web.
//
// A feed link's secret is shown once; only its SHA-256 is stored (CalendarFeed.id), so the
// link is found by an index lookup of the hash: nothing compares the secret itself, and a
// copy of the database hands out no feed. Each user has at most one live link: a new one
// revokes the previous (rotation), a revoked link or a deactivated user's answers 404.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../contracts/auth.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import type { AgendaQuery, CalendarFeedCreatedDto } from '../../contracts/calendar.ts';
import type { MeetingDto, MeetingStatus } from '../../contracts/matchmaking.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import { notFound } from '../../errors.ts';
import { appendActivity } from '../activity/activity.repository.ts';
import type { MatchmakingDeps } from './deps.ts';
import { meetingSelect, toMeetingDto } from './meeting-view.ts';
import { feedIcs, meetingIcs, type IcsMeeting, type IcsViewpoint } from './ics.ts';

/** An organiser's feed (every meeting of every event) covers this window around today. */
export const ORGANISER_FEED_DAYS_BACK = 30;
export const ORGANISER_FEED_DAYS_AHEAD = 180;
/** At most this many entries in one feed (an organiser's, in the busiest weeks). */
export const FEED_MAX_MEETINGS = 5000;
const DAY_MS = 86_400_000;

export const feedIdOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
export const feedPath = (secret: string) => `/api/calendar/${secret}.ics`;

/** The meeting as its DTO reads it (meeting-view.ts), and what a calendar entry adds. */
const calendarSelect = {
  ...meetingSelect,
  updatedAt: true,
  session: { select: { name: true } },
  event: { select: { name: true, venue: true, status: true } },
} as const;

/** Time order, then table: the order of an agenda and of a feed. */
const agendaOrder = [{ slot: { startsAt: 'asc' } }, { tableNumber: 'asc' }, { id: 'asc' }] as const;

type Db = MatchmakingDeps['prisma'];
type MeetingWhere = NonNullable<Parameters<Db['meeting']['findMany']>[0]>['where'];
type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

function findMeeting(prisma: Db, meetingId: string) {
  return prisma.meeting.findUnique({ where: { id: meetingId }, select: calendarSelect });
}

function toIcsMeeting(row: MeetingRow): IcsMeeting {
  return {
    id: row.id,
    sequence: row.sequence,
    status: row.status as MeetingStatus,
    startsAt: row.slot.startsAt,
    endsAt: row.slot.endsAt,
    tableNumber: row.tableNumber,
    producerName: row.producer.name,
    buyerName: row.buyer.name,
    eventName: row.event.name,
    venue: row.event.venue,
    sessionName: row.session.name,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Whose meeting this is for the user: the side it sees it from, or null when it is not theirs. */
function viewpointOf(user: Pick<AuthUser, 'role' | 'producerId' | 'buyerId'>, row: MeetingRow): IcsViewpoint | null {
  if (user.role === 'organiser') return 'organiser';
  // A draft event is the organisers' alone (events.findVisible): its meetings too.
  if (row.event.status === 'draft') return null;
  if (user.role === 'producer' && user.producerId !== null && user.producerId === row.producerId) return 'producer';
  if (user.role === 'buyer' && user.buyerId !== null && user.buyerId === row.buyerId) return 'buyer';
  return null;
}

/** The meetings a feed or an agenda holds for a user, or null when its role has none. */
function ownMeetingsWhere(user: Pick<AuthUser, 'role' | 'producerId' | 'buyerId'>): MeetingWhere | null {
  const published = { event: { status: { not: 'draft' } } };
  // a producer or buyer user without its organisation has no meetings (`in: []` matches none)
  if (user.role === 'producer') return user.producerId ? { producerId: user.producerId, ...published } : { id: { in: [] } };
  if (user.role === 'buyer') return user.buyerId ? { buyerId: user.buyerId, ...published } : { id: { in: [] } };
  return null;
}

export function createCalendarService(deps: MatchmakingDeps) {
  const { prisma } = deps;

  /** Revokes the user's live link(s) inside tx; how many there were. */
  async function revokeLive(tx: Parameters<Parameters<Db['$transaction']>[0]>[0], userId: string, at: Date) {
    const { count } = await tx.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }

  return {
    /** A meeting's own .ics; 404 unless the user is its producer's, its buyer's or an organiser. */
    async meetingCalendar(user: AuthUser, meetingId: string): Promise<{ ics: string; filename: string }> {
      const row = await findMeeting(prisma, meetingId);
      const viewpoint = row ? viewpointOf(user, row) : null;
      if (!row || !viewpoint) throw notFound('Meeting');
      return { ics: meetingIcs(toIcsMeeting(row), viewpoint, deps.now()), filename: `ocop-meeting-${row.id}.ics` };
    },

    /**
     * A new secret link to the user's feed, revoking the previous one. The secret leaves here
     * once; only its SHA-256 is kept. `origin` is the site's (protocol and host) for the answer.
     */
    async createFeed(user: AuthUser, origin: string): Promise<CalendarFeedCreatedDto> {
      const secret = randomBytes(32).toString('base64url');
      const createdAt = deps.now();
      await prisma.$transaction(async (tx) => {
        // Two rotations at once must not leave two live links: on PostgreSQL the user's row
        // lock makes them take turns (SQLite has one writer anyway).
        if (deps.provider === 'postgresql') await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${user.id} FOR UPDATE`;
        const revoked = await revokeLive(tx, user.id, createdAt);
        await tx.calendarFeed.create({ data: { id: feedIdOf(secret), userId: user.id, createdAt }, select: { id: true } });
        // the log says that it happened, never the secret or its hash
        await appendActivity(tx, {
          stream: 'global',
          eventId: null,
          type: 'calendar-feed:created',
          actorId: user.id,
          payload: { userId: user.id, revokedPrevious: revoked },
        });
      });
      const path = feedPath(secret);
      const url = `${origin}${path}`;
      return { url, path, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt: toIsoInZone(createdAt) };
    },

    /** Revokes the user's link: it answers 404 from now on. Nothing to revoke is no error. */
    async revokeFeed(user: AuthUser): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const revoked = await revokeLive(tx, user.id, deps.now());
        if (revoked === 0) return;
        await appendActivity(tx, {
          stream: 'global',
          eventId: null,
          type: 'calendar-feed:revoked',
          actorId: user.id,
          payload: { userId: user.id, revoked },
        });
      });
    },

    /**
     * The feed behind a secret (no sign-in): the user's meetings, cancelled ones included as
     * STATUS:CANCELLED. 404 for an unknown or revoked secret and for a deactivated user.
     */
    async feed(secret: string): Promise<string> {
      const feed = await prisma.calendarFeed.findUnique({
        where: { id: feedIdOf(secret) },
        select: { userId: true, revokedAt: true },
      });
      if (!feed || feed.revokedAt) throw notFound('Calendar feed');
      const user = await prisma.user.findUnique({
        where: { id: feed.userId },
        select: { name: true, role: true, active: true, producerId: true, buyerId: true },
      });
      if (!user?.active) throw notFound('Calendar feed');
      const now = deps.now();
      let where: MeetingWhere | null;
      let viewpoint: IcsViewpoint;
      if (user.role === 'organiser') {
        viewpoint = 'organiser';
        where = {
          slot: {
            startsAt: {
              gte: new Date(now.getTime() - ORGANISER_FEED_DAYS_BACK * DAY_MS),
              lte: new Date(now.getTime() + ORGANISER_FEED_DAYS_AHEAD * DAY_MS),
            },
          },
        };
      } else {
        where = ownMeetingsWhere({ ...user, role: user.role as Role });
        // an official (or a role changed since) has no meetings of its own: no feed
        if (!where) throw notFound('Calendar feed');
        viewpoint = user.role as IcsViewpoint;
      }
      const rows = await prisma.meeting.findMany({
        where,
        select: calendarSelect,
        orderBy: [...agendaOrder],
        take: FEED_MAX_MEETINGS,
      });
      return feedIcs(rows.map(toIcsMeeting), viewpoint, { name: `Lịch gặp gỡ OCOP Connect – ${user.name}`, now });
    },

    /** The caller's meetings in time order (one event's, or every visible event's), for the web agenda. */
    async agenda(user: AuthUser, query: AgendaQuery): Promise<MeetingDto[]> {
      if (query.eventId) await deps.events.findVisible(user, query.eventId);
      const own = ownMeetingsWhere(user);
      if (!own) return [];
      const rows = await prisma.meeting.findMany({
        where: {
          ...own,
          ...(query.eventId ? { eventId: query.eventId } : {}),
          ...(query.includeCancelled === 'true' ? {} : { status: { not: 'cancelled' } }),
        },
        select: calendarSelect,
        orderBy: [...agendaOrder],
      });
      return rows.map(toMeetingDto);
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
