// The OpenAPI document, generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import { errorBodySchema } from '../contracts/common.ts';
import type { RouteSpec } from './route.ts';

const statusText: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No content',
  400: 'Invalid input: `error.fields` names each failing field',
  401: 'Not signed in, or bad credentials',
  403: "The role does not allow this, or a change came from another site's page (Origin not the app's own nor in ALLOWED_ORIGINS)",
  404: 'Not found',
  409: 'Conflict: `conflict` says what was taken',
  413: 'The body is too large',
  415: 'A body of a type this call does not take (`error.fields` names headers.content-type)',
  429: 'Too many requests',
  503: 'The database was busy for too long (another change, or every connection in use); nothing was done. Retry after `Retry-After` seconds',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same signed-in user, key and call within 24 hours gets the first answer again ' +
    '(with Idempotent-Replayed: true) instead of acting twice. 400 when the key was used for another call; ' +
    '409 (conflict "idempotency") while the first call still runs; 409 (conflict "idempotency_answer_lost") ' +
    'when the first call took effect but its answer was lost, which is never run again.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

export function buildOpenApi(routes: RouteSpec[], info: { title: string; version: string }) {
  const errorSchema = jsonSchema(errorBodySchema.omit({ conflict: true }), 'output');
  // A 409 always says what was taken.
  const conflictSchema = jsonSchema(errorBodySchema.required({ conflict: true }), 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const ok = route.status ?? 200;
    const responses: Record<string, unknown> = {
      [ok]: {
        description: statusText[ok] ?? 'OK',
        ...(route.response ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } } : {}),
      },
    };
    const errors = new Set([
      ...(route.errors ?? []),
      ...(route.access === 'public' ? [] : [401]),
      ...(route.body || route.query || route.params ? [400] : []),
      // A call waits for the database (SQLite's writer, PostgreSQL's pool or import lock) at most so long.
      503,
    ]);
    if (Array.isArray(route.access) || route.method !== 'get') errors.add(403);
    if (route.method !== 'get') errors.add(415);
    for (const status of [...errors].sort()) {
      responses[status] = {
        description: statusText[status] ?? 'Error',
        content: { 'application/json': { schema: status === 409 ? conflictSchema : errorSchema } },
      };
    }
    const roles =
      route.access === 'public'
        ? 'anyone'
        : route.access === 'signed-in'
          ? 'any signed-in user'
          : route.access === 'signed-in-or-screen'
            ? "any signed-in user, or a big-screen link's token"
            : route.access.join(', ');
    paths[path] = {
      ...paths[path],
      [route.method]: {
        tags: [route.tag],
        summary: route.summary,
        description: `Who: ${roles}.`,
        'x-access': route.access,
        parameters: [
          ...parameters(route.params, 'path'),
          ...parameters(route.query, 'query'),
          ...(route.method === 'get' ? [] : [idempotencyKeyParameter]),
        ],
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
          : route.accepts
            ? {
                requestBody: {
                  required: true,
                  content: Object.fromEntries(
                    route.accepts.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
                  ),
                },
              }
            : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info,
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ocop_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
