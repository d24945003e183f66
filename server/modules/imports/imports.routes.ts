import type { RouteSpec } from '../../http/route.ts';
import type { Db } from '../../db/database.ts';

/** Spreadsheet import (preview, commit) and export of the directory. */
export function importsRoutes(_deps: { prisma: Db; now: () => Date }): RouteSpec[] {
  return [];
}
