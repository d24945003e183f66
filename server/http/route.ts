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

/**
 * 'public': no sign-in; 'signed-in': any role; 'signed-in-or-screen': any role, or a big-screen
 * link's token as `Authorization: Bearer` (its handler checks the token); or the roles allowed.
 */
export type Access = 'public' | 'signed-in' | 'signed-in-or-screen' | readonly Role[];

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
  /**
   * Content types the body may have when one is sent: JSON by default. A route that reads a
   * file lists its types; nothing takes the types an HTML form sends, so no page of another
   * site can post to the API without a preflight.
   */
  accepts?: readonly string[];
  /** Express middleware run before validation (e.g. a rate limiter). */
  middleware?: RequestHandler[];
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export function checkAccess(access: Access, user: AuthUser | null, bearer = false): void {
  if (access === 'public') return;
  if (access === 'signed-in-or-screen' && !user && bearer) return;
  if (!user) throw unauthenticated();
  if (access === 'signed-in' || access === 'signed-in-or-screen') return;
  if (!access.includes(user.role)) throw forbidden(`This needs the role ${access.join(' or ')}; you are ${user.role}`);
}

function fieldPath(location: string, path: PropertyKey[]): string {
  return path.length === 0 ? location : path.map(String).join('.');
}

/** Deeper than any schema of ours goes (they need 4 levels); checked before anything walks the value. */
export const MAX_DEPTH = 32;
/** More values (strings, numbers, …, objects and arrays) than any body of ours holds (a product has ~40). */
export const MAX_VALUES = 20_000;

interface Flaw {
  path: PropertyKey[];
  message: string;
  code: 'too_deep' | 'too_many_values' | 'nul_character' | 'lone_surrogate';
  params?: Record<string, number>;
}

function stringFlaw(text: string): Omit<Flaw, 'path'> | null {
  // No database text column stores NUL; a lone UTF-16 half (JSON "\ud800") is not text at all
  // and the database drivers refuse it.
  if (text.includes('\u0000')) return { message: 'Must not contain NUL characters', code: 'nul_character' };
  if (!text.isWellFormed()) return { message: 'Must be valid Unicode text (a lone surrogate was sent)', code: 'lone_surrogate' };
  return null;
}

/** A value to visit: its parent's node and its key there, so a path is built only for a flaw. */
interface Node {
  value: unknown;
  parent: Node | null;
  key: PropertyKey;
  depth: number;
}

function pathOf(node: Node | null): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let n = node; n?.parent; n = n.parent) path.push(n.key);
  return path.reverse();
}

/**
 * The first flaw of a parsed value that no schema should have to think about: nesting past
 * MAX_DEPTH, more than MAX_VALUES values, or a string (value or key) holding NUL or a lone
 * surrogate. Walks without recursion (no input can overflow the stack) and stops at the first
 * flaw, so a 1 MB body costs one cheap pass.
 */
export function flawOf(value: unknown): Flaw | null {
  const stack: Node[] = [{ value, parent: null, key: '', depth: 0 }];
  let seen = 0;
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (++seen > MAX_VALUES)
      return { path: [], message: `More than ${MAX_VALUES} values`, code: 'too_many_values', params: { maximum: MAX_VALUES } };
    if (typeof v === 'string') {
      const flaw = stringFlaw(v);
      if (flaw) return { path: pathOf(node), ...flaw };
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (node.depth >= MAX_DEPTH)
      return {
        path: pathOf(node).slice(0, 3),
        message: `Nested deeper than ${MAX_DEPTH} levels`,
        code: 'too_deep',
        params: { maximum: MAX_DEPTH },
      };
    const depth = node.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: node, key: i, depth });
      continue;
    }
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      const keyFlaw = stringFlaw(key);
      if (keyFlaw) return { path: pathOf(node), ...keyFlaw };
      stack.push({ value: (v as Record<string, unknown>)[key], parent: node, key, depth });
    }
  }
  return null;
}

/** Throws 400 naming the field when `value` has a flaw (see flawOf). */
export function assertWellFormed(value: unknown, location: 'params' | 'query' | 'body' | 'payload'): void {
  const flaw = flawOf(value);
  if (!flaw) return;
  const path = fieldPath(location, flaw.path);
  throw new DomainError('VALIDATION_FAILED', `Invalid ${location}: ${path}`, {
    fields: [{ path, message: flaw.message, code: flaw.code, ...(flaw.params ? { params: flaw.params } : {}) }],
  });
}

/** Parses what a request (or a socket command's `payload`) carries, or throws 400 naming each field. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  location: 'params' | 'query' | 'body' | 'payload',
): z.output<T> {
  assertWellFormed(value, location);
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
