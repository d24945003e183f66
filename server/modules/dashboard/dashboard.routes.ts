import { z } from 'zod';
import { idSchema, listOf } from '../../contracts/common.ts';
import { bigScreenCreateSchema, dashboardParamsSchema, provinceDashboardParamsSchema } from '../../contracts/dashboard.ts';
import { defineRoute, type RouteSpec } from '../../http/route.ts';
import type { DashboardService } from './dashboard.service.ts';

/** A big screen sends its link's secret as a bearer token (the page reads it from its address). */
const bearer = (header: string | undefined) => /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? '')?.[1];

const linkSchema = z.object({
  id: z.string(),
  eventId: idSchema,
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  token: z.string().optional(),
});

export function dashboardRoutes(service: DashboardService): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/dashboard',
      tag: 'dashboard',
      summary:
        "The event's live counters (booths, applications, meetings, deals and their breakdowns, over time) and the seq they include; signed in, or with a big-screen link's token as `Authorization: Bearer`. An official of another province: 403",
      access: 'signed-in-or-screen',
      params: dashboardParamsSchema,
      errors: [401, 403, 404],
      handler: async ({ user, params, req, res }) => {
        const screen = user ? null : await service.screenFor(bearer(req.headers.authorization));
        // Sent as the bytes the service keeps for the event's current seq (not encoded again),
        // with their ETag (a client asking If-None-Match gets 304).
        const { body, etag } = await service.forEvent(user ?? screen, params.eventId);
        res.set('ETag', etag).type('application/json').send(body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/provinces/:provinceId/dashboard',
      tag: 'dashboard',
      summary: "The sum of the counters of every event a province hosts or takes part in, with each event's seq",
      access: ['organiser', 'official'],
      params: provinceDashboardParamsSchema,
      errors: [401, 403, 404],
      handler: ({ user, params }) => service.forProvince(user!, params.provinceId),
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/big-screens',
      tag: 'dashboard',
      summary: 'A new big-screen link for the event: the answer carries its secret token once (the link is /screen/<token>)',
      access: ['organiser'],
      params: dashboardParamsSchema,
      body: bigScreenCreateSchema,
      status: 201,
      response: linkSchema,
      errors: [400, 403, 404],
      handler: ({ user, params, body }) => service.createScreen(user!, params.eventId, body.label),
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/big-screens',
      tag: 'dashboard',
      summary: "The event's big-screen links (without their secrets), the revoked ones too",
      access: ['organiser'],
      params: dashboardParamsSchema,
      response: listOf(linkSchema),
      errors: [403, 404],
      handler: async ({ user, params }) => ({ items: await service.listScreens(user!, params.eventId) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/events/:eventId/big-screens/:linkId',
      tag: 'dashboard',
      summary: 'Revokes a big-screen link: its dashboard answers 401 from now on and its open screens are closed',
      access: ['organiser'],
      params: dashboardParamsSchema.extend({
        linkId: z
          .string()
          .min(12)
          .max(64)
          .regex(/^[A-Za-z0-9_-]+$/),
      }),
      status: 204,
      errors: [403, 404],
      handler: ({ user, params }) => service.revokeScreen(user!, params.eventId, params.linkId),
    }),
  ];
}
