import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.ts';
import { roles } from './auth.ts';

export const accountSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organisationId: idSchema.optional(),
  organisationName: z.string().optional(),
  active: z.boolean(),
});
export type AccountDto = z.infer<typeof accountSchema>;

export const accountQuerySchema = pageQuerySchema.extend({
  role: z.enum(roles).optional(),
  q: z.string().trim().max(100).optional(),
});
export type AccountQuery = z.infer<typeof accountQuerySchema>;

export const userParamsSchema = z.object({ userId: idSchema });
export const accountPatchSchema = z.object({ active: z.boolean() }).strict();

export const invitationInputSchema = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(2).max(120),
    role: z.enum(['producer', 'buyer']),
    organisationId: idSchema,
  })
  .strict();
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export const invitationCreatedSchema = z.object({
  id: idSchema,
  email: z.string(),
  expiresAt: z.string(),
  /** The one-time sign-up link, relative to the site: /invite/<token>. */
  url: z.string(),
});

export const invitationTokenParamsSchema = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const invitationViewSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(['producer', 'buyer']),
  organisationName: z.string(),
  expiresAt: z.string(),
});

export const invitationAcceptSchema = z.object({ password: z.string().min(10).max(200) }).strict();

export const INVITATION_DAYS = 14;
