// Booths of a fair: reading the plan as the caller may see it, and the changes of who occupies
// a booth (assignment, hold, waitlist offer, move, check-in). The rules live in the occupancy
// repository's transactions; this service checks who asks, and publishes the facts those
// transactions logged once they have committed.
import type { BoothDto } from '../../contracts/booths.ts';
import { forbidden } from '../../errors.ts';
import type { FactPublisher, OutgoingFact } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import { PUBLIC, STAFF, toBoothView, type Viewer } from './booth-view.ts';
import type { OccupancyRepository } from './occupancy.repository.ts';
import { notFound } from '../../errors.ts';

export function viewerOf(user: Pick<AuthUser, 'role' | 'producerId'>): Viewer {
  if (user.role === 'organiser') return STAFF;
  if (user.role === 'producer' && user.producerId) return { kind: 'producer', producerId: user.producerId };
  return PUBLIC;
}

export function createBoothsService(deps: { repo: OccupancyRepository; publisher: FactPublisher; now: () => Date }) {
  const { repo, publisher, now } = deps;
  const publishAll = (facts: OutgoingFact[]) => {
    for (const fact of facts) publisher.publish(fact);
  };
  /** The booth as the caller sees it after the change. */
  async function boothFor(user: AuthUser, eventId: string, boothId: string): Promise<BoothDto> {
    const row = await repo.findOne(eventId, boothId);
    if (!row) throw notFound('Booth');
    return toBoothView(row, now(), viewerOf(user));
  }

  return {
    async listForEvent(user: AuthUser, eventId: string): Promise<BoothDto[]> {
      const at = now();
      const viewer = viewerOf(user);
      return (await repo.list(eventId)).map((row) => toBoothView(row, at, viewer));
    },

    async assign(user: AuthUser, eventId: string, boothId: string, producerId: string): Promise<BoothDto> {
      const { facts } = await repo.assign({ eventId, boothId, producerId, actorId: user.id, now: now() });
      publishAll(facts);
      return boothFor(user, eventId, boothId);
    },

    async release(user: AuthUser, eventId: string, boothId: string): Promise<void> {
      const { facts } = await repo.release({ eventId, boothId, actorId: user.id, now: now() });
      publishAll(facts);
    },

    async hold(user: AuthUser, eventId: string, boothId: string, producerId: string, minutes?: number): Promise<BoothDto> {
      const { facts } = await repo.hold({
        eventId,
        boothId,
        producerId,
        actorId: user.id,
        now: now(),
        ...(minutes ? { minutes } : {}),
      });
      publishAll(facts);
      return boothFor(user, eventId, boothId);
    },

    async releaseHold(user: AuthUser, eventId: string, boothId: string): Promise<void> {
      const { facts } = await repo.releaseHold({ eventId, boothId, actorId: user.id, now: now() });
      publishAll(facts);
    },

    /** The producer an offer is for (or an organiser for it) takes the booth. */
    async acceptOffer(user: AuthUser, eventId: string, boothId: string): Promise<BoothDto> {
      const holder = await repo.offerHolder(eventId, boothId, now());
      if (!holder) throw notFound('Open offer for this booth');
      if (user.role !== 'organiser' && user.producerId !== holder) throw forbidden('This offer is for another producer');
      const { facts } = await repo.assign({
        eventId,
        boothId,
        producerId: holder,
        actorId: user.id,
        now: now(),
        offerOnly: true,
      });
      publishAll(facts);
      return boothFor(user, eventId, boothId);
    },

    async declineOffer(user: AuthUser, eventId: string, boothId: string): Promise<void> {
      const holder = await repo.offerHolder(eventId, boothId, now());
      if (!holder) throw notFound('Open offer for this booth');
      if (user.role !== 'organiser' && user.producerId !== holder) throw forbidden('This offer is for another producer');
      const { facts } = await repo.releaseHold({ eventId, boothId, actorId: user.id, now: now(), offerFor: holder });
      publishAll(facts);
    },

    async move(user: AuthUser, eventId: string, boothId: string, toBoothId: string): Promise<BoothDto> {
      const { facts } = await repo.move({ eventId, boothId, toBoothId, actorId: user.id, now: now() });
      publishAll(facts);
      return boothFor(user, eventId, toBoothId);
    },

    async checkIn(user: AuthUser, eventId: string, boothId: string): Promise<BoothDto> {
      const { facts } = await repo.checkIn({ eventId, boothId, actorId: user.id, now: now() });
      publishAll(facts);
      return boothFor(user, eventId, boothId);
    },

    /** Announces lapsed holds and offers (main.ts runs it every few seconds); returns how many. */
    async sweepLapsed(): Promise<number> {
      const facts = await repo.sweepLapsed(now());
      publishAll(facts);
      return facts.length;
    },
  };
}
export type BoothsService = ReturnType<typeof createBoothsService>;
