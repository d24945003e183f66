import { listOf } from '../../contracts/common.ts';
import { eventParamsSchema } from '../../contracts/events.ts';
import {
  boothParamsSchema,
  boothPolicyPatchSchema,
  boothPolicySchema,
  boothSchema,
  type BoothPolicy,
} from '../../contracts/booths.ts';
import { boothExportQuerySchema, boothGridSchema, boothPatchSchema } from '../../contracts/floorplan.ts';
import { defineRoute } from '../../http/route.ts';
import { toCsv, toXlsx } from '../directory/import/export.ts';
import type { EventsService } from '../events/events.service.ts';
import type { FloorplanService } from './floorplan.service.ts';

/**
 * The policy fields the request sent. boothPolicyPatchSchema is boothPolicySchema.partial(),
 * and zod keeps each field's default there, so the parsed body holds every field: only those
 * the client wrote may replace the stored ones.
 */
function sentFields(parsed: Partial<BoothPolicy>, raw: unknown): Partial<BoothPolicy> {
  const sent = raw && typeof raw === 'object' ? raw : {};
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => Object.hasOwn(sent, key))) as Partial<BoothPolicy>;
}

export function floorplanRoutes(floorplan: FloorplanService, events: EventsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/events/:eventId/booths',
      tag: 'booths',
      summary:
        'Lay out a row or grid of booths in one step (A01–A40, 3×3 m, standard): all of them or none; a code already used is 409 `code`',
      access: ['organiser'],
      params: eventParamsSchema,
      body: boothGridSchema,
      status: 201,
      response: listOf(boothSchema),
      errors: [400, 404, 409],
      handler: async ({ user, params, body }) => ({ items: await floorplan.createGrid(user!, params.eventId, body) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/events/:eventId/booths/:boothId',
      tag: 'booths',
      summary:
        'Edit a booth (code, zone, type, size, price, position, blocked); blocking an occupied booth is 409 `booth` or `hold`; unblocking offers it to the waitlist',
      access: ['organiser'],
      params: boothParamsSchema,
      body: boothPatchSchema,
      response: boothSchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body }) => floorplan.update(user!, params.eventId, params.boothId, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/events/:eventId/booths/:boothId',
      tag: 'booths',
      summary: 'Delete a booth nobody occupies (409 `booth` or `hold` when an assignment, a hold or an offer stands on it)',
      access: ['organiser'],
      params: boothParamsSchema,
      status: 204,
      errors: [404, 409],
      handler: async ({ user, params }) => {
        await floorplan.remove(user!, params.eventId, params.boothId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/booths/export',
      tag: 'booths',
      summary:
        "The fair's booths and their exhibitors as .xlsx or .csv (code, zone, type, size, price, status, exhibitor, check-in)",
      access: ['organiser', 'official'],
      params: eventParamsSchema,
      query: boothExportQuerySchema,
      errors: [404],
      handler: async ({ user, params, query, res }) => {
        await events.findVisible(user!, params.eventId);
        const { table, day } = await floorplan.exportTable(params.eventId);
        const file = query.format === 'csv' ? toCsv(table) : await toXlsx(table, 'Gian hàng');
        res.setHeader(
          'Content-Type',
          query.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        res.setHeader('Content-Disposition', `attachment; filename="ocop-booths-${day}.${query.format}"`);
        res.end(file);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/booth-policy',
      tag: 'booths',
      summary:
        "The fair's booth policy: booths per producer, application deadline, hold and offer minutes, quotas, zones' minimum stars",
      access: 'signed-in',
      params: eventParamsSchema,
      response: boothPolicySchema,
      errors: [404],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        return floorplan.policy(params.eventId);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/events/:eventId/booth-policy',
      tag: 'booths',
      summary:
        "Change the fair's booth policy: the fields sent replace the stored ones; quotas count the booths already assigned",
      access: ['organiser'],
      params: eventParamsSchema,
      body: boothPolicyPatchSchema,
      response: boothPolicySchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body, req }) =>
        floorplan.updatePolicy(user!, params.eventId, sentFields(body as Partial<BoothPolicy>, req.body)),
    }),
  ];
}
