// What every part of matchmaking is built from (wired once in server/app.ts).
import type { Db } from '../../db/database.ts';
import type { DatabaseProvider } from '../../db/migrations-dir.ts';
import type { FactPublisher } from '../../realtime/publisher.ts';
import type { EventsService } from '../events/events.service.ts';

export interface MatchmakingDeps {
  prisma: Db;
  provider: DatabaseProvider;
  publisher: FactPublisher;
  now: () => Date;
  events: EventsService;
}
