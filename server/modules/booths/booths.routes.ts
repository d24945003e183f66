import { listOf, noBodySchema } from '../../contracts/common.ts';
import { eventParamsSchema } from '../../contracts/events.ts';
import { assignmentBodySchema, boothParamsSchema, boothSchema, holdBodySchema, moveBodySchema } from '../../contracts/booths.ts';
import { defineRoute } from '../../http/route.ts';
import type { EventsService } from '../events/events.service.ts';
import type { BoothsService } from './booths.service.ts';

export function boothsRoutes(booths: BoothsService, events: EventsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/booths',
      tag: 'booths',
      summary: "A fair's booths with their status and, when assigned, the producer (holds: organisers and the holder only)",
      access: 'signed-in',
      params: eventParamsSchema,
      response: listOf(boothSchema),
      errors: [404],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        return { items: await booths.listForEvent(user!, params.eventId) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/events/:eventId/booths/:boothId/assignment',
      tag: 'booths',
      summary:
        'Assign a booth to a producer; 409 with `conflict` (booth, hold, blocked, limit, quota, stars, neighbour, state) when it cannot be',
      access: ['organiser'],
      params: boothParamsSchema,
      body: assignmentBodySchema,
      response: boothSchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body }) => booths.assign(user!, params.eventId, params.boothId, body.producerId),
    }),
    defineRoute({
      method: 'delete',
      path: '/events/:eventId/booths/:boothId/assignment',
      tag: 'booths',
      summary: 'Release a booth; the first waitlisted application that fits is offered it',
      access: ['organiser'],
      params: boothParamsSchema,
      status: 204,
      errors: [404, 409],
      handler: async ({ user, params }) => {
        await booths.release(user!, params.eventId, params.boothId);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/events/:eventId/booths/:boothId/hold',
      tag: 'booths',
      summary: "Hold a booth for a producer for some minutes (the fair's holdMinutes by default); its own hold is extended",
      access: ['organiser'],
      params: boothParamsSchema,
      body: holdBodySchema,
      response: boothSchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body }) => booths.hold(user!, params.eventId, params.boothId, body.producerId, body.minutes),
    }),
    defineRoute({
      method: 'delete',
      path: '/events/:eventId/booths/:boothId/hold',
      tag: 'booths',
      summary: 'End a hold, or withdraw a waitlist offer (passed on to the next)',
      access: ['organiser'],
      params: boothParamsSchema,
      status: 204,
      errors: [404],
      handler: async ({ user, params }) => {
        await booths.releaseHold(user!, params.eventId, params.boothId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/booths/:boothId/move',
      tag: 'booths',
      summary: "Move a booth's assignment to another booth, keeping every rule",
      access: ['organiser'],
      params: boothParamsSchema,
      body: moveBodySchema,
      response: boothSchema,
      errors: [400, 404, 409],
      handler: ({ user, params, body }) => booths.move(user!, params.eventId, params.boothId, body.toBoothId),
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/booths/:boothId/check-in',
      tag: 'booths',
      summary: 'The exhibitor has arrived at its booth (fair day)',
      access: ['organiser'],
      params: boothParamsSchema,
      body: noBodySchema,
      response: boothSchema,
      errors: [404, 409],
      handler: ({ user, params }) => booths.checkIn(user!, params.eventId, params.boothId),
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/booths/:boothId/offer/accept',
      tag: 'booths',
      summary: 'The waitlisted producer an offer is for takes the booth (or an organiser for it)',
      access: ['producer', 'organiser'],
      params: boothParamsSchema,
      body: noBodySchema,
      response: boothSchema,
      errors: [403, 404, 409],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        return booths.acceptOffer(user!, params.eventId, params.boothId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/booths/:boothId/offer/decline',
      tag: 'booths',
      summary: 'The waitlisted producer declines an offer; it passes to the next',
      access: ['producer', 'organiser'],
      params: boothParamsSchema,
      body: noBodySchema,
      status: 204,
      errors: [403, 404],
      handler: async ({ user, params }) => {
        await events.findVisible(user!, params.eventId);
        await booths.declineOffer(user!, params.eventId, params.boothId);
      },
    }),
  ];
}
