import express from 'express';
import type { Db } from '../../../db/database.ts';
import {
  exportQuerySchema,
  importCommitSchema,
  importKindParamsSchema,
  importPreviewSchema,
} from '../../../contracts/imports.ts';
import { DomainError } from '../../../errors.ts';
import { defineRoute } from '../../../http/route.ts';
import { toIsoInZone } from '../../../contracts/time.ts';
import { exportTable, toCsv, toXlsx } from './export.ts';
import type { ImportService } from './import.service.ts';
import { UPLOAD_LIMITS } from './workbook-limits.ts';

/** The file is the raw body: .xlsx or .csv, up to 10 MB (the other limits are read as it is). */
const rawFile = express.raw({ type: () => true, limit: UPLOAD_LIMITS.bytes });
/**
 * What a browser calls a spreadsheet (Excel on Windows labels .csv files as vnd.ms-excel);
 * never the types an HTML form can send, so no other site's page can post a file here.
 */
const SPREADSHEET_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

function fileOf(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Send the spreadsheet (.xlsx or .csv) as the request body', {
      fields: [{ path: 'body', message: 'Empty', code: 'file_empty' }],
    });
  }
  return body;
}

export function importRoutes(service: ImportService, prisma: Db, now: () => Date) {
  return [
    defineRoute({
      method: 'post',
      path: '/imports/:kind/preview',
      tag: 'directory',
      summary: 'Preview a spreadsheet import: what each row would create or update, or why it cannot',
      access: ['organiser'],
      params: importKindParamsSchema,
      accepts: SPREADSHEET_TYPES,
      middleware: [rawFile],
      response: importPreviewSchema,
      handler: ({ params, req }) => service.preview(params.kind, fileOf(req.body)),
    }),
    defineRoute({
      method: 'post',
      path: '/imports/:kind/commit',
      tag: 'directory',
      summary: 'Import a spreadsheet: all rows or, when any row has an error, none (400 with the rows)',
      access: ['organiser'],
      params: importKindParamsSchema,
      accepts: SPREADSHEET_TYPES,
      middleware: [rawFile],
      response: importCommitSchema,
      handler: ({ user, params, req }) => service.commit(user!, params.kind, fileOf(req.body)),
    }),
    defineRoute({
      method: 'get',
      path: '/exports/:kind',
      tag: 'directory',
      summary: 'The list as .xlsx or .csv, with the import headers',
      access: ['organiser', 'official'],
      params: importKindParamsSchema,
      query: exportQuerySchema,
      handler: async ({ params, query, res }) => {
        const table = await exportTable(prisma, params.kind);
        const day = toIsoInZone(now()).slice(0, 10);
        const file = query.format === 'csv' ? toCsv(table) : await toXlsx(table, params.kind);
        res.setHeader(
          'Content-Type',
          query.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        res.setHeader('Content-Disposition', `attachment; filename="ocop-${params.kind}-${day}.${query.format}"`);
        res.end(file);
        return undefined;
      },
    }),
  ];
}
