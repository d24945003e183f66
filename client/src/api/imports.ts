import type { ImportCommit, ImportKind, ImportPreview } from '../../../server/contracts/imports.ts';
import { http } from './http.ts';

export type ExportFormat = 'xlsx' | 'csv';

const importPath = (kind: ImportKind) => `/imports/${encodeURIComponent(kind)}`;

export const importsApi = {
  preview: (kind: ImportKind, file: File) => http.upload<ImportPreview>(`${importPath(kind)}/preview`, file),
  commit: (kind: ImportKind, file: File) => http.upload<ImportCommit>(`${importPath(kind)}/commit`, file),
  /** A plain link: the browser downloads the file with the session cookie. */
  exportUrl: (kind: ImportKind, format: ExportFormat) => `/api/exports/${encodeURIComponent(kind)}?format=${format}`,
};
