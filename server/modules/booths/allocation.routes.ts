import { z } from 'zod';
import { idSchema } from '../../contracts/common.ts';
import { eventParamsSchema } from '../../contracts/events.ts';
import { boothConflicts } from '../../contracts/booths.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from '../events/events.service.ts';
import type { AllocationService } from './allocation.service.ts';

const reasonSchema = z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const proposalSchema = z.object({
  placements: z.array(
    z.object({
      boothId: idSchema,
      boothCode: z.string(),
      applicationId: idSchema,
      producerId: idSchema,
      producerName: z.string(),
      reasons: z.array(reasonSchema).describe('why this producer got this booth'),
    }),
  ),
  unplaced: z.array(z.object({ applicationId: idSchema, producerId: idSchema, producerName: z.string(), reason: z.string() })),
  score: z.number().describe('preference score of the proposal (higher is better)'),
  greedyScore: z.number().describe('the same score for a greedy first-come allocation, for comparison'),
  solvedMs: z.number().int(),
});
const acceptSchema = z
  .object({
    placements: z
      .array(z.object({ boothId: idSchema, applicationId: idSchema }).strict())
      .min(1)
      .max(2000),
  })
  .strict();

export function allocationRoutes(allocation: AllocationService, events: EventsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/allocation',
      tag: 'booths',
      summary:
        'A proposed allocation of booths to the approved applications still short of one, optimal under the rules, with reasons',
      access: ['organiser'],
      params: eventParamsSchema,
      response: proposalSchema,
      errors: [404],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        return allocation.propose(params.eventId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/allocation/accept',
      tag: 'booths',
      summary: 'Accept placements of a proposal (all or some) as one change; those no longer possible are reported, never forced',
      access: ['organiser'],
      params: eventParamsSchema,
      body: acceptSchema,
      response: z.object({
        assigned: z.array(z.object({ boothId: idSchema, applicationId: idSchema, producerId: idSchema })),
        skipped: z.array(
          z.object({ boothId: idSchema, applicationId: idSchema, conflict: z.enum([...boothConflicts, 'not_found']) }),
        ),
      }),
      errors: [400, 404, 409],
      handler: async ({ user, params, body }) => {
        await events.findVisible(user!, params.eventId);
        return allocation.accept(user!, params.eventId, body.placements);
      },
    }),
  ];
}
