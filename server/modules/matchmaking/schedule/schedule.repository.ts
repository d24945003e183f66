// The schedule's database side: wish lists, what a session's schedule is solved from, proposals,
// and publishing a proposal in chunks, each one transaction that books through placeMeeting
// (placement.ts: every rule checked under locks, as a booking is) and skips what a rule refuses
// now, with why. Every change logs its activity; booked meetings log their meeting:changed fact
// last in their transaction, and the service publishes the facts after each commit.
import type { DatabaseProvider } from '../../../db/migrations-dir.ts';
import type { Db, Prisma } from '../../../db/database.ts';
import { DomainError } from '../../../errors.ts';
import type { MeetingConflict } from '../../../contracts/matchmaking.ts';
import type { PublishedMeetingDto, SkippedMeetingDto, WishSide } from '../../../contracts/schedule.ts';
import type { OutgoingFact } from '../../../realtime/publisher.ts';
import { appendActivity } from '../../activity/activity.repository.ts';
import { meetingFact } from '../meetings.repository.ts';
import { blockedSlotIdsOf, lockParties, meetingConflict, openForChanges, placeMeeting, sessionIn } from '../placement.ts';
import type { MeetingRow } from '../meeting-view.ts';

type Tx = Prisma.TransactionClient;

/** A meeting of a proposal, as stored in its body. */
export interface StoredMeeting {
  producerId: string;
  buyerId: string;
  slotId: string;
  slotIndex: number;
  tableNumber: number;
  reasons: unknown[];
}

