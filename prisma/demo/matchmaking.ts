// The demo's matchmaking sessions with their slots: the fair's morning session and the
// conference's B2B session with every demo buyer taking part, and the fair's afternoon
// session, whose buyers and day meetings.ts writes.
import type { Prisma } from '../../server/db/database.ts';
import { slotTimes } from '../../server/modules/matchmaking/slots.ts';
import type { SessionSpec } from './story.ts';

type Tx = Prisma.TransactionClient;

/**
 * A session with its slots and these buyers taking part, with one representative each: the
 * spec's rule as written (a buyer has at most one meeting in a slot) holds for the morning and
 * the conference as they stand; organisers raise a chain's representatives when it sends more.
 */
export async function seedSession(tx: Tx, eventId: string, s: SessionSpec, buyers: { id: string }[]): Promise<string> {
  const { breaks, ...fields } = s;
  const session = await tx.matchmakingSession.create({
    data: {
      eventId,
      ...fields,
      breaks: JSON.stringify(breaks.map(([from, to]) => ({ startsAt: from.toISOString(), endsAt: to.toISOString() }))),
    },
    select: { id: true },
  });
  const slots = slotTimes(s.startsAt, s.endsAt, s.slotMinutes, breaks);
  await tx.slot.createMany({ data: slots.map((slot, position) => ({ sessionId: session.id, position, ...slot })) });
  await tx.sessionBuyer.createMany({
    data: buyers.map((b) => ({ sessionId: session.id, buyerId: b.id, representatives: 1 })),
  });
  return session.id;
}
