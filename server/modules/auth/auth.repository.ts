import type { Db } from '../../db/database.ts';

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  producerId: true,
  buyerId: true,
  active: true,
} as const;

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  producerId: string | null;
  buyerId: string | null;
  active: boolean;
};

export interface AuthRepository {
  findUserForLogin(email: string): Promise<(UserRow & { passwordHash: string }) | null>;
  createSession(id: string, userId: string, expiresAt: Date): Promise<void>;
  findSessionUser(id: string, now: Date): Promise<UserRow | null>;
  deleteSession(id: string): Promise<void>;
  sessionExpiry(id: string): Promise<Date | null>;
  deleteExpiredSessions(now: Date): Promise<number>;
}

export function createAuthRepository(prisma: Db): AuthRepository {
  return {
    findUserForLogin(email: string) {
      return prisma.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } });
    },
    async createSession(id: string, userId: string, expiresAt: Date): Promise<void> {
      await prisma.userSession.create({ data: { id, userId, expiresAt }, select: { id: true } });
    },
    async findSessionUser(id: string, now: Date): Promise<UserRow | null> {
      const session = await prisma.userSession.findUnique({
        where: { id },
        select: { expiresAt: true, user: { select: userSelect } },
      });
      if (!session || session.expiresAt <= now) return null;
      return session.user;
    },
    async sessionExpiry(id: string): Promise<Date | null> {
      const row = await prisma.userSession.findUnique({ where: { id }, select: { expiresAt: true } });
      return row?.expiresAt ?? null;
    },
    async deleteSession(id: string): Promise<void> {
      await prisma.userSession.deleteMany({ where: { id } });
    },
    async deleteExpiredSessions(now: Date): Promise<number> {
      const { count } = await prisma.userSession.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}