export function createScheduleRepository(prisma: Db, provider: DatabaseProvider) {
  return {
    findSession(sessionId: string) {
      return prisma.matchmakingSession.findUnique({
        where: { id: sessionId },
        select: {
          id: true,
          eventId: true,
          tableCount: true,
          maxMeetingsPerProducer: true,
          maxMeetingsPerBuyer: true,
          sameProvincePairs: true,
          event: { select: { status: true, kind: true } },
        },
      });
    },

    /** Everything a schedule is solved from: slots in order, buyers taking part, wishes, standing meetings. */
    async scheduleInputs(sessionId: string) {
      const [slots, buyers, wishes, meetings] = await Promise.all([
        prisma.slot.findMany({
          where: { sessionId },
          orderBy: { position: 'asc' },
          select: { id: true, startsAt: true, endsAt: true },
        }),
        prisma.sessionBuyer.findMany({
          where: { sessionId },
          orderBy: { buyerId: 'asc' },
          select: { buyerId: true, representatives: true, blockedSlotIds: true },
        }),
        prisma.meetingWish.findMany({
          where: { sessionId },
          orderBy: [{ side: 'asc' }, { producerId: 'asc' }, { rank: 'asc' }, { buyerId: 'asc' }],
          select: { side: true, producerId: true, buyerId: true, rank: true },
        }),
        prisma.meeting.findMany({
          where: { sessionId, activeSlotId: { not: null } },
          select: { producerId: true, buyerId: true, slotId: true, tableNumber: true },
        }),
      ]);
      // The province of each side of a wish: a conference favours (or only allows) pairs of two provinces.
      const [wishProducers, wishBuyers] = await Promise.all([
        prisma.producer.findMany({
          where: { id: { in: [...new Set(wishes.map((w) => w.producerId))] } },
          select: { id: true, provinceId: true },
        }),
        prisma.buyer.findMany({
          where: { id: { in: [...new Set(wishes.map((w) => w.buyerId))] } },
          select: { id: true, provinceId: true },
        }),
      ]);
      const producerProvince = new Map(wishProducers.map((p) => [p.id, p.provinceId]));
      const buyerProvince = new Map(wishBuyers.map((b) => [b.id, b.provinceId]));
      return {
        slots,
        buyers: buyers.map((b) => ({ ...b, blockedSlotIds: blockedSlotIdsOf(b.blockedSlotIds) })),
        wishes: wishes.map((w) => ({
          ...w,
          side: w.side as WishSide,
          sameProvince: producerProvince.get(w.producerId) === buyerProvince.get(w.buyerId),
        })),
        meetings,
      };
    },

    async namesOf(producerIds: string[], buyerIds: string[]) {
      const [producers, buyers] = await Promise.all([
        prisma.producer.findMany({ where: { id: { in: [...new Set(producerIds)] } }, select: { id: true, name: true } }),
        prisma.buyer.findMany({ where: { id: { in: [...new Set(buyerIds)] } }, select: { id: true, name: true } }),
      ]);
      return { producers: new Map(producers.map((p) => [p.id, p.name])), buyers: new Map(buyers.map((b) => [b.id, b.name])) };
    },

    async buyersInSession(sessionId: string, buyerIds: string[]): Promise<Set<string>> {
      const rows = await prisma.sessionBuyer.findMany({
        where: { sessionId, buyerId: { in: buyerIds } },
        select: { buyerId: true },
      });
      return new Set(rows.map((r) => r.buyerId));
    },

    async producersExisting(producerIds: string[]): Promise<Set<string>> {
      const rows = await prisma.producer.findMany({ where: { id: { in: producerIds } }, select: { id: true } });
      return new Set(rows.map((r) => r.id));
    },

    wishes(sessionId: string, filter: { side?: WishSide; producerId?: string; buyerId?: string }) {
      return prisma.meetingWish.findMany({
        where: { sessionId, ...filter },
        orderBy: [{ side: 'asc' }, { producerId: 'asc' }, { buyerId: 'asc' }, { rank: 'asc' }],
        select: { side: true, producerId: true, buyerId: true, rank: true },
      });
    },

    /** Replaces one party's wish list (one side of it) and logs the change, in one transaction. */
    replaceWishes(input: {
      sessionId: string;
      eventId: string;
      side: WishSide;
      ownerId: string;
      otherIds: string[];
      actorId: string;
    }) {
      const { sessionId, side, ownerId, otherIds } = input;
      const owner = side === 'producer' ? { producerId: ownerId } : { buyerId: ownerId };
      return prisma.$transaction(async (tx) => {
        await tx.meetingWish.deleteMany({ where: { sessionId, side, ...owner } });
        await tx.meetingWish.createMany({
          data: otherIds.map((otherId, i) => ({
            sessionId,
            side,
            producerId: side === 'producer' ? ownerId : otherId,
            buyerId: side === 'producer' ? otherId : ownerId,
            rank: i + 1,
          })),
        });
        // A wish list is private to its party and organisers: logged for the audit, not broadcast.
        await appendActivity(tx, {
          stream: 'global',
          eventId: input.eventId,
          type: 'wishes:set',
          actorId: input.actorId,
          payload: { sessionId, side, ...owner, [side === 'producer' ? 'buyerIds' : 'producerIds']: otherIds },
        });
      });
    },

    createProposal(input: { sessionId: string; eventId: string; body: unknown; actorId: string; summary: unknown }) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.scheduleProposal.create({
          data: { sessionId: input.sessionId, body: JSON.stringify(input.body), createdById: input.actorId },
          select: { id: true },
        });
        await appendActivity(tx, {
          stream: 'global',
          eventId: input.eventId,
          type: 'schedule:proposed',
          actorId: input.actorId,
          payload: { proposalId: row.id, sessionId: input.sessionId, ...(input.summary as object) },
        });
        return row.id;
      });
    },

    findProposal(proposalId: string) {
      return prisma.scheduleProposal.findUnique({
        where: { id: proposalId },
        select: {
          id: true,
          sessionId: true,
          status: true,
          body: true,
          createdAt: true,
          publishedAt: true,
          session: { select: { eventId: true } },
        },
      });
    },

    /**
     * Books one chunk of a proposal in one transaction: locks the chunk's slots, producers and
     * buyers, then places each meeting through placeMeeting, which checks every rule against
     * what stands now (bookings made since the proposal included); a meeting a rule refuses is
     * skipped with its conflict. The first chunk claims the proposal (draft -> published, a
     * compare-and-set: a second publish at once gets 409); the last stores the outcome. The
     * meeting facts are appended last.
     */
    publishChunk(input: {
      proposalId: string;
      sessionId: string;
      meetings: StoredMeeting[];
      first: boolean;
      last: boolean;
      actorId: string;
      now: Date;
      /** the whole outcome so far, stored with the last chunk */
      outcome: (booked: PublishedMeetingDto[], skipped: SkippedMeetingDto[]) => unknown;
    }): Promise<{ booked: PublishedMeetingDto[]; skipped: SkippedMeetingDto[]; facts: OutgoingFact[] }> {
      return prisma.$transaction(async (tx) => {
        const session = await sessionIn(tx, input.sessionId);
        openForChanges(session);
        if (input.first) {
          const claimed = await tx.scheduleProposal.updateMany({
            where: { id: input.proposalId, status: 'draft' },
            data: { status: 'published', publishedAt: input.now },
          });
          if (claimed.count === 0)
            throw meetingConflict('state', 'This proposal is no longer a draft: it was published or discarded', {
              path: 'proposalId',
              code: 'proposal_not_draft',
            });
        }
        const { meetings } = input;
        const slotIds = new Set(
          (await tx.slot.findMany({ where: { sessionId: session.id }, select: { id: true } })).map((s) => s.id),
        );
        const producers = await existing(
          tx,
          'producer',
          meetings.map((m) => m.producerId),
        );
        const buyers = await existing(
          tx,
          'buyer',
          meetings.map((m) => m.buyerId),
        );
        await lockParties(tx, provider, {
          slotIds: meetings.map((m) => m.slotId).filter((id) => slotIds.has(id)),
          producerIds: meetings.map((m) => m.producerId).filter((id) => producers.has(id)),
          buyerIds: meetings.map((m) => m.buyerId).filter((id) => buyers.has(id)),
        });
        const rows: MeetingRow[] = [];
        const skipped: SkippedMeetingDto[] = [];
        for (const m of meetings) {
          const where = { producerId: m.producerId, buyerId: m.buyerId, slotId: m.slotId };
          if (!slotIds.has(m.slotId)) {
            skipped.push({ ...where, conflict: 'state', code: 'unknown_slot', message: 'The session no longer has this slot' });
            continue;
          }
          if (!producers.has(m.producerId) || !buyers.has(m.buyerId)) {
            skipped.push({
              ...where,
              conflict: 'state',
              code: 'unknown_party',
              message: 'This producer or buyer no longer exists',
            });
            continue;
          }
          try {
            rows.push(
              await placeMeeting(tx, {
                session,
                slotId: m.slotId,
                producerId: m.producerId,
                buyerId: m.buyerId,
                source: 'schedule',
                actorId: input.actorId,
              }),
            );
          } catch (error) {
            // placeMeeting decides before it writes: a refusal leaves the transaction usable.
            if (!(error instanceof DomainError) || error.code !== 'CONFLICT') throw error;
            skipped.push({
              ...where,
              conflict: (error.extra?.conflict as MeetingConflict | undefined) ?? 'state',
              code: error.fields?.[0]?.code ?? 'conflict',
              message: error.message,
            });
          }
        }
        const booked = rows.map((r) => ({
          meetingId: r.id,
          producerId: r.producerId,
          buyerId: r.buyerId,
          slotId: r.slotId,
          tableNumber: r.tableNumber,
        }));
        if (input.last) {
          const outcome = input.outcome(booked, skipped);
          const proposal = await tx.scheduleProposal.findUniqueOrThrow({
            where: { id: input.proposalId },
            select: { body: true },
          });
          await tx.scheduleProposal.update({
            where: { id: input.proposalId },
            data: { body: JSON.stringify({ ...(JSON.parse(proposal.body) as object), published: outcome }) },
          });
          await appendActivity(tx, {
            stream: 'global',
            eventId: session.eventId,
            type: 'schedule:published',
            actorId: input.actorId,
            payload: { proposalId: input.proposalId, sessionId: session.id, ...(outcome as object) },
          });
        }
        const facts: OutgoingFact[] = [];
        for (const row of rows) facts.push(await meetingFact(tx, row, 'booked', input.actorId));
        return { booked, skipped, facts };
      });
    },
  };
}
export type ScheduleRepository = ReturnType<typeof createScheduleRepository>;

async function existing(tx: Tx, kind: 'producer' | 'buyer', ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const rows =
    kind === 'producer'
      ? await tx.producer.findMany({ where: { id: { in: unique } }, select: { id: true } })
      : await tx.buyer.findMany({ where: { id: { in: unique } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
