// Slows down password guessing without letting one person lock a whole venue out. At a fair,
// staff, producers and buyers share the venue Wi-Fi's address, so failures are counted:
// - per account and address: after `maxAttempts` failures the account cannot be tried from
//   that address until the window ends (a guess at one account from one place is stopped);
// - per account from anywhere: after 5 × `maxAttempts` failures the account is locked
//   everywhere for the window (a guess spread over many addresses is stopped too);
// - per address: past 10 × `maxAttempts` failures, every further failure from it is answered
//   a second later (spraying many accounts is slowed), but a correct password is never
//   refused for that, so other people's typos never lock anyone else out.
// An IPv6 address counts by its /56 network (one venue or household holds a whole one).
// Counters live in this process's memory (rate-limiter-flexible): a restart forgets them, and
// each of several processes keeps its own until they share Redis.
import { ipKeyGenerator } from 'express-rate-limit';
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  maxAttempts: number;
  windowMs: number;
}

export interface LoginThrottle {
  /**
   * Counts an attempt as failed before its password is checked, so that guesses racing each
   * other cannot all slip under the limit; succeeded() gives it back. Answers whether the
   * account is locked from this address (seconds left) or how long to hold a failed answer back.
   */
  attempt(account: string, address: string): Promise<{ lockedFor: number | null; delayMs: number }>;
  /** A correct password: gives the attempt back and clears the count of the account from this address. */
  succeeded(account: string, address: string): Promise<void>;
}

/** How long a failed answer is held back once its address is over its budget. */
export const SLOW_ADDRESS_DELAY_MS = 1_000;

export function createLoginThrottle({ maxAttempts, windowMs }: LoginThrottleOptions): LoginThrottle {
  const duration = Math.max(1, Math.round(windowMs / 1000));
  const limiter = (keyPrefix: string, points: number) => new RateLimiterMemory({ keyPrefix, points, duration });
  const fromHere = limiter('login-account-address', maxAttempts);
  const anywhere = limiter('login-account', maxAttempts * 5);
  const address = limiter('login-address', maxAttempts * 10);
  const here = (account: string, from: string) => `${account}|${from}`;
  const network = (from: string) => ipKeyGenerator(from);
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async attempt(account, ip) {
      const from = network(ip);
      // penalty() counts without refusing; the decision is ours, on the counts it answers.
      const [local, global, byAddress] = await Promise.all([
        fromHere.penalty(here(account, from)),
        anywhere.penalty(account),
        address.penalty(from),
      ]);
      const locked =
        local.consumedPoints > maxAttempts
          ? local.msBeforeNext
          : global.consumedPoints > maxAttempts * 5
            ? global.msBeforeNext
            : null;
      if (locked !== null) {
        // A refused attempt checked no password: it must not push the account towards being
        // locked everywhere, nor count against everyone else behind this address.
        await Promise.all([anywhere.reward(account), address.reward(from)]);
        return { lockedFor: seconds(locked), delayMs: 0 };
      }
      return { lockedFor: null, delayMs: byAddress.consumedPoints > maxAttempts * 10 ? SLOW_ADDRESS_DELAY_MS : 0 };
    },
    async succeeded(account, ip) {
      const from = network(ip);
      await Promise.all([fromHere.delete(here(account, from)), anywhere.reward(account), address.reward(from)]);
    },
  };
}
