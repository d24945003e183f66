// One definition per route: its zod schemas validate the request AND describe it in the
// OpenAPI document, so the two cannot drift. Handlers return the answer's body; they never
// catch: Express 5 forwards a rejected promise to the one error handler.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Role } from '../contracts/auth.ts';
import type { AuthUser } from '../modules/auth/auth.service.ts';
import { DomainError, forbidden, unauthenticated } from '../errors.ts';
import { codeOfIssue } from '../contracts/issues.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** 'public': no sign-in; 'signed-in': any role; or the list of roles allowed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The signed-in user; null only on public routes. */
  user: AuthUser | null;
  req: Request;
  res: Response;
}

export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: Method;
  /** Express-style path under /api, e.g. '/events/:eventId'. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** Status of a successful answer (default 200; 204 sends no body). */
  status?: number;
  response?: z.ZodType;
  /** Other statuses this route answers with, for the OpenAPI document. */
  errors?: number[];
  /** Express middleware run before validation (e.g. a rate limiter). */
  middleware?: RequestHandler[];
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function checkAccess(access: Access, user: AuthUser | null): void {
  if (access === 'public') return;
  if (!user) throw unauthenticated();
  if (access === 'signed-in') return;
  if (!access.includes(user.role)) throw forbidden(`This needs the role ${access.join(' or ')}; you are ${user.role}`);
}

function fieldPath(location: string, path: PropertyKey[]): string {
  return path.length === 0 ? location : path.map(String).join('.');
}

/** The path of the first string holding a NUL character, which no database text column can store. */
function findNul(value: unknown, path: PropertyKey[] = [], depth = 0): PropertyKey[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = findNul(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Parses what a request (or a socket command's `payload`) carries, or throws 400 naming each field. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  location: 'params' | 'query' | 'body' | 'payload',
): z.output<T> {
  const nul = findNul(value);
  if (nul) {
    const path = fieldPath(location, nul);
    throw new DomainError('VALIDATION_FAILED', `Invalid ${location}: ${path}`, {
      fields: [{ path, message: 'Must not contain NUL characters', code: 'nul_character' }],
    });
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: fieldPath(location, issue.path),
    message: issue.message,
    ...codeOfIssue(issue, value),
  }));
  const named = [...new Set(fields.map((f) => f.path))].join(', ');
  throw new DomainError('VALIDATION_FAILED', `Invalid ${location}: ${named}`, { fields });
}
