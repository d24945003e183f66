// Slows down password guessing without letting one person lock a whole venue out. At a fair,
// staff, producers and buyers share the venue Wi-Fi's address, so failures are counted:
// - per account and address: after `maxAttempts` failures the account cannot be tried from
//   that address until the window ends (a guess at one account from one place is stopped);
// - per account from anywhere: after 5 × `maxAttempts` failures the account is locked
//   everywhere for the window (a guess spread over many addresses is stopped too);
// - per address: past 10 × `maxAttempts` failures, every further failure from it is answered
//   a second later (spraying many accounts is slowed), but a correct password is never
//   refused for that, so other people's typos never lock anyone else out.
// Counters live in this process's memory (rate-limiter-flexible); a restart forgets them.
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginThrottleOptions {
  maxAttempts: number;
  windowMs: number;
}

export interface LoginThrottle {
  /** Seconds until this account may be tried from this address again, or null when it may now. */
  lockedFor(account: string, address: string): Promise<number | null>;
  /** Counts a failure; answers how long to hold the answer back (ms) to slow a guessing address. */
  failed(account: string, address: string): Promise<{ delayMs: number }>;
  /** A correct password from this address clears its count for the account. */
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

  async function secondsLeft(l: RateLimiterMemory, key: string, points: number): Promise<number | null> {
    const res = await l.get(key);
    return res && res.consumedPoints >= points ? Math.ceil(res.msBeforeNext / 1000) : null;
  }

  return {
    async lockedFor(account, from) {
      const [local, global] = await Promise.all([
        secondsLeft(fromHere, here(account, from), maxAttempts),
        secondsLeft(anywhere, account, maxAttempts * 5),
      ]);
      return local ?? global;
    },
    async failed(account, from) {
      // penalty() counts without refusing: the refusal is lockedFor's, on the next attempt.
      const [, , byAddress] = await Promise.all([
        fromHere.penalty(here(account, from)),
        anywhere.penalty(account),
        address.penalty(from),
      ]);
      return { delayMs: byAddress.consumedPoints > maxAttempts * 10 ? SLOW_ADDRESS_DELAY_MS : 0 };
    },
    async succeeded(account, from) {
      await fromHere.delete(here(account, from));
    },
  };
}
