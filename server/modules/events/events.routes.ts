import { listOf } from '../../contracts/common.ts';
import { eventParamsSchema, eventPatchSchema, eventSchema } from '../../contracts/events.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from './events.service.ts';

export function eventsRoutes(events: EventsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events',
      tag: 'events',
      summary: 'Fairs and conferences (drafts only for organisers)',
      access: 'signed-in',
      response: listOf(eventSchema),
      handler: async ({ user }) => ({ items: await events.list(user!) }),
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId',
      tag: 'events',
      summary: 'One event, with the seq of its last change',
      access: 'signed-in',
      params: eventParamsSchema,
      response: eventSchema,
      errors: [404],
      handler: ({ user, params }) => events.get(user!, params.eventId),
    }),
    defineRoute({
      method: 'patch',
      path: '/events/:eventId',
      tag: 'events',
      summary: 'Rename an event, move its venue or change its status; broadcast as event:updated',
      access: ['organiser'],
      params: eventParamsSchema,
      body: eventPatchSchema,
      response: eventSchema,
      errors: [404],
      handler: ({ user, params, body }) => events.update(user!, params.eventId, body),
    }),
  ];
}
