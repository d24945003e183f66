// What every start does before serving: apply migrations, load the administrative units
// (data, idempotent), and load the demo when — and only when — the database is empty.
import type { Database } from './database.ts';
import { loadAdministrativeUnits } from '../../prisma/demo/reference.ts';
import { seedDemo, DEMO_PASSWORD } from '../../prisma/demo/seed.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { createDirectoryRepository } from '../modules/directory/directory.repository.ts';
import { createDashboardRepository } from '../modules/dashboard/dashboard.repository.ts';

export async function prepareDatabase(db: Database, options: { demoData: boolean }) {
  const migrations = await db.migrate();
  const units = await loadAdministrativeUnits(db.prisma);
  const demoLoaded = options.demoData ? await seedDemo(db.prisma, { passwordHash: () => hashPassword(DEMO_PASSWORD) }) : false;
  // Rows written before the search columns existed get them now (none on a new database).
  const searchBackfilled = await createDirectoryRepository(db.prisma).backfillSearchText();
  // Each event's dashboard counters, built once from its rows (the demo writes rows directly;
  // a database from before the counters has none), then kept by every change.
  const dashboardsBuilt = await createDashboardRepository(db.prisma, db.raw).buildAll(new Date());
  return { migrations, units, demoLoaded, searchBackfilled, dashboardsBuilt };
}
