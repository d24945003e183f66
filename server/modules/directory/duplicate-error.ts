// A write refused by a unique index of the directory, and the one table from it to the 409
// that the API and the import answer: the field it names, its code and its message.
import { DomainError } from '../../errors.ts';

/** The field the API names for each column a unique index of the directory holds. */
const FIELD_OF_COLUMN = { registrationNo: 'registrationNo', gtin: 'gtin', nameKey: 'name' } as const;
export type DuplicateField = (typeof FIELD_OF_COLUMN)[keyof typeof FIELD_OF_COLUMN];

const CONFLICTS: Record<DuplicateField, { code: string; message: string }> = {
  registrationNo: { code: 'registration_taken', message: 'Another producer already has this registration number (tax code)' },
  gtin: { code: 'gtin_taken', message: 'Another product already has this barcode (GTIN)' },
  name: { code: 'buyer_name_taken', message: 'Another buyer in this province already has this name' },
};

/** Another row already holds this unique value: a tax code, a GTIN, a buyer's name in its province. */
export class DuplicateError extends Error {
  constructor(readonly field: DuplicateField) {
    super(`duplicate ${field}`);
  }
}

/**
 * The DuplicateError of a database error, or null when it is not a unique violation of a key
 * named above. Prisma answers one as P2002 whose columns, through either driver adapter, are in
 * meta.driverAdapterError.cause.constraint.fields (PostgreSQL quotes them) or meta.target.
 * Matched by shape, so that this module (shared with the services) does not load Prisma.
 */
export function duplicateOf(error: unknown): DuplicateError | null {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'P2002') return null;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)?.cause;
  const listed = cause?.constraint?.fields ?? meta.target;
  const columns = (Array.isArray(listed) ? listed : [listed]).map((c) => String(c).replace(/"/g, ''));
  for (const column of columns)
    if (Object.hasOwn(FIELD_OF_COLUMN, column))
      return new DuplicateError(FIELD_OF_COLUMN[column as keyof typeof FIELD_OF_COLUMN]);
  return null;
}

/** The answer to a DuplicateError: 409 naming the field, with `conflict` set to it. */
export function conflictOf(error: DuplicateError): DomainError {
  const { code, message } = CONFLICTS[error.field];
  return new DomainError('CONFLICT', message, {
    fields: [{ path: error.field, message, code }],
    extra: { conflict: error.field },
  });
}
