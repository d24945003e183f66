// A write refused by a unique index or primary key, read off the database error the one way
// every module shares (server/conflicts.ts turns it into the domain conflict it means).
//
// Prisma answers one as P2002 with the model in meta.modelName. Through either driver adapter
// the columns are in meta.driverAdapterError.cause.constraint.fields, which PostgreSQL quotes
// when the name needs it ('"eventId"', 'code'); without an adapter they are in meta.target.
// A raw query answers P2010 with the same adapter cause but no model. Matched by shape, so that
// services and shared code can use it without loading Prisma.

export interface UniqueViolation {
  /** The Prisma model whose index refused the write, or null when unknown (a raw query). */
  model: string | null;
  /** The columns of the violated index, unquoted, in the index's order. */
  fields: string[];
}

type Meta = Record<string, unknown>;

function adapterCause(meta: Meta): { kind?: unknown; constraint?: { fields?: unknown } } | undefined {
  const adapter = meta.driverAdapterError;
  if (typeof adapter !== 'object' || adapter === null) return undefined;
  const cause = (adapter as { cause?: unknown }).cause;
  return typeof cause === 'object' && cause !== null
    ? (cause as { kind?: unknown; constraint?: { fields?: unknown } })
    : undefined;
}

const unquote = (column: unknown) =>
  String(column)
    .replace(/^"(.*)"$/, '$1')
    .replace(/""/g, '"');

/** The violated index of a database error, or null when the error is not a unique violation. */
export function uniqueViolationOf(error: unknown): UniqueViolation | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, meta: rawMeta } = error as { code?: unknown; meta?: unknown };
  // A plain statement of db/raw.ts on SQLite: its model and columns read off SQLite's message.
  if (code === 'RAW_UNIQUE_VIOLATION') {
    const { model, fields } = error as { model?: unknown; fields?: unknown };
    return { model: typeof model === 'string' ? model : null, fields: Array.isArray(fields) ? fields.map(String) : [] };
  }
  const meta: Meta = typeof rawMeta === 'object' && rawMeta !== null ? (rawMeta as Meta) : {};
  const cause = adapterCause(meta);
  const isUnique = code === 'P2002' || (code === 'P2010' && cause?.kind === 'UniqueConstraintViolation');
  if (!isUnique) return null;
  const listed = cause?.constraint?.fields ?? meta.target;
  const fields = listed === undefined || listed === null ? [] : (Array.isArray(listed) ? listed : [listed]).map(unquote);
  return { model: typeof meta.modelName === 'string' ? meta.modelName : null, fields };
}
