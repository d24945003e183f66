// Spreadsheet import: preview shows what every row would do; commit plans again from the
// same file (never trusting an earlier preview), inside the transaction that writes it, and
// applies all of it or nothing.
import type { ImportCommit, ImportKind, ImportPreview, ImportSummary } from '../../../contracts/imports.ts';
import { DomainError } from '../../../errors.ts';
import type { AuthUser } from '../../auth/auth.service.ts';
import type { ImportRepository } from './import.repository.ts';
import { readSheet, type Sheet } from './parse.ts';
import { planImport, type ImportContext, type PlannedRow } from './plan.ts';

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
  async function plan(kind: ImportKind, sheet: Sheet, ctx: ImportContext) {
    const { missing, rows } = await planImport(kind, sheet, ctx);
    if (missing.length) {
      throw new DomainError('VALIDATION_FAILED', `Missing columns: ${missing.join(', ')}`, {
        fields: missing.map((header) => ({
          path: header,
          message: 'Missing column',
          code: 'missing_column',
          params: { column: header },
        })),
      });
    }
    return { rows, summary: summarise(rows) };
  }

  return {
    async preview(kind: ImportKind, file: Buffer): Promise<ImportPreview> {
      const sheet = await readSheet(file);
      const { rows, summary } = await plan(kind, sheet, await deps.repo.context(kind));
      return { kind, rows: rows.map(publicRow), summary };
    },

    async commit(user: AuthUser, kind: ImportKind, file: Buffer): Promise<ImportCommit> {
      const sheet = await readSheet(file);
      const { summary } = await deps.repo.commit(
        kind,
        async (ctx) => {
          const planned = await plan(kind, sheet, ctx);
          if (planned.summary.error > 0) {
            throw new DomainError('VALIDATION_FAILED', `${planned.summary.error} rows have errors; nothing was imported`, {
              extra: { rows: planned.rows.filter((r) => r.action === 'error').map(publicRow), summary: planned.summary },
            });
          }
          return planned;
        },
        user.id,
      );
      return { kind, summary };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
