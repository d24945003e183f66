import type { RequestHandler } from 'express';
import { pageOf } from '../../contracts/common.ts';
import {
  accountPatchSchema,
  accountQuerySchema,
  accountSchema,
  invitationAcceptSchema,
  invitationCreatedSchema,
  invitationInputSchema,
  invitationTokenParamsSchema,
  invitationViewSchema,
  userParamsSchema,
} from '../../contracts/accounts.ts';
import { userAnswerSchema } from '../../contracts/auth.ts';
import { defineRoute } from '../../http/route.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';
import { toUserDto, type AuthService } from '../auth/auth.service.ts';
import type { AccountsService } from './accounts.service.ts';

export function accountsRoutes(
  accounts: AccountsService,
  auth: AuthService,
  options: { cookieSecure: boolean; limiter: RequestHandler; now: () => Date },
) {
  return [
    defineRoute({
      method: 'get',
      path: '/users',
      tag: 'accounts',
      summary: 'Every account, with its organisation',
      access: ['organiser'],
      query: accountQuerySchema,
      response: pageOf(accountSchema),
      handler: ({ query }) => accounts.list(query),
    }),
    defineRoute({
      method: 'patch',
      path: '/users/:userId',
      tag: 'accounts',
      summary: 'Activate or deactivate an account; deactivation ends its sessions',
      access: ['organiser'],
      params: userParamsSchema,
      body: accountPatchSchema,
      response: accountSchema,
      errors: [404, 409],
      handler: ({ user, params, body }) => accounts.setActive(user!, params.userId, body.active),
    }),
    defineRoute({
      method: 'post',
      path: '/invitations',
      tag: 'accounts',
      summary: 'Invite a producer or buyer user: answers a one-time sign-up link',
      access: ['organiser'],
      body: invitationInputSchema,
      status: 201,
      response: invitationCreatedSchema,
      errors: [409],
      handler: ({ user, body }) => accounts.invite(user!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/invitations/:token',
      tag: 'accounts',
      summary: 'Who an invitation link is for (no sign-in)',
      access: 'public',
      params: invitationTokenParamsSchema,
      response: invitationViewSchema,
      errors: [404],
      middleware: [options.limiter],
      handler: ({ params }) => accounts.view(params.token),
    }),
    defineRoute({
      method: 'post',
      path: '/invitations/:token/accept',
      tag: 'accounts',
      summary: 'Set a password with an invitation link; signs the new user in',
      access: 'public',
      params: invitationTokenParamsSchema,
      body: invitationAcceptSchema,
      status: 201,
      response: userAnswerSchema,
      errors: [404, 409, 429],
      middleware: [options.limiter],
      handler: async ({ params, body, req, res }) => {
        const { email } = await accounts.accept(params.token, body.password);
        const session = await auth.login(email, body.password, req.ip ?? 'unknown');
        setSessionCookie(res, session.token, session.expiresAt, options.cookieSecure, options.now());
        return { user: toUserDto(session.user) };
      },
    }),
  ];
}
