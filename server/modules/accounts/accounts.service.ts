// Accounts: organisers invite producer and buyer users with a one-time link, and
// deactivate them. Only the link's hash is stored, as with sessions.
import { randomBytes } from 'node:crypto';
import type { AccountDto, AccountQuery, InvitationInput } from '../../contracts/accounts.ts';
import { INVITATION_DAYS } from '../../contracts/accounts.ts';
import type { Role } from '../../contracts/auth.ts';
import { DomainError, notFound } from '../../errors.ts';
import { hashToken, type AuthUser } from '../auth/auth.service.ts';
import type { SessionNotifier } from '../../realtime/publisher.ts';
import type { AccountRow, AccountsRepository } from './accounts.repository.ts';

function toAccount(row: AccountRow): AccountDto {
  const organisation = row.role === 'producer' ? row.producer : row.role === 'buyer' ? row.buyer : null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    active: row.active,
    ...(organisation ? { organisationId: organisation.id, organisationName: organisation.name } : {}),
  };
}

const linkGone = () => new DomainError('NOT_FOUND', 'This invitation link is unknown, already used or expired');
/** How long after a link was used a repeat of that use (its answer lost) is answered again. */
const REPEAT_ACCEPT_MS = 24 * 3_600_000;

export function createAccountsService(deps: {
  repo: AccountsRepository;
  hashPassword: (password: string) => Promise<string>;
  verifyPassword: (passwordHash: string, password: string) => Promise<boolean>;
  now: () => Date;
  sessions: SessionNotifier;
}) {
  const { repo, now } = deps;

  async function usableInvitation(token: string) {
    const invitation = await repo.findInvitation(hashToken(token));
    if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now()) throw linkGone();
    return invitation;
  }

  return {
    async list(query: AccountQuery) {
      const { total, rows } = await repo.list(query, query.page, query.pageSize);
      return { items: rows.map(toAccount), total, page: query.page, pageSize: query.pageSize };
    },

    async setActive(actor: AuthUser, userId: string, active: boolean): Promise<AccountDto> {
      if (!(await repo.find(userId))) throw notFound('User');
      if (userId === actor.id && !active) {
        throw new DomainError('CONFLICT', 'You cannot deactivate your own account', { extra: { conflict: 'self' } });
      }
      const account = toAccount(await repo.setActive(userId, active, actor.id));
      if (!active) deps.sessions.sessionsEnded({ userId });
      return account;
    },

    async invite(actor: AuthUser, input: InvitationInput) {
      const email = input.email.trim().toLowerCase();
      if (!(await repo.organisationName(input.role, input.organisationId))) {
        throw new DomainError('VALIDATION_FAILED', `No ${input.role} with this id`, {
          fields: [{ path: 'organisationId', message: `No ${input.role} with this id`, code: 'unknown_organisation' }],
        });
      }
      if (await repo.emailTaken(email)) {
        throw new DomainError('CONFLICT', 'A user with this email already exists', {
          fields: [{ path: 'email', message: 'Already in use', code: 'email_taken' }],
          extra: { conflict: 'email' },
        });
      }
      const token = randomBytes(24).toString('base64url');
      const created = await repo.createInvitation({
        id: hashToken(token),
        email,
        name: input.name,
        role: input.role,
        producerId: input.role === 'producer' ? input.organisationId : null,
        buyerId: input.role === 'buyer' ? input.organisationId : null,
        invitedById: actor.id,
        expiresAt: new Date(now().getTime() + INVITATION_DAYS * 86_400_000),
      });
      return {
        id: created.id.slice(0, 16),
        email: created.email,
        expiresAt: created.expiresAt.toISOString(),
        url: `/invite/${token}`,
      };
    },

    async view(token: string) {
      const inv = await usableInvitation(token);
      return {
        email: inv.email,
        name: inv.name,
        role: inv.role as 'producer' | 'buyer',
        organisationName: inv.producer?.name ?? inv.buyer?.name ?? '',
        expiresAt: inv.expiresAt.toISOString(),
      };
    },

    /** Creates the user; the caller then signs them in with the same password. */
    /**
     * Creates the invited user. A link used in the last day by the same password answers as
     * the first time did: the new user's phone lost the answer on the venue Wi-Fi and sent it
     * again (the link is public, so the Idempotency-Key of a signed-in user does not apply).
     */
    async accept(token: string, password: string): Promise<{ email: string }> {
      const used = await repo.findInvitation(hashToken(token));
      if (used?.acceptedAt && used.acceptedAt.getTime() > now().getTime() - REPEAT_ACCEPT_MS) {
        const hash = await repo.passwordHashOf(used.email);
        if (hash && (await deps.verifyPassword(hash, password))) return { email: used.email };
        throw linkGone();
      }
      const inv = await usableInvitation(token);
      const passwordHash = await deps.hashPassword(password);
      const created = await repo.acceptInvitation(inv.id, now(), {
        email: inv.email,
        name: inv.name,
        role: inv.role,
        producerId: inv.producerId,
        buyerId: inv.buyerId,
        passwordHash,
      });
      if (!created) throw linkGone();
      return { email: inv.email };
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
