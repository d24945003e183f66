import { pageOf } from '../../contracts/common.ts';
import { buyerSchema, directoryQuerySchema, producerSchema } from '../../contracts/directory.ts';
import { defineRoute } from '../../http/route.ts';
import type { DirectoryService } from './directory.service.ts';

export function directoryRoutes(directory: DirectoryService) {
  return [
    defineRoute({
      method: 'get',
      path: '/producers',
      tag: 'directory',
      summary: 'OCOP producers with their products; q matches names without regard to diacritics or case',
      access: 'signed-in',
      query: directoryQuerySchema,
      response: pageOf(producerSchema),
      handler: ({ query }) => directory.producers(query),
    }),
    defineRoute({
      method: 'get',
      path: '/buyers',
      tag: 'directory',
      summary: 'Buyer organisations; q matches names without regard to diacritics or case',
      access: 'signed-in',
      query: directoryQuerySchema,
      response: pageOf(buyerSchema),
      handler: ({ query }) => directory.buyers(query),
    }),
  ];
}
