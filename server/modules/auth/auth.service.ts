// Sign-in and sessions. The cookie carries a random token; only its SHA-256 is stored,
// so a copy of the database does not hand out sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Role, UserDto } from '../../contracts/auth.ts';
import { DomainError } from '../../errors.ts';
import type { AuthRepository, UserRow } from './auth.repository.ts';
import type { SessionNotifier } from '../../realtime/publisher.ts';
import type { LoginThrottle } from './login-throttle.ts';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  producerId: string | null;
  buyerId: string | null;
  /** The province an official (or organiser) belongs to; null for a national one. */
  provinceId?: string | null;
}

export interface AuthServiceDeps {
  repo: AuthRepository;
  hashPassword: (password: string) => Promise<string>;
  verifyPassword: (hash: string, password: string) => Promise<boolean>;
  now: () => Date;
  sessionTtlMs: number;
  sessions: SessionNotifier;
  throttle: LoginThrottle;
  /** Holds a failed answer back (a guessing address is slowed); setTimeout by default. */
  sleep?: (ms: number) => Promise<void>;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    producerId: row.producerId,
    buyerId: row.buyerId,
    provinceId: row.provinceId ?? null,
  };
}

export function toUserDto(user: AuthUser): UserDto {
  const organisationId = user.role === 'producer' ? user.producerId : user.role === 'buyer' ? user.buyerId : null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(organisationId ? { organisationId } : {}),
    ...(user.provinceId ? { provinceId: user.provinceId } : {}),
  };
}

export function createAuthService(deps: AuthServiceDeps) {
  // Verifying against a real hash when the email is unknown keeps the answer time the same,
  // so response times do not tell which emails have accounts.
  let decoyHash: Promise<string> | null = null;
  const decoy = () => (decoyHash ??= deps.hashPassword(randomBytes(16).toString('hex')));
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return {
    /** `address` is the client's (req.ip): failures are counted per account and address. */
    async login(email: string, password: string, address: string): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
      const account = email.trim().toLowerCase();
      const { lockedFor, delayMs } = await deps.throttle.attempt(account, address);
      if (lockedFor !== null) {
        throw new DomainError(
          'RATE_LIMITED',
          `Too many failed sign-ins for this account; try again in ${Math.ceil(lockedFor / 60)} minute(s)`,
          { retryAfterSeconds: lockedFor },
        );
      }
      const row = await deps.repo.findUserForLogin(account);
      const ok = await deps.verifyPassword(row?.passwordHash ?? (await decoy()), password);
      if (!row || !ok || !row.active) {
        if (delayMs > 0) await sleep(delayMs);
        throw new DomainError('UNAUTHENTICATED', 'Wrong email or password');
      }
      await deps.throttle.succeeded(account, address);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(deps.now().getTime() + deps.sessionTtlMs);
      await deps.repo.createSession(hashToken(token), row.id, expiresAt);
      return { user: toAuthUser(row), token, expiresAt };
    },

    async userForToken(token: string | undefined): Promise<AuthUser | null> {
      if (!token || token.length > 200) return null;
      const row = await deps.repo.findSessionUser(hashToken(token), deps.now());
      return row && row.active ? toAuthUser(row) : null;
    },

    /** When a session ends, by its stored id; null when it does not exist. */
    sessionExpiry(sessionId: string): Promise<Date | null> {
      return deps.repo.sessionExpiry(sessionId);
    },

    /** Housekeeping: expired sessions are useless rows; main.ts calls this hourly. */
    purgeExpiredSessions(): Promise<number> {
      return deps.repo.deleteExpiredSessions(deps.now());
    },

    async logout(token: string | undefined): Promise<void> {
      if (!token) return;
      await deps.repo.deleteSession(hashToken(token));
      deps.sessions.sessionsEnded({ sessionId: hashToken(token) });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
