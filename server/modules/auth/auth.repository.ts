import type { Db } from '../../db/database.ts';
import type { RawDb } from '../../db/raw.ts';

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  producerId: true,
  buyerId: true,
  provinceId: true,
  active: true,
} as const;

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: string;
  producerId: string | null;
  buyerId: string | null;
  provinceId?: string | null;
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

export function createAuthRepository(prisma: Db, raw: Pick<RawDb, 'query'>): AuthRepository {
  return {
    findUserForLogin(email: string) {
      return prisma.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } });
    },
    async createSession(id: string, userId: string, expiresAt: Date): Promise<void> {
      await prisma.userSession.create({ data: { id, userId, expiresAt }, select: { id: true } });
    },
    /** Every API request asks this: one plain statement, past Prisma's engine (db/raw.ts). */
    async findSessionUser(id: string, now: Date): Promise<UserRow | null> {
      const rows = await raw.query<(UserRow & { active: boolean | number | bigint })[]>`
        SELECT u."id", u."email", u."name", u."role", u."producerId", u."buyerId", u."provinceId", u."active"
        FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
        WHERE s."id" = ${id} AND s."expiresAt" > ${now}`;
      const row = rows[0];
      return row ? { ...row, active: Boolean(row.active) } : null;
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
