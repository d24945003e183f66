// Which Idempotency-Key claim the running call holds, carried through its async work, so
// that the transaction that commits the call's change also marks the claim as having taken
// effect. A claim so marked is never run again, even when its answer was never stored (the
// process died between the commit and storing the answer): a retry is told the answer was
// lost instead of acting twice.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RawSql } from '../../db/raw.ts';
import { DomainError } from '../../errors.ts';

export interface ClaimRef {
  userId: string;
  key: string;
  claimedAt: Date;
}

const current = new AsyncLocalStorage<ClaimRef>();
/** Transactions that already marked the claim: a call may log several changes in one. */
const marked = new WeakSet<object>();

export function runWithClaim<T>(claim: ClaimRef, call: () => Promise<T>): Promise<T> {
  return current.run(claim, call);
}

/**
 * Marks the running call's claim, inside the caller's transaction: the mark commits with the
 * change or not at all. Called where every change is logged (appendActivity).
 */
export async function markClaimTookEffect(tx: Pick<RawSql, '$executeRaw'>): Promise<void> {
  const claim = current.getStore();
  if (!claim || marked.has(tx)) return;
  // A plain statement: it runs in every logged change's transaction, plain ones too (raw.ts).
  const count = await tx.$executeRaw`
    UPDATE "IdempotencyKey" SET "committedAt" = ${new Date()}
    WHERE "userId" = ${claim.userId} AND "key" = ${claim.key} AND "createdAt" = ${claim.claimedAt} AND "status" IS NULL`;
  // The claim is gone: this call ran so long that a retry took it over (or it expired). The
  // retry acts instead; this change must not commit beside it.
  if (count === 0) {
    throw new DomainError('CONFLICT', 'A retry with this Idempotency-Key took over this call; it was not applied', {
      extra: { conflict: 'idempotency' },
    });
  }
  marked.add(tx);
}
