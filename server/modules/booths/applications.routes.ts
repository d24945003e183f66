import { z } from 'zod';
import { idSchema, listOf, noBodySchema } from '../../contracts/common.ts';
import { eventParamsSchema } from '../../contracts/events.ts';
import {
  applicationCreateSchema,
  applicationDecisionSchema,
  applicationSchema,
  applicationStatuses,
} from '../../contracts/booths.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from '../events/events.service.ts';
import type { ApplicationsService } from './applications.service.ts';

const applicationParamsSchema = z.object({ applicationId: idSchema });
const applicationListQuerySchema = z.object({ status: z.enum(applicationStatuses).optional() });

export function applicationsRoutes(applications: ApplicationsService, events: EventsService) {
  return [
    defineRoute({
      method: 'post',
      path: '/events/:eventId/applications',
      tag: 'booths',
      summary:
        "Apply for booths at a fair: a producer for itself, organisers for any producer (and after the deadline); one per producer and fair (409 `application`), with the producer's own products",
      access: ['producer', 'organiser'],
      params: eventParamsSchema,
      body: applicationCreateSchema,
      status: 201,
      response: applicationSchema,
      errors: [400, 403, 404, 409],
      handler: async ({ user, params, body }) => {
        await events.findVisible(user!, params.eventId);
        return applications.create(user!, params.eventId, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/applications',
      tag: 'booths',
      summary: "A fair's applications: organisers and officials see all of them, a producer its own",
      access: ['organiser', 'official', 'producer'],
      params: eventParamsSchema,
      query: applicationListQuerySchema,
      response: listOf(applicationSchema),
      errors: [404],
      handler: async ({ user, params, query }) => {
        await events.findVisible(user!, params.eventId);
        return { items: await applications.list(user!, params.eventId, query.status) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:applicationId',
      tag: 'booths',
      summary: 'One application, for its producer, organisers and officials',
      access: ['organiser', 'official', 'producer'],
      params: applicationParamsSchema,
      response: applicationSchema,
      errors: [403, 404],
      handler: ({ user, params }) => applications.get(user!, params.applicationId),
    }),
    defineRoute({
      method: 'post',
      path: '/applications/:applicationId/decision',
      tag: 'booths',
      summary:
        'Approve, waitlist or reject (with a reason) an application, with its support and priority; 409 `state` when another decision came first. Waitlisting while booths that fit are free offers one at once',
      access: ['organiser'],
      params: applicationParamsSchema,
      body: applicationDecisionSchema,
      response: applicationSchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body }) => applications.decide(user!, params.applicationId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/applications/:applicationId/withdraw',
      tag: 'booths',
      summary: 'The producer withdraws its application (an organiser may for it); its open waitlist offer passes to the next',
      access: ['producer', 'organiser'],
      params: applicationParamsSchema,
      body: noBodySchema,
      response: applicationSchema,
      errors: [403, 404, 409],
      handler: ({ user, params }) => applications.withdraw(user!, params.applicationId),
    }),
  ];
}
