import { z } from 'zod';
import { idSchema } from '../../contracts/common.ts';
import { eventParamsSchema } from '../../contracts/events.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from '../events/events.service.ts';
import type { ActivityService } from './activity.service.ts';

export const activityQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const factSchema = z.object({
  type: z.string(),
  eventId: idSchema,
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  data: z.unknown().describe('the fact as broadcast to this caller; null for entries from before the event feed'),
});

export function activityRoutes(activity: ActivityService, events: EventsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/activity',
      tag: 'events',
      summary: 'The changes of an event after a seq, in order, each as it was broadcast to the caller (paged by limit)',
      access: 'signed-in',
      params: eventParamsSchema,
      query: activityQuerySchema,
      response: z.object({ items: z.array(factSchema), lastSeq: z.number().int(), hasMore: z.boolean() }),
      errors: [400, 404],
      handler: async ({ user, params, query }) => {
        await events.findVisible(user!, params.eventId);
        return activity.factsAfter(user!, params.eventId, query.after, query.limit);
      },
    }),
  ];
}
