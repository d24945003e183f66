// Automatic allocation: a proposal for every approved application still short of booths,
// computed by the solver in ./allocation/ (an assignment problem over a cost matrix, with the
// hard rules as forbidden pairs), shown beside the greedy first-come baseline of the same run;
// the organiser accepts it whole or in part, as one change that keeps every rule (booths taken
// meanwhile are reported, never overwritten).
import type { Db } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { preferencesSchema } from '../../contracts/booths.ts';
import type { FactPublisher } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import { allocate, greedyBaseline, type AllocApplication, type AllocBooth, type AllocPolicy } from './allocation/allocate.ts';
import { occupancyStands } from './booth-view.ts';
import { parsePolicy, type OccupancyRepository } from './occupancy.repository.ts';
import { foldForSearch } from '../directory/fold.ts';

export function createAllocationService(deps: {
  prisma: Db;
  repo: OccupancyRepository;
  publisher: FactPublisher;
  now: () => Date;
}) {
  const { prisma, repo, publisher, now } = deps;

  async function inputs(eventId: string) {
    const at = now();
    const event = await prisma.event.findUnique({ where: { id: eventId }, select: { id: true, boothPolicy: true } });
    if (!event) throw notFound('Event');
    const policy = parsePolicy(event.boothPolicy);
    const booths = await prisma.booth.findMany({
      where: { eventId },
      select: {
        id: true,
        code: true,
        zone: true,
        type: true,
        x: true,
        y: true,
        widthM: true,
        depthM: true,
        blocked: true,
        occupancy: { select: { kind: true, producerId: true, expiresAt: true } },
      },
    });
    const allocBooths: AllocBooth[] = booths
      .filter((b) => !b.blocked)
      .map((b) => ({
        id: b.id,
        code: b.code,
        zone: b.zone,
        type: b.type as AllocBooth['type'],
        x: b.x,
        y: b.y,
        widthM: b.widthM,
        depthM: b.depthM,
        occupiedBy: b.occupancy && occupancyStands(b.occupancy, at) ? b.occupancy.producerId : null,
      }));
    const applications = await prisma.boothApplication.findMany({
      where: { eventId, status: 'approved' },
      select: {
        id: true,
        producerId: true,
        priority: true,
        createdAt: true,
        preferences: true,
        producer: {
          select: {
            name: true,
            provinceId: true,
            locality: true,
            products: { where: { stars: { not: null }, certExpiresAt: { gt: at } }, select: { stars: true } },
          },
        },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const assignedCount = new Map<string, number>();
    for (const b of booths)
      if (b.occupancy?.kind === 'assigned')
        assignedCount.set(b.occupancy.producerId, (assignedCount.get(b.occupancy.producerId) ?? 0) + 1);
    const allocApplications: AllocApplication[] = applications.map((a) => {
      const parsed = preferencesSchema.safeParse(JSON.parse(a.preferences));
      const prefs = parsed.success ? parsed.data : preferencesSchema.parse({});
      const starList = a.producer.products.map((p) => p.stars ?? 0);
      const stars = starList.length ? Math.max(...starList) : null;
      return {
        applicationId: a.id,
        producerId: a.producerId,
        producerName: a.producer.name,
        provinceId: a.producer.provinceId,
        locality: a.producer.locality,
        stars,
        priority: a.priority,
        createdAt: a.createdAt.toISOString(),
        zones: prefs.zones,
        types: prefs.types,
        seekProducerIds: prefs.seekProducerIds,
        avoidProducerIds: prefs.avoidProducerIds,
        booths: prefs.booths,
        alreadyHas: assignedCount.get(a.producerId) ?? 0,
      };
    });
    const tallies = await prisma.boothTally.findMany({ where: { eventId }, select: { key: true, count: true } });
    const used = new Map(tallies.map((t) => [t.key, t.count]));
    const allocPolicy: AllocPolicy = {
      boothsPerProducer: policy.boothsPerProducer,
      zoneMinStars: policy.zoneMinStars,
      quotas: policy.quotas,
      quotaUsed: policy.quotas.map((q) =>
        q.locality === undefined
          ? (used.get(`province:${q.provinceId}`) ?? 0)
          : (used.get(`locality:${q.provinceId}:${foldForSearch(q.locality)}`) ?? 0),
      ),
    };
    return { booths: allocBooths, applications: allocApplications, policy: allocPolicy };
  }

  return {
    /** The optimal proposal, its score and the greedy baseline's score, with why each booth. */
    async propose(eventId: string) {
      const { booths, applications, policy } = await inputs(eventId);
      const started = performance.now();
      const proposal = allocate(booths, applications, policy);
      const solvedMs = Math.round(performance.now() - started);
      const baseline = greedyBaseline(booths, applications, policy);
      const byApp = new Map(applications.map((a) => [a.applicationId, a]));
      return {
        placements: proposal.placements.map((p) => ({
          boothId: p.boothId,
          boothCode: p.boothCode,
          applicationId: p.applicationId,
          producerId: p.producerId,
          producerName: byApp.get(p.applicationId)?.producerName ?? '',
          reasons: p.reasons.map((r) => ({ code: r.code, ...(r.params ? { params: r.params } : {}) })),
        })),
        unplaced: proposal.unplaced.map((u) => ({ ...u, producerName: byApp.get(u.applicationId)?.producerName ?? '' })),
        score: proposal.score,
        greedyScore: baseline.score,
        solvedMs,
      };
    },

    async accept(user: AuthUser, eventId: string, placements: { boothId: string; applicationId: string }[]) {
      const { assigned, skipped, facts } = await repo.assignMany({ eventId, placements, actorId: user.id, now: now() });
      for (const fact of facts) publisher.publish(fact);
      return { assigned, skipped };
    },
  };
}
export type AllocationService = ReturnType<typeof createAllocationService>;
