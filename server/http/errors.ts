// The one error handler: every failure leaves as `{error: {code, message, fields?}}`.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { Prisma } from '../db/database.ts';
import { DatabaseBusyError, isPoolTimeout } from '../db/busy.ts';
import { DomainError, errorBody, httpStatusOf } from '../errors.ts';

export const notFoundHandler: RequestHandler = (req) => {
  throw new DomainError('NOT_FOUND', `No route for ${req.method} ${req.path}`);
};

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** Seconds a client is asked to wait when the database was too busy to start its change. */
const RETRY_AFTER_S = 2;

function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  // A call could not start in time: another change held the database (SQLite's one writer,
  // PostgreSQL's import lock) or every PostgreSQL connection was in use. Nothing was done, so
  // the same call can simply be sent again.
  if (
    error instanceof DatabaseBusyError ||
    isPoolTimeout(error) ||
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2028')
  )
    return new DomainError('UNAVAILABLE', 'The database is busy; nothing was done. Try again in a moment');
  const e = error as HttpishError;
  // body-parser's errors carry a type and a 4xx status
  if (e?.type === 'entity.parse.failed')
    return new DomainError('VALIDATION_FAILED', 'The body is not valid JSON', {
      fields: [{ path: 'body', message: 'Malformed JSON', code: 'malformed_json' }],
    });
  if (e?.type === 'entity.too.large') return new DomainError('PAYLOAD_TOO_LARGE', 'The body is too large');
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new DomainError(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', 'The request could not be read', {
      fields: [{ path: 'body', message: (error as Error).message ?? 'unreadable', code: 'body_unreadable' }],
    });
  }
  return null;
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toDomainError(error);
  if (known) {
    const retryAfter = known.retryAfterSeconds ?? (known.code === 'UNAVAILABLE' ? RETRY_AFTER_S : undefined);
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    res.status(httpStatusOf[known.code]).json(errorBody(known));
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  res.status(500).json({ error: { code: 'INTERNAL', message: 'Internal error; please try again' } });
};
