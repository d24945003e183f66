import { z } from 'zod';
import { idSchema } from './common.ts';

export const roles = ['organiser', 'producer', 'buyer', 'official'] as const;
export type Role = (typeof roles)[number];

export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  /** The producer's or buyer's organisation; absent for organisers and officials. */
  organisationId: idSchema.optional(),
  /** The province an official or organiser belongs to (its dashboards); absent for a national one. */
  provinceId: z.string().optional(),
});
export type UserDto = z.infer<typeof userSchema>;

export const userAnswerSchema = z.object({ user: userSchema });
