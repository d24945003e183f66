// The demo: the Đắk Lắk story (a Tây Nguyên OCOP fair, an Đắk Lắk – Sóc Trăng conference, a
// 2027 fair in draft, ~120 producers, 20 buyers). Loaded only into an empty database, in one
// transaction, deterministically (a seeded PRNG, never Math.random), with batched inserts.
// Each capability writes its own part, in this order: the directory (directory.ts), the
// sign-ins (accounts.ts), the events (events.ts), matchmaking sessions (matchmaking.ts), the
// floor plans with their assignments and holds (floorplan.ts), the fair's booth policy and
// applications (booths.ts), the afternoon session's day (meetings.ts), then the conference's
// programme, delegations, arranged meetings and agreements (conferences.ts). The references
// tests rely on are in story.ts; repositories.ts gives the loaders the API's own repositories.
import type { Db, Prisma } from '../../server/db/database.ts';
import { loadAdministrativeUnits } from './reference.ts';
import { DRAFT_ZONES, FAIR_BLOCKED, FAIR_ZONES } from './data.ts';
import { buildProducers, seedDirectory, type ProducerSeed } from './directory.ts';
import { seedAccounts } from './accounts.ts';
import { seedEvents } from './events.ts';
import { seedSession } from './matchmaking.ts';
import { seedTradeDay } from './meetings.ts';
import { seedFloorplans } from './floorplan.ts';
import { seedBoothsDemo } from './booths.ts';
import { seedConference } from './conferences.ts';
import { DEMO } from './story.ts';

export { DEMO } from './story.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';

type Tx = Prisma.TransactionClient;

/** Loads the demo into an empty database (no event, no user); returns false and changes nothing otherwise. */
export async function seedDemo(
  prisma: Db,
  options: { passwordHash: string | (() => Promise<string>); now?: Date },
): Promise<boolean> {
  const isEmpty = async () => (await prisma.event.count()) === 0 && (await prisma.user.count()) === 0;
  if (!(await isEmpty())) return false;
  // A hash costs tens of milliseconds: computed only when the demo is really loaded.
  const passwordHash = typeof options.passwordHash === 'string' ? options.passwordHash : await options.passwordHash();
  await loadAdministrativeUnits(prisma);
  const now = options.now ?? new Date();
  const producers = buildProducers();
  try {
    await prisma.$transaction((tx) => loadDemo(tx, producers, passwordHash, now), { timeout: 60_000 });
  } catch (error) {
    if (!(await isEmpty())) return false; // another process loaded it meanwhile
    throw error;
  }
  return true;
}

async function loadDemo(tx: Tx, producers: ProducerSeed[], passwordHash: string, now: Date): Promise<void> {
  const directory = await seedDirectory(tx, producers);
  await seedAccounts(tx, { producers, directory, passwordHash });
  const events = await seedEvents(tx);
  await seedSession(tx, events.fairId, DEMO.fair.session, directory.buyers);
  await seedSession(tx, events.conferenceId, DEMO.conference.session, directory.buyers);
  const arrangedSessionId = await seedSession(tx, events.conferenceId, DEMO.conference.arrangedSession, []);
  await seedFloorplans(tx, {
    fair: { id: events.fairId, zones: FAIR_ZONES, blocked: FAIR_BLOCKED },
    draft: { id: events.draftId, zones: DRAFT_ZONES },
    producers,
    directory,
    now,
  });
  await seedBoothsDemo(tx, { fairId: events.fairId, now });
  const tradeSessionId = await seedSession(tx, events.fairId, DEMO.fair.tradeSession, []);
  await seedTradeDay(tx, { eventId: events.fairId, sessionId: tradeSessionId, producers, directory, passwordHash, now });
  await seedConference(tx, { eventId: events.conferenceId, arrangedSessionId, producers, directory, now });
}
