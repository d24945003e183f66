// Reads the session cookie on every API request and puts the signed-in user on req.user.
import type { RequestHandler } from 'express';
import { parse } from 'cookie';
import type { AuthService, AuthUser } from '../modules/auth/auth.service.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser | null;
  }
}

export function readCookies(header: string | undefined): Record<string, string | undefined> {
  return header ? parse(header) : {};
}

export function sessionMiddleware(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    req.cookies = readCookies(req.headers.cookie);
    req.user = await auth.userForToken(req.cookies[SESSION_COOKIE]);
    next();
  };
}
