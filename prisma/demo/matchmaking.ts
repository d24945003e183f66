// The demo's matchmaking: the fair's session and the conference's B2B session, each with its
// slots and every demo buyer taking part.
import type { Prisma } from '../../server/db/database.ts';
import { slotTimes } from '../../server/modules/matchmaking/slots.ts';
import type { SessionSpec } from './story.ts';

type Tx = Prisma.TransactionClient;

/**
 * A session with its slots; every demo buyer takes part, with one representative: the spec's
 * rule as written (a buyer has at most one meeting in a slot) holds for the demo as it stands;
 * organisers raise a chain's representatives when it sends more.
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
