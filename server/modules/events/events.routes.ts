import { listOf } from '../../contracts/common.ts';
import { eventInputSchema, eventParamsSchema, eventPatchSchema, eventSchema } from '../../contracts/events.ts';
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
      method: 'post',
      path: '/events',
      tag: 'events',
      summary:
        'Create a fair or a conference, as a draft (seen by organisers only until published); logged as event:updated, seq 1',
      access: ['organiser'],
      body: eventInputSchema,
      status: 201,
      response: eventSchema,
      handler: ({ user, body }) => events.create(user!, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/events/:eventId',
      tag: 'events',
      summary:
        'Edit an event (name, venue, times and time zone, host and partner provinces) or move its status: ' +
        'draft → published → live → closed, and back from published to draft or from live to published ' +
        '(409 conflict "state" otherwise); broadcast as event:updated',
      access: ['organiser'],
      params: eventParamsSchema,
      body: eventPatchSchema,
      response: eventSchema,
      errors: [404, 409],
      handler: ({ user, params, body }) => events.update(user!, params.eventId, body),
    }),
  ];
}
