import { listOf } from '../../contracts/common.ts';
import { boothSchema, eventParamsSchema } from '../../contracts/events.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from '../events/events.service.ts';
import type { BoothsService } from './booths.service.ts';

export function boothsRoutes(booths: BoothsService, events: EventsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/booths',
      tag: 'booths',
      summary: "A fair's booths with their status and, when assigned, the producer",
      access: 'signed-in',
      params: eventParamsSchema,
      response: listOf(boothSchema),
      errors: [404],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        return { items: await booths.listForEvent(params.eventId) };
      },
    }),
  ];
}
