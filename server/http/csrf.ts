// Cross-site request forgery: a page on another origin can make the browser send a change to
// the API with the user's cookie (an HTML form posts text/plain, urlencoded or multipart
// without any preflight). Every change must come from the app's own origin or one listed in
// ALLOWED_ORIGINS. Browsers say where a request comes from in Origin (sent on every
// cross-origin POST, PUT, PATCH, DELETE) and in Sec-Fetch-Site; a request with neither is not
// from a browser page, and its cookie alone decides who it is.
import type { RequestHandler } from 'express';
import { DomainError } from '../errors.ts';
import { originAllowed } from './origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const refused = (message: string, path: string) =>
  new DomainError('FORBIDDEN', message, { fields: [{ path, message, code: 'cross_origin' }] });

export function csrfGuard(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    if (origin !== undefined) {
      // req.host is the Host the browser asked for (X-Forwarded-Host behind a trusted proxy).
      if (!originAllowed(origin, req.host, allowedOrigins))
        throw refused(
          `Changes are accepted from this app's own pages only; ${origin.slice(0, 100)} is not one (list it in ALLOWED_ORIGINS)`,
          'headers.origin',
        );
      return next();
    }
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site')
      throw refused("Changes are accepted from this app's own pages only", 'headers.sec-fetch-site');
    next();
  };
}
