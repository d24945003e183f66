// Who sees which dashboard. Any signed-in user sees a visible event's counters (they are
// aggregates: no contact, no producer's private detail), except that an official of a
// province sees only the events its province hosts or takes part in (403 for others); a
// big-screen link sees its one event without signing in. The province view is for organisers
// and officials (an official, its own province only).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { forbidden, notFound, unauthenticated } from '../../errors.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import { seesDrafts, type EventsService } from '../events/events.service.ts';
import {
  addCounts,
  dashboardOf,
  type BigScreenLinkDto,
  type Counter,
  type DashboardDto,
  type ProvinceDashboardDto,
} from '../../contracts/dashboard.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import type { DashboardRepository } from './dashboard.repository.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface ScreenAccess {
  linkId: string;
  eventId: string;
}

/** An answer as sent: its JSON, encoded once, and the ETag of those bytes. */
export interface EncodedAnswer {
  body: Buffer;
  etag: string;
}

/** Told when a big-screen link is revoked: its open screens close at once. */
export interface ScreenNotifier {
  screensRevoked(linkId: string): void;
}

export function createDashboardService(deps: {
  repo: DashboardRepository;
  prisma: Db;
  events: EventsService;
  screens: ScreenNotifier;
  now: () => Date;
}) {
  const { repo, prisma } = deps;

  function mayWatchProvince(user: AuthUser, provinceIds: string[]) {
    if (user.role !== 'official' || !user.provinceId) return true;
    return provinceIds.includes(user.provinceId);
  }

  async function answer(eventId: string): Promise<DashboardDto> {
    const { seq, counters } = await repo.snapshot(eventId);
    return { eventId, seq, ...dashboardOf(counters, await repo.labelsOf(counters)) };
  }

  // The answers last sent, as JSON, with the seq they include. Counters change only in the
  // transaction of a change, which takes the event's next seq: while the event's seq in the
  // database is the one an answer includes, that answer is still the event's (on any process,
  // since the seq is read from the database on every request). Names the answer carries may
  // change without a seq (a buyer renamed): an answer is reused for LABELS_MS at most. Answers
  // asked for at once while none is current share one read.
  const LABELS_MS = 5_000;
  const CACHED_EVENTS = 200;
  const cache = new Map<string, EncodedAnswer & { seq: number; at: number }>();
  const reading = new Map<string, Promise<EncodedAnswer & { seq: number; at: number }>>();

  async function answerJson(eventId: string, seqNow: number): Promise<EncodedAnswer> {
    const at = deps.now().getTime();
    const hit = cache.get(eventId);
    if (hit && hit.seq === seqNow && at - hit.at < LABELS_MS) return hit;
    const pending = reading.get(eventId);
    if (pending) {
      const shared = await pending;
      if (shared.seq >= seqNow) return shared;
    }
    const read = answer(eventId).then((dto) => {
      const body = Buffer.from(JSON.stringify(dto));
      return { seq: dto.seq, body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, at };
    });
    reading.set(eventId, read);
    try {
      const fresh = await read;
      cache.delete(eventId);
      cache.set(eventId, fresh);
      if (cache.size > CACHED_EVENTS) cache.delete(cache.keys().next().value!);
      return fresh;
    } finally {
      if (reading.get(eventId) === read) reading.delete(eventId);
    }
  }

  function toLinkDto(row: {
    id: string;
    eventId: string;
    label: string;
    createdAt: Date;
    revokedAt: Date | null;
  }): BigScreenLinkDto {
    return {
      id: row.id.slice(0, 12),
      eventId: row.eventId,
      label: row.label,
      createdAt: toIsoInZone(row.createdAt),
      revokedAt: row.revokedAt ? toIsoInZone(row.revokedAt) : null,
    };
  }

  return {
    /** The big-screen link a token opens, if it is live. */
    async screenFor(token: string | undefined): Promise<ScreenAccess | null> {
      if (!token || token.length > 200) return null;
      const link = await repo.screenLink(hashOf(token));
      if (!link || link.revokedAt || link.eventStatus === 'draft') return null;
      return { linkId: link.id, eventId: link.eventId };
    },

    /** The event's dashboard answer, encoded, for a signed-in user or a big-screen link. */
    async forEvent(viewer: AuthUser | ScreenAccess | null, eventId: string): Promise<EncodedAnswer> {
      if (!viewer) throw unauthenticated();
      // A link opens its own event only; another's is as if unknown.
      if ('linkId' in viewer && viewer.eventId !== eventId) throw notFound('Event');
      const event = await repo.watchable(eventId);
      if (!event || (event.status === 'draft' && ('linkId' in viewer || !seesDrafts(viewer)))) throw notFound('Event');
      if (!('linkId' in viewer) && !mayWatchProvince(viewer, event.provinceIds))
        throw forbidden("An official sees the dashboards of its own province's events");
      return answerJson(eventId, event.seq);
    },

    async forProvince(user: AuthUser, provinceId: string): Promise<ProvinceDashboardDto> {
      if (!mayWatchProvince(user, [provinceId])) throw forbidden("An official sees its own province's dashboard");
      const province = await repo.province(provinceId);
      if (!province) throw notFound('Province');
      const events = (await repo.eventsOfProvince(provinceId)).filter((e) => e.status !== 'draft' || user.role === 'organiser');
      const snapshots = await Promise.all(events.map((e) => repo.snapshot(e.id)));
      const counters: Record<string, Counter> = {};
      for (const s of snapshots)
        addCounts(
          counters,
          Object.entries(s.counters).map(([key, c]) => [key, c.count, c.valueVnd]),
        );
      return {
        provinceId,
        events: events.map((e, i) => ({ eventId: e.id, name: e.name, seq: snapshots[i]!.seq })),
        ...dashboardOf(counters, await repo.labelsOf(counters)),
      };
    },

    async createScreen(user: AuthUser, eventId: string, label: string): Promise<BigScreenLinkDto & { token: string }> {
      await deps.events.findVisible(user, eventId);
      const token = randomBytes(24).toString('base64url');
      const row = await prisma.bigScreenLink.create({
        data: { id: hashOf(token), eventId, label, createdById: user.id, createdAt: deps.now() },
      });
      return { ...toLinkDto(row), token };
    },

    async listScreens(user: AuthUser, eventId: string): Promise<BigScreenLinkDto[]> {
      await deps.events.findVisible(user, eventId);
      const rows = await prisma.bigScreenLink.findMany({ where: { eventId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
      return rows.map(toLinkDto);
    },

    /** Revokes a link (named by the start of its id, as listed): its open screens close at once. */
    async revokeScreen(user: AuthUser, eventId: string, linkId: string): Promise<void> {
      await deps.events.findVisible(user, eventId);
      const rows = await prisma.bigScreenLink.findMany({ where: { eventId, id: { startsWith: linkId } }, select: { id: true } });
      if (rows.length !== 1 || linkId.length < 12) throw notFound('Big-screen link');
      await prisma.bigScreenLink.updateMany({ where: { id: rows[0]!.id, revokedAt: null }, data: { revokedAt: deps.now() } });
      deps.screens.screensRevoked(rows[0]!.id);
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
