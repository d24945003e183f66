import type { Db } from '../../db/database.ts';
import type { Prisma } from '../../db/database.ts';
import { conflictOf } from '../../conflicts.ts';
import { appendActivity } from '../activity/activity.repository.ts';

const accountSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  producer: { select: { id: true, name: true } },
  buyer: { select: { id: true, name: true } },
} satisfies Prisma.UserSelect;
export type AccountRow = Prisma.UserGetPayload<{ select: typeof accountSelect }>;

const invitationSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  producerId: true,
  buyerId: true,
  expiresAt: true,
  acceptedAt: true,
  producer: { select: { name: true } },
  buyer: { select: { name: true } },
} satisfies Prisma.InvitationSelect;
export type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

export function createAccountsRepository(prisma: Db) {
  return {
    async list(filter: { role?: string | undefined; q?: string | undefined }, page: number, pageSize: number) {
      const where: Prisma.UserWhereInput = {
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.q ? { OR: [{ email: { contains: filter.q.toLowerCase() } }, { name: { contains: filter.q } }] } : {}),
      };
      const [total, rows] = await Promise.all([
        prisma.user.count({ where }),
        prisma.user.findMany({
          where,
          select: accountSelect,
          orderBy: [{ role: 'asc' }, { email: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
      ]);
      return { total, rows };
    },
    find(id: string) {
      return prisma.user.findUnique({ where: { id }, select: accountSelect });
    },
    emailTaken(email: string) {
      return prisma.user.count({ where: { email } }).then((n) => n > 0);
    },
    organisationName(role: 'producer' | 'buyer', id: string): Promise<string | null> {
      const query =
        role === 'producer'
          ? prisma.producer.findUnique({ where: { id }, select: { name: true } })
          : prisma.buyer.findUnique({ where: { id }, select: { name: true } });
      return query.then((r) => r?.name ?? null);
    },
    setActive(id: string, active: boolean, actorId: string) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.user.update({ where: { id }, data: { active }, select: accountSelect });
        // A deactivated user is signed out everywhere at once.
        if (!active) await tx.userSession.deleteMany({ where: { userId: id } });
        await appendActivity(tx, {
          stream: 'global',
          eventId: null,
          type: 'user:updated',
          actorId,
          payload: { userId: id, active },
        });
        return row;
      });
    },
    createInvitation(data: {
      id: string;
      email: string;
      name: string;
      role: 'producer' | 'buyer';
      producerId: string | null;
      buyerId: string | null;
      invitedById: string;
      expiresAt: Date;
    }) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.invitation.create({ data, select: { id: true, email: true, expiresAt: true } });
        await appendActivity(tx, {
          stream: 'global',
          eventId: null,
          type: 'invitation:created',
          actorId: data.invitedById,
          payload: { email: data.email, role: data.role },
        });
        return row;
      });
    },
    async passwordHashOf(email: string): Promise<string | null> {
      const user = await prisma.user.findUnique({ where: { email }, select: { passwordHash: true } });
      return user?.passwordHash ?? null;
    },
    findInvitation(id: string): Promise<InvitationRow | null> {
      return prisma.invitation.findUnique({ where: { id }, select: invitationSelect });
    },
    /**
     * Marks the invitation used and creates the user in one transaction. The conditional
     * update is what makes a link single-use even when two people click at once. An email
     * that has an account meanwhile is the 409 of server/conflicts.ts (conflict 'email').
     */
    acceptInvitation(
      id: string,
      now: Date,
      user: {
        email: string;
        name: string;
        role: string;
        producerId: string | null;
        buyerId: string | null;
        passwordHash: string;
      },
    ) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.invitation.updateMany({
          where: { id, acceptedAt: null, expiresAt: { gt: now } },
          data: { acceptedAt: now },
        });
        if (count === 0) return null;
        try {
          const created = await tx.user.create({ data: user, select: { id: true } });
          await appendActivity(tx, {
            stream: 'global',
            eventId: null,
            type: 'user:created',
            actorId: created.id,
            payload: { userId: created.id },
          });
          return created;
        } catch (error) {
          throw conflictOf(error) ?? error;
        }
      });
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
