// Idempotency-Key on mutating calls (the spec: every mutating call accepts one). A client
// that did not hear the answer (venue Wi-Fi drops) sends the same call again with the same
// key and gets the first answer back, marked `Idempotent-Replayed: true`, instead of acting
// twice. Following draft-ietf-httpapi-idempotency-key-header: keys are per user; reusing one
// for a different call is refused (400 naming the header); a retry while the first call
// still runs gets 409. Only successful answers are kept (24 hours); a failed call frees its
// key, since it changed nothing, so the retry runs again. The transaction that commits a
// call's change also marks its claim (claim-context.ts): a call whose change committed but
// whose answer was never stored (the process died in between) is never run again; its retry
// gets 409 saying the answer was lost.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '../errors.ts';
import type { IdempotencyRepository } from '../modules/idempotency/idempotency.repository.ts';
import { runWithClaim } from '../modules/idempotency/claim-context.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEEP_ANSWERS_MS = 24 * 3_600_000;
/** A call still marked running after this long died with its process. */
const RUNNING_AT_MOST_MS = 5 * 60_000;

const badKey = (code: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `Invalid header: ${IDEMPOTENCY_HEADER}`, {
    fields: [{ path: `headers.${IDEMPOTENCY_HEADER}`, message, code }],
  });

/** The key of this request, or null without the header. Accepts the structured-field form ("…") too. */
export function idempotencyKeyOf(req: Request): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  if (Array.isArray(raw)) throw badKey('idempotency_key', 'Send one Idempotency-Key, not several');
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw badKey('idempotency_key', '1 to 255 visible ASCII characters, e.g. a UUID');
  return key;
}

/**
 * JSON with every object's keys in order: the same call sent again with its fields (or its
 * query parameters) in another order is the same call. The body's depth is bounded before
 * this runs (assertWellFormed), so the recursion is shallow.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function fingerprint(req: Request): string {
  const hash = createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n${canonicalJson(req.query)}\n`);
  const body: unknown = req.body;
  hash.update(Buffer.isBuffer(body) ? body : canonicalJson(body));
  return hash.digest('hex');
}

export interface Outcome {
  status: number;
  /** The JSON text sent, or null for an answer without a body. */
  body: string | null;
  replayed: boolean;
}

/**
 * Runs `call` at most once per (user, key): a repeat gets the stored outcome. `call`
 * returns the status and JSON body it wants sent; a throw frees the key and propagates.
 */
export async function once(
  repo: IdempotencyRepository,
  userId: string,
  key: string,
  req: Request,
  now: Date,
  call: () => Promise<{ status: number; body: string | null }>,
): Promise<Outcome> {
  const claim = await repo.claim(userId, key, fingerprint(req), now, {
    done: new Date(now.getTime() - KEEP_ANSWERS_MS),
    running: new Date(now.getTime() - RUNNING_AT_MOST_MS),
  });
  if (claim.kind === 'mismatch')
    throw badKey('idempotency_key_reused', 'This key was already used for a different call; use a new key for each call');
  if (claim.kind === 'running') {
    throw new DomainError('CONFLICT', 'The first call with this Idempotency-Key is still running; retry in a moment', {
      extra: { conflict: 'idempotency' },
    });
  }
  if (claim.kind === 'lost') {
    throw new DomainError(
      'CONFLICT',
      'The first call with this Idempotency-Key took effect, but its answer was lost; read the current state instead of repeating the call',
      { extra: { conflict: 'idempotency_answer_lost' } },
    );
  }
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
  let outcome: { status: number; body: string | null };
  try {
    outcome = await runWithClaim({ userId, key, claimedAt: now }, call);
  } catch (error) {
    await repo.release(userId, key, now).catch(() => undefined);
    throw error;
  }
  await repo.complete(userId, key, now, outcome.status, outcome.body);
  return { ...outcome, replayed: false };
}

export function purgeBefore(now: Date): Date {
  return new Date(now.getTime() - KEEP_ANSWERS_MS);
}

/**
 * The date a claim left running by a process that is gone is moved back to, so that claim()
 * reads it as dead at once: run again when its change never committed, "answer lost" when it did.
 */
export function abandonedAt(now: Date): Date {
  return new Date(now.getTime() - RUNNING_AT_MOST_MS - 1);
}
