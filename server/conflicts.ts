// The one table from a unique index to the domain conflict it means. The index, not a check
// beforehand, decides who wins a race; the loser's database error becomes this 409, with
// `conflict` saying what was taken and, where the caller sent it, the field it names.
import { DomainError } from './errors.ts';
import { uniqueViolationOf, type UniqueViolation } from './db/unique-violation.ts';

interface Conflict {
  /** What was taken: the answer's top-level `conflict`. */
  conflict: string;
  message: string;
  /** The field of the request that holds the taken value, with its stable code for translation. */
  field?: { path: string; code: string };
}

interface Entry extends Conflict {
  model: string;
  /** The index's columns, in any order. */
  fields: string[];
}

const CONFLICTS: Entry[] = [
  {
    model: 'DelegationOrganisation',
    fields: ['eventId', 'kind', 'organisationId'],
    conflict: 'delegation',
    message: 'Another delegation of this conference brings this organisation',
    field: { path: 'producerIds', code: 'in_other_delegation' },
  },
  {
    model: 'Delegation',
    fields: ['eventId', 'provinceId'],
    conflict: 'delegation',
    message: 'This province’s delegation was registered meanwhile: read it and try again',
  },
  {
    model: 'Producer',
    fields: ['registrationNo'],
    conflict: 'registrationNo',
    message: 'Another producer already has this registration number (tax code)',
    field: { path: 'registrationNo', code: 'registration_taken' },
  },
  {
    model: 'Product',
    fields: ['gtin'],
    conflict: 'gtin',
    message: 'Another product already has this barcode (GTIN)',
    field: { path: 'gtin', code: 'gtin_taken' },
  },
  {
    model: 'Buyer',
    fields: ['provinceId', 'nameKey'],
    conflict: 'name',
    message: 'Another buyer in this province already has this name',
    field: { path: 'name', code: 'buyer_name_taken' },
  },
  {
    model: 'User',
    fields: ['email'],
    conflict: 'email',
    message: 'A user with this email already exists',
    field: { path: 'email', code: 'email_taken' },
  },
  {
    model: 'Booth',
    fields: ['eventId', 'code'],
    conflict: 'code',
    message: 'Another booth of this event already has this code',
    field: { path: 'code', code: 'booth_code_taken' },
  },
  { model: 'BoothOccupancy', fields: ['boothId'], conflict: 'booth', message: 'This booth is taken' },
  {
    model: 'Meeting',
    fields: ['activeSlotId', 'producerId'],
    conflict: 'producer',
    message: 'This producer already has a meeting in this slot',
    field: { path: 'slotId', code: 'producer_busy' },
  },
  {
    model: 'Meeting',
    fields: ['activeSlotId', 'buyerId', 'buyerSeat'],
    conflict: 'buyer',
    message: 'This buyer already has a meeting in this slot',
    field: { path: 'slotId', code: 'buyer_busy' },
  },
  {
    model: 'Meeting',
    fields: ['activeSlotId', 'tableNumber'],
    conflict: 'table',
    message: 'This table is taken in this slot',
    field: { path: 'slotId', code: 'no_table' },
  },
  {
    model: 'MeetingRequest',
    fields: ['pendingSlotId', 'producerId', 'buyerId'],
    conflict: 'request',
    message: 'This producer already asked this buyer for this slot and is waiting for the answer',
    field: { path: 'slotId', code: 'request_pending' },
  },
  {
    model: 'BoothApplication',
    fields: ['eventId', 'producerId'],
    conflict: 'application',
    message: 'This producer has already applied to this fair',
  },
];

const sameColumns = (a: string[], b: string[]) => a.length === b.length && a.every((c) => b.includes(c));

function entryOf(v: UniqueViolation): Entry | undefined {
  if (v.model !== null) return CONFLICTS.find((e) => e.model === v.model && sameColumns(e.fields, v.fields));
  // A raw query names no model: its columns decide, when only one index of the table has them.
  const candidates = CONFLICTS.filter((e) => sameColumns(e.fields, v.fields));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The 409 a unique violation means, or null when the table does not know its index. */
export function conflictForUniqueViolation(v: UniqueViolation): DomainError | null {
  const entry = entryOf(v);
  if (!entry) return null;
  const { conflict, message, field } = entry;
  return new DomainError('CONFLICT', message, {
    ...(field ? { fields: [{ path: field.path, message, code: field.code }] } : {}),
    extra: { conflict },
  });
}

/** The 409 of a database error that is a known unique violation, or null for any other error. */
export function conflictOf(error: unknown): DomainError | null {
  const violation = uniqueViolationOf(error);
  return violation ? conflictForUniqueViolation(violation) : null;
}

/** Awaits a write; a known unique violation leaves it as its 409, any other error as it was. */
export async function orConflict<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}
