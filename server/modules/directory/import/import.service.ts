// Spreadsheet import: preview shows what every row would do; commit plans again from the
// same file (never trusting an earlier preview) and applies all of it or nothing.
import type { ImportCommit, ImportKind, ImportPreview, ImportSummary } from '../../../contracts/imports.ts';
import { DomainError } from '../../../errors.ts';
import type { AuthUser } from '../../auth/auth.service.ts';
import type { ImportRepository } from './import.repository.ts';
import { readSheet } from './parse.ts';
import { planImport, type PlannedRow } from './plan.ts';

function summarise(rows: PlannedRow[]): ImportSummary {
  const count = (action: string) => rows.filter((r) => r.action === action).length;
  return {
    total: rows.length,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    error: count('error'),
  };
}

const publicRow = ({ row, action, key, name, changes, errors }: PlannedRow) => ({ row, action, key, name, changes, errors });

export function createImportService(deps: { repo: ImportRepository }) {
  async function plan(kind: ImportKind, file: Buffer) {
    const sheet = await readSheet(file);
    const { missing, rows } = planImport(kind, sheet, await deps.repo.context(kind));
    if (missing.length) {
      throw new DomainError('VALIDATION_FAILED', `Missing columns: ${missing.join(', ')}`, {
        fields: missing.map((header) => ({ path: header, message: 'Missing column' })),
      });
    }
    return rows;
  }

  return {
    async preview(kind: ImportKind, file: Buffer): Promise<ImportPreview> {
      const rows = await plan(kind, file);
      return { kind, rows: rows.map(publicRow), summary: summarise(rows) };
    },

    async commit(user: AuthUser, kind: ImportKind, file: Buffer): Promise<ImportCommit> {
      const rows = await plan(kind, file);
      const summary = summarise(rows);
      if (summary.error > 0) {
        throw new DomainError('VALIDATION_FAILED', `${summary.error} rows have errors; nothing was imported`, {
          extra: { rows: rows.filter((r) => r.action === 'error').map(publicRow), summary },
        });
      }
      if (summary.create + summary.update > 0) await deps.repo.apply(kind, rows, user.id, summary);
      return { kind, summary };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
