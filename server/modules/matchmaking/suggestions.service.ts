// Suggestions: for a producer, the buyers of a session ranked by fit (fit.ts); for a buyer, the
// producers of the directory that fit it, ranked and paged. Read-only: nothing changes, so no
// fact. Each answer costs a fixed number of queries whatever the directory's size (the session
// with its slots, the event, the party asked about, the province names, the other side, the
// session's standing meetings): the fit of every pair is computed in memory.
//
// The reads come first (suggestionReads: the only code here that knows Prisma, ready to move to
// a suggestions.repository.ts), then the service that decides.
//
// Who may ask: a producer for itself, a buyer for itself, organisers for anyone. Not officials:
// a suggestion leaves out the pairs that already meet, so it would tell who meets whom. A producer or buyer naming
// another organisation gets 403; organisers and officials must name one (400).
import type { AuthUser } from '../auth/auth.service.ts';
import type {
  FitReason,
  ProducerSuggestionsQuery,
  SuggestedBuyerDto,
  SuggestedProducerDto,
} from '../../contracts/suggestions.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import type { Db } from '../../db/database.ts';
import type { MatchmakingDeps } from './deps.ts';
import { compareRanked, fitOf, type FitBuyer } from './fit.ts';
import { slotsWithFreeSeat } from './slots.ts';
import { crossProvinceOnly } from './placement.ts';

const required = (path: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fields: [{ path, message, code: 'required' }] });

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

const productFitSelect = { category: true, stars: true, certExpiresAt: true, capacityPerMonth: true } as const;
const buyerFitSelect = {
  id: true,
  name: true,
  nameFolded: true,
  orgType: true,
  provinceId: true,
  province: { select: { name: true } },
  categories: true,
  minStars: true,
  regions: true,
  volumes: true,
} as const;

function fitBuyerOf(b: { categories: string; minStars: number | null; regions: string; volumes: string }): FitBuyer {
  return { categories: parseList(b.categories), minStars: b.minStars, regions: parseList(b.regions), volumes: b.volumes };
}

/** Who stands where in a session: the slots each producer and each buyer already meets in, and who meets whom. */
function occupancyOf(meetings: { activeSlotId: string | null; producerId: string; buyerId: string }[]) {
  const producerBusy = new Map<string, Set<string>>();
  const buyerSeats = new Map<string, Map<string, number>>();
  const pairs = new Set<string>();
  for (const m of meetings) {
    if (!m.activeSlotId) continue;
    let busy = producerBusy.get(m.producerId);
    if (!busy) producerBusy.set(m.producerId, (busy = new Set()));
    busy.add(m.activeSlotId);
    let seats = buyerSeats.get(m.buyerId);
    if (!seats) buyerSeats.set(m.buyerId, (seats = new Map()));
    seats.set(m.activeSlotId, (seats.get(m.activeSlotId) ?? 0) + 1);
    pairs.add(`${m.producerId}|${m.buyerId}`);
  }
  return {
    meets: (producerId: string, buyerId: string) => pairs.has(`${producerId}|${buyerId}`),
    /** The session's slots (in order) where the buyer has a free representative and does not block it, and the producer is free. */
    freeSlots(
      slotIds: readonly string[],
      producerId: string,
      buyer: { buyerId: string; representatives: number; blocked: ReadonlySet<string> } | null,
    ): string[] {
      if (!buyer) return [];
      const busy = producerBusy.get(producerId);
      const seats = buyerSeats.get(buyer.buyerId);
      return slotsWithFreeSeat(
        slotIds.filter((s) => !busy?.has(s)),
        { representatives: Math.max(1, buyer.representatives), blockedSlotIds: buyer.blocked },
        (s) => seats?.get(s) ?? 0,
      );
    },
  };
}

