// Mounts route definitions on an Express router: access check, then zod parsing of
// params, query and body, then the handler; its value becomes the JSON answer. A mutating
// call of a signed-in user that carries an Idempotency-Key runs at most once per key.
import { Router, type Request, type Response } from 'express';
import type { IdempotencyRepository } from '../modules/idempotency/idempotency.repository.ts';
import { idempotencyKeyOf, once } from './idempotency.ts';
import { DomainError } from '../errors.ts';
import { assertWellFormed, checkAccess, parseOrThrow, type RouteSpec } from './route.ts';

const JSON_TYPES = ['application/json', '+json'];

/** 415 when a body is sent with a content type the route does not take (none takes a form's). */
function checkContentType(req: Request, accepts: readonly string[]): void {
  if (req.headers['content-length'] === '0') return; // an empty body has no type to check
  const type = req.is(accepts as string[]);
  if (type === null || type) return; // no body, or one the route takes
  const sent = req.headers['content-type']?.slice(0, 100) ?? 'none';
  const message = `This call takes ${accepts.join(' or ')}, not ${sent}`;
  throw new DomainError('UNSUPPORTED_MEDIA_TYPE', message, {
    fields: [{ path: 'headers.content-type', message, code: 'content_type', params: { accepted: accepts.join(', ') } }],
  });
}

export interface MountOptions {
  idempotency: IdempotencyRepository;
  now: () => Date;
}

export function mountRoutes(routes: RouteSpec[], options: MountOptions): Router {
  const router = Router();
  for (const route of routes) {
    // Access is checked before the route's own middleware, so nobody can make the server
    // read a 10 MB upload before being told 401 or 403.
    const guard = (req: Request, _res: Response, next: () => void) => {
      checkAccess(route.access, req.user ?? null, /^Bearer /.test(req.headers.authorization ?? ''));
      if (route.method !== 'get') checkContentType(req, route.accepts ?? JSON_TYPES);
      next();
    };
    router[route.method](route.path, guard, ...(route.middleware ?? []), async (req: Request, res: Response) => {
      const user = req.user ?? null;
      const key = route.method === 'get' ? null : idempotencyKeyOf(req);

      // Bad input is refused before anything walks it (the idempotency fingerprint) or claims a
      // key; parseOrThrow checks it is well formed first, and a body no schema reads is checked too.
      const params = route.params ? parseOrThrow(route.params, req.params, 'params') : req.params;
      const query = route.query ? parseOrThrow(route.query, req.query, 'query') : {};
      const body = route.body ? parseOrThrow(route.body, req.body, 'body') : assertWellFormed(req.body, 'body');

      /** Runs the route; null when the handler sent its own answer (a file). */
      const run = async (): Promise<{ status: number; body: string | null } | null> => {
        const answer = await route.handler({ params, query, body, user, req, res });
        if (res.headersSent) return null;
        const status = route.status ?? 200;
        return { status, body: status === 204 ? null : (JSON.stringify(answer) ?? 'null') };
      };

      let outcome: { status: number; body: string | null } | null;
      if (key && user) {
        const result = await once(options.idempotency, user.id, key, req, options.now(), async () => {
          const done = await run();
          // A streamed answer cannot be stored: fail loudly rather than replay nothing.
          if (!done) throw new Error(`${route.method} ${route.path} streams its answer; it cannot take an Idempotency-Key`);
          return done;
        });
        if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
        outcome = result;
      } else {
        outcome = await run();
      }
      if (!outcome) return;
      if (outcome.body === null) res.status(outcome.status).end();
      else res.status(outcome.status).type('application/json').send(outcome.body);
    });
  }
  return router;
}
