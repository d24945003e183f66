// Mounts route definitions on an Express router: access check, then zod parsing of
// params, query and body, then the handler; its value becomes the JSON answer.
import { Router, type Request, type Response } from 'express';
import { checkAccess, parseOrThrow, type RouteSpec } from './route.ts';

export function mountRoutes(routes: RouteSpec[]): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, ...(route.middleware ?? []), async (req: Request, res: Response) => {
      const user = req.user ?? null;
      checkAccess(route.access, user);
      const params = route.params ? parseOrThrow(route.params, req.params, 'params') : req.params;
      const query = route.query ? parseOrThrow(route.query, req.query, 'query') : {};
      const body = route.body ? parseOrThrow(route.body, req.body, 'body') : undefined;
      const answer = await route.handler({ params, query, body, user, req, res });
      if (res.headersSent) return; // the handler streamed its own answer (a file)
      const status = route.status ?? 200;
      if (status === 204) res.status(204).end();
      else res.status(status).json(answer);
    });
  }
  return router;
}
