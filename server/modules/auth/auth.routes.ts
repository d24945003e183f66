import type { Response } from 'express';
import { loginBodySchema, userAnswerSchema } from '../../contracts/auth.ts';
import { defineRoute } from '../../http/route.ts';
import { unauthenticated } from '../../errors.ts';
import { toUserDto, type AuthService } from './auth.service.ts';

export const SESSION_COOKIE = 'ocop_session';

/**
 * The session cookie lives as long as its session, by the server's clock: as Max-Age (which
 * browsers prefer to Expires), so a phone whose clock is wrong neither drops it at once nor
 * keeps it past its session.
 */
export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean, now: Date): void {
  const maxAge = Math.max(0, expiresAt.getTime() - now.getTime());
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, maxAge, path: '/' });
}

export interface AuthRouteOptions {
  cookieSecure: boolean;
  /** The app's clock, which sets a session's end. */
  now: () => Date;
}

export function authRoutes(auth: AuthService, options: AuthRouteOptions) {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with email and password; sets the httpOnly session cookie',
      access: 'public',
      body: loginBodySchema,
      response: userAnswerSchema,
      errors: [401, 429],
      handler: async ({ body, req, res }) => {
        const { user, token, expiresAt } = await auth.login(body.email, body.password, req.ip ?? 'unknown');
        setSessionCookie(res, token, expiresAt, options.cookieSecure, options.now());
        return { user: toUserDto(user) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Sign out: ends the session',
      access: 'signed-in',
      status: 204,
      handler: async ({ req, res }) => {
        await auth.logout(req.cookies[SESSION_COOKIE]);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The signed-in user, with role and (producers, buyers) organisationId',
      access: 'signed-in',
      response: userAnswerSchema,
      handler: async ({ user }) => {
        if (!user) throw unauthenticated();
        return { user: toUserDto(user) };
      },
    }),
  ];
}