/** What suggestions read, each a single query (a nested select is one more batched query, never one per row). */
function suggestionReads(prisma: Db) {
  return {
    /** The session with its slots in order, or null. */
    session(sessionId: string) {
      return prisma.matchmakingSession.findUnique({
        where: { id: sessionId },
        select: {
          id: true,
          eventId: true,
          sameProvincePairs: true,
          event: { select: { kind: true } },
          slots: { select: { id: true, startsAt: true }, orderBy: { position: 'asc' } },
        },
      });
    },

    /** provinceId → its name and the names of the provinces it replaced in 2025. */
    async provinceNames(ids: string[]): Promise<Map<string, string[]>> {
      const units = await prisma.administrativeUnit.findMany({
        where: { OR: [{ id: { in: ids } }, { parentId: { in: ids }, level: 'former_province' }] },
        select: { id: true, name: true, parentId: true },
      });
      const asked = new Set(ids);
      const names = new Map<string, string[]>();
      for (const u of units) {
        const key = asked.has(u.id) ? u.id : u.parentId!;
        names.set(key, [...(names.get(key) ?? []), u.name]);
      }
      return names;
    },

    /** The session's standing meetings (a cancelled one has no active slot). */
    activeMeetings(sessionId: string) {
      return prisma.meeting.findMany({
        where: { sessionId, activeSlotId: { not: null } },
        select: { activeSlotId: true, producerId: true, buyerId: true },
      });
    },

    producer(producerId: string) {
      return prisma.producer.findUnique({
        where: { id: producerId },
        select: { id: true, provinceId: true, products: { select: productFitSelect } },
      });
    },

    sessionBuyers(sessionId: string) {
      return prisma.sessionBuyer.findMany({
        where: { sessionId },
        select: { representatives: true, blockedSlotIds: true, buyer: { select: buyerFitSelect } },
      });
    },

    buyer(buyerId: string) {
      return prisma.buyer.findUnique({ where: { id: buyerId }, select: buyerFitSelect });
    },

    sessionBuyer(sessionId: string, buyerId: string) {
      return prisma.sessionBuyer.findUnique({
        where: { sessionId_buyerId: { sessionId, buyerId } },
        select: { representatives: true, blockedSlotIds: true },
      });
    },

    /**
     * The producers that may fit a buyer, but those in `except`, with only the products that
     * could make them fit: in its categories (any, when it names none) and, when it has a
     * minimum, rated at least that with a certificate that has not ended by `now`. This only
     * spares reading the rest: fitOf decides, with the certificate helper.
     */
    candidateProducers(buyer: FitBuyer, now: Date, except: string[]) {
      const productWhere = {
        ...(buyer.categories.length ? { category: { in: [...buyer.categories] } } : {}),
        ...(buyer.minStars !== null ? { stars: { gte: buyer.minStars }, certExpiresAt: { gt: now } } : {}),
      };
      return prisma.producer.findMany({
        where: { products: { some: productWhere }, ...(except.length ? { id: { notIn: except } } : {}) },
        select: {
          id: true,
          name: true,
          nameFolded: true,
          legalType: true,
          provinceId: true,
          province: { select: { name: true } },
          products: { where: productWhere, select: productFitSelect },
        },
      });
    },
  };
}

