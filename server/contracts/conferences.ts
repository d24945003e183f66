// Inter-province business-connection conferences: the agenda, each province's delegation, and
// the agreements signed between organisations of different provinces.
import { z } from 'zod';
import { idSchema, isoDateTime } from './common.ts';
import { rule } from './issues.ts';
import { vndSchema } from './matchmaking.ts';

const text = (max: number) => z.string().trim().max(max);
const provinceRef = z.object({ id: idSchema, name: z.string() });

// ---- Agenda ----------------------------------------------------------------------------

export const agendaKinds = ['opening', 'presentation', 'showcase', 'b2b', 'signing', 'other'] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export const speakerSchema = z.object({ name: text(200).min(1), title: text(200).default('') }).strict();

export const agendaItemSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  kind: z.enum(agendaKinds),
  title: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  place: z.string(),
  speakers: z.array(z.object({ name: z.string(), title: z.string() })),
  /** the province that presents or shows (a presentation, a showcase), when one does */
  province: provinceRef.nullable(),
});
export type AgendaItemDto = z.infer<typeof agendaItemSchema>;

const agendaFields = z.object({
  kind: z.enum(agendaKinds),
  title: text(300).min(1),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  place: text(300),
  speakers: z.array(speakerSchema).max(30),
  provinceId: idSchema.nullable().describe('host or partner province presenting, or null'),
});
const endsAfterStart = (v: { startsAt?: string | undefined; endsAt?: string | undefined }, ctx: z.core.$RefinementCtx) => {
  if (v.startsAt && v.endsAt && Date.parse(v.endsAt) <= Date.parse(v.startsAt))
    ctx.addIssue({
      code: 'custom',
      message: 'An agenda item ends after it starts',
      path: ['endsAt'],
      params: { code: 'ends_before_start' },
    });
};
export const agendaItemInputSchema = agendaFields
  .extend({
    place: agendaFields.shape.place.default(''),
    speakers: agendaFields.shape.speakers.default([]),
    provinceId: agendaFields.shape.provinceId.default(null),
  })
  .strict()
  .superRefine(endsAfterStart);
export type AgendaItemInput = z.infer<typeof agendaItemInputSchema>;
export const agendaItemPatchSchema = agendaFields
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, rule('nothing_to_change', 'Nothing to change'))
  .superRefine(endsAfterStart);
export type AgendaItemPatch = z.infer<typeof agendaItemPatchSchema>;
export const agendaItemParamsSchema = z.object({ itemId: idSchema });

// ---- Delegations -------------------------------------------------------------------------

export const MAX_DELEGATION_MEMBERS = 200;
export const MAX_DELEGATION_ORGANISATIONS = 300;

export const memberInputSchema = z
  .object({
    name: text(200).min(1),
    title: text(200).default(''),
    organisation: text(300).default(''),
    phone: text(40).default(''),
    email: z.union([z.literal(''), z.email().max(254)]).default(''),
  })
  .strict();

export const memberSchema = z.object({
  name: z.string(),
  title: z.string(),
  organisation: z.string(),
  /** contacts: for organisers and officials only (absent for others) */
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type DelegationMemberDto = z.infer<typeof memberSchema>;

export const delegationSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  province: provinceRef,
  /** host or partner */
  role: z.enum(['host', 'partner']),
  leader: z.object({ name: z.string(), title: z.string() }),
  members: z.array(memberSchema),
  producers: z.array(z.object({ id: idSchema, name: z.string() })),
  buyers: z.array(z.object({ id: idSchema, name: z.string() })),
  note: z.string(),
  updatedAt: isoDateTime,
});
export type DelegationDto = z.infer<typeof delegationSchema>;

export const delegationBodySchema = z
  .object({
    leaderName: text(200).min(1),
    leaderTitle: text(200).default(''),
    members: z.array(memberInputSchema).max(MAX_DELEGATION_MEMBERS).default([]),
    producerIds: z.array(idSchema).max(MAX_DELEGATION_ORGANISATIONS).default([]),
    buyerIds: z.array(idSchema).max(MAX_DELEGATION_ORGANISATIONS).default([]),
    note: text(2000).default(''),
  })
  .strict();
