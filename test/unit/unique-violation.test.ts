import { describe, expect, it } from 'vitest';
import { uniqueViolationOf } from '../../server/db/unique-violation.ts';
import { conflictForUniqueViolation, conflictOf, orConflict } from '../../server/conflicts.ts';
import { DomainError, errorBody } from '../../server/errors.ts';

// The errors as Prisma 6.19 throws them through each driver adapter (captured from real writes).
function adapterError(
  code: string,
  modelName: string | undefined,
  fields: string[],
  originalCode: string,
): Error & { code: string; meta: unknown } {
  return Object.assign(new Error('Unique constraint failed'), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: {
      ...(modelName ? { modelName } : {}),
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: { originalCode, kind: 'UniqueConstraintViolation', constraint: { fields } },
      },
    },
  });
}
const sqlite = (model: string | undefined, fields: string[], code = 'P2002') =>
  adapterError(code, model, fields, 'SQLITE_CONSTRAINT_UNIQUE');
const postgres = (model: string | undefined, fields: string[], code = 'P2002') => adapterError(code, model, fields, '23505');

describe('uniqueViolationOf', () => {
  it('reads the model and the columns through the SQLite adapter', () => {
    expect(uniqueViolationOf(sqlite('Buyer', ['provinceId', 'nameKey']))).toEqual({
      model: 'Buyer',
      fields: ['provinceId', 'nameKey'],
    });
  });

  it('unquotes the columns PostgreSQL quotes, and leaves the others as they are', () => {
    expect(uniqueViolationOf(postgres('Booth', ['"eventId"', 'code']))).toEqual({ model: 'Booth', fields: ['eventId', 'code'] });
  });

  it('falls back to meta.target without a driver adapter', () => {
    const error = { code: 'P2002', meta: { modelName: 'User', target: ['email'] } };
    expect(uniqueViolationOf(error)).toEqual({ model: 'User', fields: ['email'] });
    expect(uniqueViolationOf({ code: 'P2002', meta: { target: 'User_email_key' } })).toEqual({
      model: null,
      fields: ['User_email_key'],
    });
  });

  it('reads a raw query refused by a unique index (P2010), which names no model', () => {
    expect(uniqueViolationOf(postgres(undefined, ['"eventId"', '"producerId"'], 'P2010'))).toEqual({
      model: null,
      fields: ['eventId', 'producerId'],
    });
  });

  it('is null for every other error', () => {
    expect(uniqueViolationOf(new Error('boom'))).toBeNull();
    expect(uniqueViolationOf({ code: 'P2003', meta: { modelName: 'Booth', field_name: 'eventId' } })).toBeNull();
    expect(
      uniqueViolationOf({ code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'ForeignKeyConstraintViolation' } } } }),
    ).toBeNull();
    expect(uniqueViolationOf({ code: 'P2025' })).toBeNull();
    for (const nothing of [null, undefined, 'P2002', 2002, { meta: { modelName: 'User' } }])
      expect(uniqueViolationOf(nothing)).toBeNull();
  });

  it('gives a P2002 with no columns named an empty list, never a throw', () => {
    expect(uniqueViolationOf({ code: 'P2002', meta: 'odd' })).toEqual({ model: null, fields: [] });
    expect(uniqueViolationOf({ code: 'P2002' })).toEqual({ model: null, fields: [] });
  });
});

describe('conflictForUniqueViolation', () => {
  const answer = (error: DomainError | null) => {
    expect(error).toBeInstanceOf(DomainError);
    return errorBody(error!);
  };

  it.each([
    ['Producer', ['registrationNo'], 'registrationNo', 'registrationNo', 'registration_taken'],
    ['Product', ['gtin'], 'gtin', 'gtin', 'gtin_taken'],
    ['Buyer', ['provinceId', 'nameKey'], 'name', 'name', 'buyer_name_taken'],
    ['User', ['email'], 'email', 'email', 'email_taken'],
    ['Booth', ['eventId', 'code'], 'code', 'code', 'booth_code_taken'],
  ])('answers a taken %s %j with 409 conflict %s naming the field %s (%s)', (model, fields, conflict, path, code) => {
    const body = answer(conflictForUniqueViolation({ model, fields }));
    expect(body).toEqual({
      error: { code: 'CONFLICT', message: expect.any(String), fields: [{ path, code, message: body.error.message }] },
      conflict,
    });
  });

  it('keeps the exact answers the directory has always given', () => {
    expect(answer(conflictForUniqueViolation({ model: 'Producer', fields: ['registrationNo'] })).error.message).toBe(
      'Another producer already has this registration number (tax code)',
    );
    expect(answer(conflictForUniqueViolation({ model: 'Product', fields: ['gtin'] })).error.message).toBe(
      'Another product already has this barcode (GTIN)',
    );
    expect(answer(conflictForUniqueViolation({ model: 'Buyer', fields: ['nameKey', 'provinceId'] })).error.message).toBe(
      'Another buyer in this province already has this name',
    );
  });

  it('answers a taken booth and a second application with conflict booth and application', () => {
    expect(answer(conflictForUniqueViolation({ model: 'BoothOccupancy', fields: ['boothId'] }))).toEqual({
      error: { code: 'CONFLICT', message: 'This booth is taken' },
      conflict: 'booth',
    });
    expect(answer(conflictForUniqueViolation({ model: 'BoothApplication', fields: ['producerId', 'eventId'] }))).toEqual({
      error: { code: 'CONFLICT', message: 'This producer has already applied to this fair' },
      conflict: 'application',
    });
  });

  it('knows no index it was not told about, nor a known model with other columns', () => {
    expect(conflictForUniqueViolation({ model: 'IdempotencyKey', fields: ['userId', 'key'] })).toBeNull();
    expect(conflictForUniqueViolation({ model: 'Booth', fields: ['code'] })).toBeNull();
    expect(conflictForUniqueViolation({ model: 'Product', fields: ['registrationNo'] })).toBeNull();
    expect(conflictForUniqueViolation({ model: null, fields: [] })).toBeNull();
  });

  it('matches a raw query by its columns when only one known index has them', () => {
    expect(conflictForUniqueViolation({ model: null, fields: ['eventId', 'producerId'] })?.extra).toEqual({
      conflict: 'application',
    });
    expect(conflictForUniqueViolation({ model: null, fields: ['userId', 'key'] })).toBeNull();
  });
});

describe('conflictOf and orConflict', () => {
  it('turn the database error of either adapter into the same 409', () => {
    const a = errorBody(conflictOf(sqlite('BoothApplication', ['eventId', 'producerId']))!);
    const b = errorBody(conflictOf(postgres('BoothApplication', ['"eventId"', '"producerId"']))!);
    expect(a).toEqual(b);
    expect(a.conflict).toBe('application');
  });

  it('let every other error through as it was', async () => {
    const other = new Error('disk full');
    expect(conflictOf(other)).toBeNull();
    await expect(orConflict(Promise.reject(other))).rejects.toBe(other);
    const unknownIndex = sqlite('IdempotencyKey', ['userId', 'key']);
    await expect(orConflict(Promise.reject(unknownIndex))).rejects.toBe(unknownIndex);
    await expect(orConflict(Promise.resolve(7))).resolves.toBe(7);
    await expect(orConflict(Promise.reject(postgres('Booth', ['"eventId"', 'code'])))).rejects.toMatchObject({
      code: 'CONFLICT',
      extra: { conflict: 'code' },
    });
  });
});