export function createSuggestionsService(deps: MatchmakingDeps) {
  const reads = suggestionReads(deps.prisma);

  /** The session (404 when it does not exist or its event is hidden from the caller) with its slots in order. */
  async function visibleSession(user: AuthUser, sessionId: string) {
    const session = await reads.session(sessionId);
    if (!session) throw notFound('Session');
    await deps.events.findVisible(user, session.eventId);
    // A slot that has started is no longer offered: producers and buyers cannot book it (only
    // organisers can, on the day), so only organisers see it among the free slots.
    const now = deps.now().getTime();
    const open = user.role === 'organiser' ? session.slots : session.slots.filter((s) => s.startsAt.getTime() > now);
    const conference = session.event.kind === 'conference';
    return {
      id: session.id,
      slotIds: open.map((s) => s.id),
      conference,
      crossProvinceOnly: crossProvinceOnly(session.event.kind, session.sameProvincePairs),
    };
  }

  /** A producer or a buyer asks for itself (403 naming another); organisers name one (400 without). */
  function ownOrNamed(user: AuthUser, side: 'producer' | 'buyer', named: string | undefined): string {
    const own = side === 'producer' ? user.producerId : user.buyerId;
    const param = side === 'producer' ? 'producerId' : 'buyerId';
    if (user.role === side) {
      if (!own || (named !== undefined && named !== own)) throw forbidden(`A ${side} reads its own suggestions only`);
      return own;
    }
    if (named === undefined) throw required(param, `Name the ${side} the suggestions are for (${param})`);
    return named;
  }

  return {
    /** The buyers of the session for one producer: fitting ones first, then the others; never one whose minimum stars it does not reach. */
    async buyersFor(user: AuthUser, sessionId: string, producerIdParam: string | undefined): Promise<SuggestedBuyerDto[]> {
      const producerId = ownOrNamed(user, 'producer', producerIdParam);
      const session = await visibleSession(user, sessionId);
      const [producer, sessionBuyers, meetings] = await Promise.all([
        reads.producer(producerId),
        reads.sessionBuyers(sessionId),
        reads.activeMeetings(sessionId),
      ]);
      if (!producer) throw notFound('Producer');
      const names = (await reads.provinceNames([producer.provinceId])).get(producer.provinceId) ?? [];
      const now = deps.now();
      const occupancy = occupancyOf(meetings);
      const fitProducer = { provinceNames: names, products: producer.products };

      const ranked: (SuggestedBuyerDto & { sortName: string; id: string; crossProvince: boolean })[] = [];
      for (const sb of sessionBuyers) {
        const b = sb.buyer;
        if (occupancy.meets(producerId, b.id)) continue;
        const crossProvince = session.conference && b.provinceId !== producer.provinceId;
        // A pair of one province cannot meet at this conference: not a suggestion.
        if (session.crossProvinceOnly && !crossProvince) continue;
        const fit = fitOf(fitBuyerOf(b), fitProducer, now);
        if (!fit.eligible) continue;
        ranked.push({
          id: b.id,
          sortName: b.nameFolded,
          crossProvince,
          buyer: { id: b.id, name: b.name, orgType: b.orgType, province: b.province.name, provinceId: b.provinceId },
          score: fit.score,
          fits: fit.fits,
          reasons: crossProvince
            ? [...fit.reasons, { code: 'other_province', params: { province: b.province.name } }]
            : fit.reasons,
          freeSlotIds: occupancy.freeSlots(session.slotIds, producerId, {
            buyerId: b.id,
            representatives: sb.representatives,
            blocked: new Set(parseList(sb.blockedSlotIds)),
          }),
        });
      }
      ranked.sort(compareRanked);
      return ranked.map(({ sortName: _s, id: _i, crossProvince: _c, ...dto }) => dto);
    },

    /** The producers of the directory that fit one buyer, best first, a page at a time. */
    async producersFor(
      user: AuthUser,
      sessionId: string,
      query: ProducerSuggestionsQuery,
    ): Promise<{ items: SuggestedProducerDto[]; total: number; page: number; pageSize: number }> {
      const buyerId = ownOrNamed(user, 'buyer', query.buyerId);
      const session = await visibleSession(user, sessionId);
      const [buyer, sessionBuyer, meetings] = await Promise.all([
        reads.buyer(buyerId),
        reads.sessionBuyer(sessionId, buyerId),
        reads.activeMeetings(sessionId),
      ]);
      if (!buyer) throw notFound('Buyer');
      const now = deps.now();
      const fitBuyer = fitBuyerOf(buyer);
      const occupancy = occupancyOf(meetings);
      const met = [...new Set(meetings.filter((m) => m.buyerId === buyerId).map((m) => m.producerId))];
      const producers = await reads.candidateProducers(fitBuyer, now, met);
      const names = await reads.provinceNames([...new Set(producers.map((p) => p.provinceId))]);

      const ranked: {
        id: string;
        sortName: string;
        fits: boolean;
        score: number;
        crossProvince: boolean;
        reasons: FitReason[];
        p: (typeof producers)[number];
      }[] = [];
      for (const p of producers) {
        const crossProvince = session.conference && p.provinceId !== buyer.provinceId;
        if (session.crossProvinceOnly && !crossProvince) continue;
        const fit = fitOf(fitBuyer, { provinceNames: names.get(p.provinceId) ?? [], products: p.products }, now);
        if (!fit.fits) continue;
        const reasons: FitReason[] = crossProvince
          ? [...fit.reasons, { code: 'other_province', params: { province: p.province.name } }]
          : fit.reasons;
        ranked.push({ id: p.id, sortName: p.nameFolded, fits: true, score: fit.score, crossProvince, reasons, p });
      }
      ranked.sort(compareRanked);
      const seat = sessionBuyer
        ? { buyerId, representatives: sessionBuyer.representatives, blocked: new Set(parseList(sessionBuyer.blockedSlotIds)) }
        : null;
      const start = (query.page - 1) * query.limit;
      const items = ranked.slice(start, start + query.limit).map(({ p, score, fits, reasons }) => ({
        producer: { id: p.id, name: p.name, legalType: p.legalType, province: p.province.name, provinceId: p.provinceId },
        score,
        fits,
        reasons,
        freeSlotIds: occupancy.freeSlots(session.slotIds, p.id, seat),
      }));
      return { items, total: ranked.length, page: query.page, pageSize: query.limit };
    },
  };
}
export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