export type DelegationBody = z.infer<typeof delegationBodySchema>;
export const delegationParamsSchema = z.object({ eventId: idSchema, provinceId: idSchema });

// ---- Agreements --------------------------------------------------------------------------

export const agreementKinds = ['mou', 'contract'] as const;
export const agreementStatuses = ['pending', 'confirmed', 'withdrawn'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];
export const partyKinds = ['producer', 'buyer'] as const;
export type PartyKind = (typeof partyKinds)[number];
export const agreementSides = ['a', 'b'] as const;
export type AgreementSide = (typeof agreementSides)[number];

export const partyRefSchema = z.object({ kind: z.enum(partyKinds), id: idSchema }).strict();

export const agreementPartySchema = z.object({
  side: z.enum(agreementSides),
  kind: z.enum(partyKinds),
  id: idSchema,
  name: z.string(),
  province: provinceRef,
  confirmedAt: isoDateTime.nullable(),
});

export const agreementSchema = z.object({
  id: idSchema,
  eventId: idSchema,
  kind: z.enum(agreementKinds),
  title: z.string(),
  parties: z.array(agreementPartySchema).length(2),
  valueVnd: z.number().int(),
  products: z.array(z.object({ id: idSchema, name: z.string(), category: z.string() })),
  signingOrder: z.number().int(),
  status: z.enum(agreementStatuses),
  /** rises with every change of the terms; a confirmation agrees to one version */
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AgreementDto = z.infer<typeof agreementSchema>;

/** What everyone else watching learns: who signs what, in which turn; not the value nor the products. */
export type AgreementPublicDto = Omit<AgreementDto, 'valueVnd' | 'products'>;

export const MAX_AGREEMENT_PRODUCTS = 50;

export const agreementInputSchema = z
  .object({
    kind: z.enum(agreementKinds),
    title: text(300).min(1),
    partyA: partyRefSchema,
    partyB: partyRefSchema,
    valueVnd: vndSchema,
    productIds: z.array(idSchema).max(MAX_AGREEMENT_PRODUCTS).default([]),
    signingOrder: z.number().int().min(1).max(10_000).optional().describe('its turn at the ceremony; default: last'),
  })
  .strict();
export type AgreementInput = z.infer<typeof agreementInputSchema>;

export const agreementPatchSchema = z
  .object({
    kind: z.enum(agreementKinds),
    title: text(300).min(1),
    valueVnd: vndSchema,
    productIds: z.array(idSchema).max(MAX_AGREEMENT_PRODUCTS),
    signingOrder: z.number().int().min(1).max(10_000),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, rule('nothing_to_change', 'Nothing to change'));
export type AgreementPatch = z.infer<typeof agreementPatchSchema>;

export const agreementConfirmSchema = z
  .object({
    /** organisers name the side they confirm for; a party's own user confirms its own side */
    side: z.enum(agreementSides).optional(),
    /** the version of the terms agreed to: 409 when they changed meanwhile */
    version: z.number().int().min(1),
  })
  .strict();
export type AgreementConfirm = z.infer<typeof agreementConfirmSchema>;

export const agreementParamsSchema = z.object({ agreementId: idSchema });
export const agreementListQuerySchema = z.object({ status: z.enum(agreementStatuses).optional() }).strict();
export const conferenceExportQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

// ---- Facts -------------------------------------------------------------------------------

export interface AgendaChanged {
  change: 'created' | 'updated' | 'deleted';
  item: AgendaItemDto | { id: string };
}
export interface DelegationChanged {
  delegation: DelegationDto;
}
export interface AgreementChanged {
  change: 'created' | 'updated' | 'confirmed' | 'withdrawn';
  agreement: AgreementDto | AgreementPublicDto;
}
