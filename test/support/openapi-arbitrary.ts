// fast-check arbitraries of whole HTTP requests, derived from the OpenAPI document alone, so
// a route added to the API is fuzzed without anyone writing a line for it. Each request is
// valid-looking (types, enums, bounds, patterns and formats respected) or hostile (wrong
// types, missing and extra fields, strings at and past their limits, lone surrogates and
// NUL, deep nesting, numbers past the safe range, prototype keys, odd headers), and says who
// sends it: a role, nobody, or a forged session.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';

// The part of JSON Schema (OpenAPI 3.0 flavour) that zod's toJSONSchema emits for our schemas.
export interface JsonSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  'x-access'?: 'public' | 'signed-in' | 'signed-in-or-screen' | string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export const ROLES = ['organiser', 'official', 'producer', 'buyer'] as const;
export type Role = (typeof ROLES)[number];
/** Who sends a request: a signed-in role, nobody, or a cookie that is no session. */
export type Who = Role | 'nobody' | 'forged';

export interface Route {
  method: string;
  /** The OpenAPI path, e.g. /api/producers/{producerId}. */
  path: string;
  /** 'signed-in-or-screen' (a big-screen token instead of a session) is fuzzed as 'signed-in'. */
  access: 'public' | 'signed-in' | Role[];
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The schema of the JSON body, when the route takes one. */
  jsonBody: JsonSchema | undefined;
  /** Other content types the route documents for its body (a file upload). */
  otherBodyTypes: string[];
  takesIdempotencyKey: boolean;
}

export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const access = op['x-access'] ?? 'signed-in';
      routes.push({
        method: method.toUpperCase(),
        path,
        access: Array.isArray(access) ? (access as Role[]) : access === 'signed-in-or-screen' ? 'signed-in' : access,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        jsonBody: content['application/json']?.schema,
        otherBodyTypes: Object.keys(content).filter((t) => t !== 'application/json'),
        takesIdempotencyKey: params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      });
    }
  }
  return routes;
}

export function allowedRoles(route: Route): readonly Role[] {
  return route.access === 'public' || route.access === 'signed-in' ? ROLES : route.access;
}

/** A JSON token written as is: numbers JSON.stringify cannot write (1e400, -0, 30 digits) and deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a generated value; keys such as __proto__ are written like any other. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : jsonText(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An object with these own entries, __proto__ included as a plain key (as JSON.parse makes it). */
const objectOf = (entries: [string, unknown][]) => Object.fromEntries(entries) as Record<string, unknown>;

/**
 * Values that exist, by the name of the parameter or member that takes them (eventId → the
 * demo events' ids, email → the demo sign-ins), so that cases get past "not found" to the rules.
 */
export interface Pools {
  byName: Record<string, string[]>;
  /** Every real id seen, to send one kind where another is expected. */
  any: string[];
  /**
   * Files the app would take (its own exports), mutated into uploads for routes that read a
   * file; `param` is the path parameter value the file goes with (kind=buyers for the buyers' sheet).
   */
  files?: UploadFile[];
  /** Ids that belong to a sender (a producer's own producerId and products), for routes only an owner may use. */
  own?: Partial<Record<Who, string[]>>;
}

export interface UploadFile {
  type: string;
  body: string | Buffer;
  param?: { name: string; value: string };
}

const NO_POOLS: Pools = { byName: {}, any: [] };

/**
 * Every enum of the document by the name of the member or parameter that has it: a query
 * parameter documented as a bare string (`legalType`) takes the values the body's `legalType` does.
 */
export function enumsByName(doc: OpenApiDocument): Record<string, string[]> {
  const found: Record<string, Set<string>> = {};
  const add = (name: string, values: unknown[]) => {
    for (const v of values) if (typeof v === 'string' && v !== '') (found[name] ??= new Set()).add(v);
  };
  const walk = (s: JsonSchema | undefined, name?: string) => {
    if (!s) return;
    if (name && s.enum) add(name, s.enum);
    for (const x of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(x, name);
    if (s.items) walk(s.items, name);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, k);
  };
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops)) {
      for (const p of op.parameters ?? []) walk(p.schema, p.name);
      for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema);
    }
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v]]));
}

// ---------------------------------------------------------------------------------------
// Strings

const VIETNAMESE = ['Cà phê', 'Hồ tiêu', 'Sầu riêng', 'Đắk Lắk', 'Buôn Ma Thuột', 'mật ong', 'HTX', 'Ê Đê', 'nước', 'ạ'];

/** Text people type, in Vietnamese and ASCII, now and then with emoji and combining marks. */
const humanText = (minLength: number, maxLength: number): fc.Arbitrary<string> => {
  const cap = Math.min(maxLength, Math.max(minLength, 40));
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength, maxLength: cap, unit: 'grapheme-ascii' }) },
      { weight: 3, arbitrary: fc.array(fc.constantFrom(...VIETNAMESE), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength: cap, unit: 'grapheme' }) },
      { weight: 1, arbitrary: fc.string({ minLength, maxLength: cap, unit: 'binary' }) },
    )
    .map((s) => (s.length < minLength ? s.padEnd(minLength, 'a') : s))
    .filter((s) => s.length >= minLength && s.length <= maxLength);
};

/** A string exactly `n` UTF-16 units long, built fast (huge strings must not cost a second each). */
const stringOfLength = (n: number): fc.Arbitrary<string> =>
  fc.constantFrom('a', 'é', 'ệ', ' ', '9').map((c) => c.repeat(Math.max(0, n)));

/** Strings no sane client sends: lone UTF-16 halves, NUL, controls, direction overrides, injections. */
export const NASTY_STRINGS = [
  '\ud800',
  'x \udfff',
  '\ud83d',
  'a\ud83d\ude00\ud83d',
  '\u0000',
  'nul\u0000inside',
  '\u202eevil',
  '\ufeffBOM',
  '\u200b',
  '\uffff',
  'e\u0301\u0301\u0301\u0301',
  '\r\n',
  '\t',
  ' ',
  '',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x1F',
  ' 42 ',
  'true',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '\'; DROP TABLE "Producer"; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '%ED%A0%80',
  '${7*7}{{7*7}}',
  'ǅ\u0130\u0131ß',
];

/** A GTIN-13 with its check digit right. */
const gtin13 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((digits) => {
  const sum = [...digits].reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return `${digits.join('')}${(10 - (sum % 10)) % 10}`;
});

/**
 * Rules the JSON Schema cannot say (zod refinements), guessed from a member's name as a
 * client's author would: without them nearly every valid-looking body stops at one field.
 */
const HINTS: [RegExp, fc.Arbitrary<string>][] = [
  [/phone/i, fc.stringMatching(/^(\+84|0)[0-9]{9}$/)],
  [/email/i, fc.emailAddress().filter((e) => /^[A-Za-z0-9_'+.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(e))],
  [/websites?$|urls?$/i, fc.webUrl({ validSchemes: ['https', 'http'] }).filter((u) => u.length <= 500 && !/\s/.test(u))],
  [/registrationNo|taxCode/i, fc.stringMatching(/^[0-9]{10}(-[0-9]{3})?$/)],
  [/gtin/i, gtin13],
  [
    /DecisionDate/,
    fc
      .date({ min: new Date('2018-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  ],
];

function validString(s: JsonSchema, name?: string): fc.Arbitrary<string> {
  const hint = name === undefined ? undefined : HINTS.find(([re]) => re.test(name))?.[1];
  if (hint) return fc.oneof({ weight: 9, arbitrary: hint }, { weight: 1, arbitrary: validString(s) });
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 500;
  const fits = (v: string) => v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern).test(v));
  if (s.format === 'email')
    return fc.oneof(fc.emailAddress(), fc.constantFrom('nguyen.van.a@example.vn', 'mua.hang@bigc.vn')).filter(fits);
  if (s.format === 'date')
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
      .filter(fits);
  if (s.format === 'date-time')
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString())
      .filter(fits);
  if (s.format === 'uri' || s.format === 'url') return fc.webUrl().filter(fits);
  if (s.pattern) {
    // stringMatching makes short strings: a repeated one still matches a pattern like ^[…]+$.
    return fc
      .stringMatching(new RegExp(s.pattern))
      .map((v) => (v.length > 0 && v.length < min ? v.repeat(Math.ceil(min / v.length)) : v).slice(0, max))
      .filter(fits);
  }
  return fc.oneof({ weight: 5, arbitrary: humanText(min, max) }, { weight: 1, arbitrary: stringOfLength(max) });
}

function hostileString(s: JsonSchema): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 10_000;
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    // A valid-looking value with a flaw spliced in: what reaches the database, if anything does.
    {
      weight: 4,
      arbitrary: fc
        .tuple(validString(s), fc.constantFrom('\ud800', '\u0000', '\udc00x', '\u202e', '\ud83d'))
        .map(([v, bad]) => v.slice(0, 1) + bad + v.slice(1)),
    },
    { weight: 1, arbitrary: stringOfLength(max) },
    { weight: 1, arbitrary: stringOfLength(max + 1) },
    { weight: 1, arbitrary: stringOfLength(min - 1) },
    { weight: 1, arbitrary: stringOfLength(200_000) },
    // Emoji count two UTF-16 units each: at the limit in units, half of it in characters.
    { weight: 1, arbitrary: fc.constant('😀'.repeat(Math.ceil((max + 1) / 2))) },
  );
}

// ---------------------------------------------------------------------------------------
// Numbers

const lowerOf = (s: JsonSchema) =>
  typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : (s.minimum ?? Number.MIN_SAFE_INTEGER);
const upperOf = (s: JsonSchema) =>
  typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : (s.maximum ?? Number.MAX_SAFE_INTEGER);

function validNumber(s: JsonSchema): fc.Arbitrary<number> {
  const min = lowerOf(s);
  const max = upperOf(s);
  const ints = fc.oneof(fc.integer({ min, max }), fc.constantFrom(...new Set([min, max, Math.max(min, Math.min(max, 0))])));
  if (s.type === 'integer') return ints;
  return fc.oneof(ints, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

function hostileNumber(s: JsonSchema): fc.Arbitrary<unknown> {
  const min = lowerOf(s);
  const max = upperOf(s);
  return fc.oneof(
    fc.constantFrom(min - 1, max + 1, 0.5, -1, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
    fc.constantFrom(
      new RawJson('1e400'),
      new RawJson('-1e400'),
      new RawJson('-0'),
      new RawJson('9007199254740993'),
      new RawJson('123456789012345678901234567890'),
      new RawJson('1e-400'),
      new RawJson('4.0'),
    ),
    fc.constantFrom('1', '4', 'NaN', 'Infinity', '', ' 3', '0x10', '1e2'),
  );
}

// ---------------------------------------------------------------------------------------
// Any schema

/** Nesting past any limit, as raw JSON text (building it as objects would cost more than sending it). */
export const deepNesting = (depth: number, kind: 'array' | 'object'): RawJson =>
  new RawJson(kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function typesOf(s: JsonSchema): Set<string> {
  if (s.anyOf || s.oneOf) return new Set((s.anyOf ?? s.oneOf)!.flatMap((x) => [...typesOf(x)]));
  const t = new Set<string>();
  if (s.type) t.add(s.type === 'integer' ? 'number' : s.type);
  if (s.enum) for (const v of s.enum) t.add(typeof v);
  if (s.nullable) t.add('null');
  return t;
}

/** A value of a JSON type the schema does not take. */
function wrongType(s: JsonSchema): fc.Arbitrary<unknown> {
  const taken = typesOf(s);
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.constantFrom('x', '', '1', 'true')],
    ['number', fc.constantFrom(0, 1, -1, 3.5)],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(anyJson, { maxLength: 3 })],
    ['object', fc.constantFrom({}, { a: 1 }, objectOf([['__proto__', { polluted: true }]]))],
  ];
  const others = candidates.filter(([t]) => !taken.has(t)).map(([, a]) => a);
  return others.length ? fc.oneof(...others) : fc.constant(null);
}

/**
 * A value the schema accepts, or one a client reading only the schema would send. `name` is
 * the member or parameter that takes it: known values (pools) and hints go by name.
 */
export function validValue(s: JsonSchema | undefined, pools: Pools = NO_POOLS, name?: string): fc.Arbitrary<unknown> {
  if (!s) return anyJson;
  let inner = validValueNotNull(s, pools, name);
  // Known values are strings: they stand in for a string the schema leaves open, not for an enum of its own.
  const open = typesOf(s).has('string') && !s.enum && !(s.anyOf ?? s.oneOf ?? []).some((x) => x.enum);
  const known = name === undefined || !open ? undefined : (pools.byName[name] ?? (/Id$/.test(name) ? pools.any : undefined));
  if (known?.length) {
    // Ids must exist to get past "not found"; other known values are one choice among many.
    const weight = /Id$/.test(name!) ? 4 : 1;
    inner = fc.oneof({ weight, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: inner });
  }
  return s.nullable ? fc.option(inner, { nil: null, freq: 6 }) : inner;
}

function validValueNotNull(s: JsonSchema, pools: Pools, name?: string): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => validValue(x, pools, name)));
  if (s.allOf?.length) return validValue(s.allOf[0], pools, name);
  switch (s.type) {
    case 'string':
      return validString(s, name);
    case 'integer':
    case 'number':
      return validNumber(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const maxLength = Math.min(s.maxItems ?? 5, 5);
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(validValue(s.items, pools, name), { minLength: s.minItems ?? 0, maxLength }) },
        // exactly at the limit, once in a while
        {
          weight: 1,
          arbitrary: fc.array(validValue(s.items, pools, name), { minLength: s.maxItems ?? 0, maxLength: s.maxItems ?? 0 }),
        },
      );
    }
    case 'object':
    default: {
      if (!s.properties) return fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 });
      const model = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(v, pools, k)]));
      const required = s.required ?? [];
      const optional = Object.keys(model).filter((k) => !required.includes(k));
      const only = (keys: string[]) =>
        fc
          .record(Object.fromEntries(keys.map((k) => [k, model[k]!])), { requiredKeys: keys })
          .map((o) => objectOf(Object.entries(o)));
      // Any optional members, or just the required ones and one more: with many members, each
      // with rules the schema cannot say, the short bodies are the ones that get through.
      return fc.oneof(
        fc.record(model, { requiredKeys: required }).map((o) => objectOf(Object.entries(o))),
        optional.length ? fc.constantFrom(...optional).chain((k) => only([...required, k])) : only(required),
      );
    }
  }
}

/** A value that breaks the schema (or tests the edges of what it accepts). */
export function hostileValue(s: JsonSchema | undefined, pools: Pools = NO_POOLS, depth = 0): fc.Arbitrary<unknown> {
  const always: { weight: number; arbitrary: fc.Arbitrary<unknown> }[] = [
    { weight: 3, arbitrary: wrongType(s ?? {}) },
    { weight: 1, arbitrary: fc.constantFrom(deepNesting(40, 'array'), deepNesting(40, 'object'), deepNesting(5_000, 'array')) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  ];
  const own: fc.Arbitrary<unknown>[] = [];
  if (s) {
    const types = typesOf(s);
    if (s.enum) own.push(fc.constantFrom(...s.enum.map((v) => (typeof v === 'string' ? v.toUpperCase() + ' ' : v))));
    if (types.has('string')) own.push(hostileString(s.anyOf?.find((x) => x.type === 'string') ?? s));
    if (types.has('number')) own.push(hostileNumber(s.anyOf?.find((x) => x.type === 'number' || x.type === 'integer') ?? s));
    if (s.type === 'array') {
      own.push(
        fc.array(validValue(s.items, pools), { minLength: (s.maxItems ?? 10) + 1, maxLength: (s.maxItems ?? 10) + 2 }),
        fc.constant(Array.from({ length: 20_000 }, () => 1)),
        depth < 2 ? fc.array(hostileValue(s.items, pools, depth + 1), { minLength: 1, maxLength: 3 }) : fc.constant([{}]),
      );
    }
  }
  const objects = s && (s.type === 'object' || s.properties) ? hostileObjects(s, pools, depth) : [];
  return fc.oneof(...always, ...own.map((arbitrary) => ({ weight: 4, arbitrary })), ...objects);
}

function hostileObjects(s: JsonSchema, pools: Pools, depth: number): { weight: number; arbitrary: fc.Arbitrary<unknown> }[] {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  const valid = validValueNotNull({ ...s, nullable: false }, pools) as fc.Arbitrary<Record<string, unknown>>;
  const out = [
    // an array where an object is expected
    { weight: 3, arbitrary: valid.map((o): unknown => [o]) },
    // extra members, prototype keys among them
    {
      weight: 4,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...PROTOTYPE_KEYS, 'extra', 'id', 'role', 'createdAt'), anyJson)
        .map(([o, k, v]): unknown => objectOf([...Object.entries(o), [k, k === '__proto__' ? { role: 'organiser' } : v]])),
    },
  ];
  if ((s.required ?? []).length)
    out.push({
      weight: 4,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...s.required!))
        .map(([o, k]): unknown => objectOf(Object.entries(o).filter(([key]) => key !== k))),
    });
  if (keys.length && depth < 2)
    // One member hostile, the others valid: the case that reaches deepest into a handler.
    out.push({
      weight: 16,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...keys))
        .chain(([o, k]) =>
          hostileValue(props[k], pools, depth + 1).map((h): unknown => objectOf([...Object.entries(o), [k, h]])),
        ),
    });
  return out;
}

// ---------------------------------------------------------------------------------------
// URLs

/** encodeURIComponent, except that a lone surrogate becomes the bytes a sloppy encoder writes (WTF-8). */
export function encodeLoose(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && /[\udc00-\udfff]/.test(text[i + 1]!);
    if (unit >= 0xd800 && unit <= 0xdfff && !pair) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else out += encodeURIComponent(text[i]!);
  }
  return out;
}

/**
 * What a query or path value becomes on the wire, at most ~2,000 characters: Node refuses a
 * request head past 16 KB (431, before the app sees it), so longer values test nothing of ours.
 */
function wire(value: unknown): string {
  const text =
    value instanceof RawJson ? value.text : value !== null && typeof value === 'object' ? jsonText(value) : String(value);
  return encodeLoose(text.slice(0, 2_000))
    .slice(0, 2_000)
    .replace(/%[0-9A-F]?$/, '');
}

/** Raw URL fragments a decoder must survive: broken escapes, encoded NUL and slashes, dot segments. */
const RAW_URL_GARBAGE = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '%2F', '..', '%2e%2e', '+', '%C0%AF', 'a%20b', '%F0%9F%98'];

function pathValue(p: Parameter, pools: Pools, own: string[], file: UploadFile | undefined): fc.Arbitrary<string> {
  if (file?.param?.name === p.name)
    return fc.oneof({ weight: 4, arbitrary: fc.constant(file.param.value) }, pathValue(p, pools, own, undefined));
  const real = pools.byName[p.name] ?? [];
  const mine = own.filter((id) => real.includes(id));
  const options: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [
    { weight: 2, arbitrary: validString(p.schema.type ? p.schema : { type: 'string', maxLength: 64 }).map(wire) },
    { weight: 1, arbitrary: hostileValue(p.schema, pools).map(wire) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_GARBAGE) },
  ];
  if (p.schema.enum) options.push({ weight: 6, arbitrary: fc.constantFrom(...p.schema.enum.map(String)) });
  if (real.length) options.push({ weight: 8, arbitrary: fc.constantFrom(...real) });
  if (mine.length) options.push({ weight: 8, arbitrary: fc.constantFrom(...mine) });
  if (pools.any.length) options.push({ weight: 1, arbitrary: fc.constantFrom(...pools.any) });
  return fc.oneof(...options);
}

function queryString(params: Parameter[], pools: Pools): fc.Arbitrary<string> {
  const pairs = params.map((p) =>
    fc.oneof(
      { weight: 10, arbitrary: fc.constant<[string, unknown][]>([]) },
      { weight: 8, arbitrary: validValue(p.schema, pools, p.name).map((v) => [[p.name, v]] as [string, unknown][]) },
      { weight: 1, arbitrary: hostileValue(p.schema, pools).map((v) => [[p.name, v]] as [string, unknown][]) },
      // the parameter twice (Express then sees an array)
      {
        weight: 1,
        arbitrary: fc.tuple(validValue(p.schema, pools, p.name), validValue(p.schema, pools, p.name)).map(([a, b]) => [
          [p.name, a],
          [p.name, b],
        ]),
      },
    ),
  );
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant<string[]>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.oneof(
          fc.constantFrom('__proto__=1', 'constructor[prototype][x]=1', 'a[b][c]=1', 'unknown=1', '=', '&&', 'x=%'),
          fc.constantFrom(...RAW_URL_GARBAGE).map((g) => `${params[0]?.name ?? 'q'}=${g}`),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([groups, raw]) => {
    const parts: string[] = [];
    for (const [name, value] of groups.flat() as [string, unknown][]) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) parts.push(`${encodeURIComponent(name)}=${wire(v)}`);
    }
    parts.push(...raw);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

// ---------------------------------------------------------------------------------------
// Bodies and headers

export interface FuzzRequest {
  method: string;
  /** The route as the OpenAPI document names it. */
  route: string;
  url: string;
  who: Who;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  /**
   * Sent a second time with the same Idempotency-Key: the same body ('same') or the same
   * members in another order ('reordered'); the text of that second body.
   */
  repeat?: { kind: 'same' | 'reordered'; body: string };
}

const CONTENT_TYPES_FOR_JSON = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constant('application/json; charset=utf-8') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'application/json; charset=klingon',
      'application/vnd.api+json',
      'garbage',
      ';;;',
      'application/',
      'text/csv',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** The body's text as sent: JSON mostly, sometimes broken or another encoding of the same members. */
function bodyText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 20, arbitrary: value.map(jsonText) },
    {
      weight: 1,
      arbitrary: fc.tuple(value.map(jsonText), fc.nat()).map(([text, n]) => text.slice(0, n % Math.max(1, text.length))),
    },
    { weight: 1, arbitrary: value.map((v) => `\ufeff${jsonText(v)}`) },
    { weight: 1, arbitrary: value.map((v) => `${jsonText(v)} trailing`) },
    {
      weight: 1,
      arbitrary: value.map((v) =>
        v !== null && typeof v === 'object' && !Array.isArray(v)
          ? Object.entries(v)
              .map(([k, x]) => `${encodeURIComponent(k)}=${wire(x)}`)
              .join('&')
          : wire(v),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '"text"', '[]', '{', '{"a":1,"a":2}', '\u0000') },
  );
}

/** The same members in another order (a client that builds its body differently on a retry). */
function reorder(text: string): string | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const entries = Object.entries(value);
    if (entries.length < 2) return null;
    return jsonText(objectOf(entries.reverse()));
  } catch {
    return null;
  }
}

const IDEMPOTENCY_KEYS = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.constant('fresh') },
  // a few keys shared by every case of a run: reused with another body, or by another user
  { weight: 2, arbitrary: fc.constantFrom('fuzz-reused-1', 'fuzz-reused-2', '"fuzz-reused-1"') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', 'k'.repeat(255), 'k'.repeat(256), 'has space', 'tab\there', 'é-latin1', '""', 'a, b'),
  },
);

const ORIGINS = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Record<string, string>>({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: 'garbage' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-origin' },
    ),
  },
);

function whoFor(route: Route): fc.Arbitrary<Who> {
  const allowed = allowedRoles(route);
  const others = ROLES.filter((r) => !allowed.includes(r));
  const options: { weight: number; arbitrary: fc.Arbitrary<Who> }[] = [
    { weight: 14, arbitrary: fc.constantFrom(...allowed) },
    { weight: 2, arbitrary: fc.constant('nobody') },
    { weight: 1, arbitrary: fc.constant('forged') },
  ];
  if (others.length) options.push({ weight: 3, arbitrary: fc.constantFrom(...others) });
  return fc.oneof(...options);
}

/** Every kind of request this route can be sent, as fuzz cases. */
export function requestsFor(route: Route, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const mutating = route.method !== 'GET';
  const uploads = mutating && !route.jsonBody && route.otherBodyTypes.length && pools.files?.length ? pools.files : [];
  // Who sends it and which file it carries come first: the path follows them (an owner's own
  // id, the kind of sheet the file is), or most owner-only cases would stop at 403 or 404.
  const file: fc.Arbitrary<UploadFile | undefined> = uploads.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...uploads) }, { weight: 1, arbitrary: fc.constant(undefined) })
    : fc.constant(undefined);
  return fc.tuple(whoFor(route), file).chain(([who, upload]) => requestOf(route, pools, who, upload));
}

function requestOf(route: Route, pools: Pools, who: Who, upload: UploadFile | undefined): fc.Arbitrary<FuzzRequest> {
  const own = pools.own?.[who] ?? [];
  const path = fc
    .tuple(...route.pathParams.map((p) => pathValue(p, pools, own, upload)))
    .map((values) => route.pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i]!), route.path));
  const mutating = route.method !== 'GET';

  let body: fc.Arbitrary<{ text: string | Buffer | undefined; type: string | undefined }>;
  if (route.jsonBody) {
    const value = fc.oneof(
      { weight: 6, arbitrary: validValue(route.jsonBody, pools) },
      { weight: 4, arbitrary: hostileValue(route.jsonBody, pools) },
    );
    body = fc.oneof(
      { weight: 20, arbitrary: fc.record({ text: bodyText(value), type: CONTENT_TYPES_FOR_JSON }) },
      { weight: 1, arbitrary: fc.constant({ text: undefined, type: undefined }) },
    );
  } else if (upload) {
    body = uploadOf(upload);
  } else if (mutating) {
    // No JSON body documented: usually none, sometimes JSON, text or bytes anyway.
    const types = route.otherBodyTypes.length ? route.otherBodyTypes : ['application/octet-stream'];
    body = fc.oneof(
      { weight: 6, arbitrary: fc.constant({ text: undefined, type: undefined }) },
      { weight: 2, arbitrary: fc.record({ text: bodyText(anyJson), type: CONTENT_TYPES_FOR_JSON }) },
      {
        weight: 2,
        arbitrary: fc.record({
          text: fc.uint8Array({ maxLength: 2_000 }).map((b) => Buffer.from(b)),
          type: fc.constantFrom(...types, 'text/csv', 'application/zip', undefined),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          text: fc.constantFrom('a,b\n1,2\n', '\ufeff"x"\n', 'PK\u0003\u0004', ''),
          type: fc.constantFrom(...types, 'text/csv'),
        }),
      },
    );
  } else {
    body = fc.constant({ text: undefined, type: undefined });
  }

  return fc
    .record({
      path,
      query: queryString(route.queryParams, pools),
      body,
      key: mutating && route.takesIdempotencyKey ? IDEMPOTENCY_KEYS : fc.constant(undefined),
      origin: mutating ? ORIGINS : fc.constant({}),
      repeat: fc.constantFrom<'none' | 'same' | 'reordered'>('none', 'same', 'reordered'),
    })
    .map(({ path: p, query, body: b, key, origin, repeat }) => {
      const headers: Record<string, string> = { ...origin };
      if (b.type !== undefined) headers['content-type'] = b.type;
      if (key !== undefined) headers['idempotency-key'] = key === 'fresh' ? randomUUID() : key;
      const request: FuzzRequest = {
        method: route.method,
        route: `${route.method} ${route.path}`,
        url: p + query,
        who,
        headers,
        body: b.text,
      };
      if (key !== undefined && repeat !== 'none' && typeof b.text === 'string') {
        const again = repeat === 'same' ? b.text : reorder(b.text);
        if (again !== null) request.repeat = { kind: repeat, body: again };
      }
      return request;
    });
}

const NASTY_CELLS = ['', '=1+1', '=HYPERLINK("http://evil.example")', '@SUM(A1)', '"', '\n', '9'.repeat(40), 'x'.repeat(5_000)];

/** A CSV the app exported, changed the ways a person editing it in a spreadsheet (or an attacker) would. */
function mutatedCsv(text: string): fc.Arbitrary<string> {
  const rows = parseCsv(text.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
  const [header = [], ...data] = rows;
  const cell = fc.oneof(
    fc.constantFrom(...NASTY_CELLS, ...NASTY_STRINGS.filter((n) => !/[\ud800-\udfff]/.test(n))),
    humanText(0, 30),
  );
  return fc
    .record({
      take: fc.integer({ min: 0, max: Math.min(data.length, 6) }),
      fresh: fc.integer({ min: 0, max: 3 }),
      edits: fc.oneof(fc.constant([]), fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { minLength: 1, maxLength: 3 })),
      header: fc.constantFrom('keep', 'keep', 'keep', 'keep', 'keep', 'drop-first', 'duplicate', 'blank', 'none'),
      bom: fc.boolean(),
      unique: fc.nat(),
    })
    .map(({ take, fresh, edits, header: h, bom, unique }) => {
      const body = data.slice(0, take).map((r) => [...r]);
      // New rows, named apart, so that a commit creates as well as updates.
      for (let i = 0; i < fresh && data.length; i++) {
        const copy = [...data[i % data.length]!];
        copy[0] = `Fuzz ${unique}-${i} ${copy[0] ?? ''}`.slice(0, 200);
        body.push(copy);
      }
      for (const [r, c, v] of edits) if (body.length) body[r % body.length]![c % Math.max(1, header.length)] = v;
      let head = [...header];
      if (h === 'drop-first') head = head.slice(1);
      if (h === 'duplicate') head = [...head, head[0] ?? ''];
      if (h === 'blank') head = head.map(() => '');
      const out = stringifyCsv(h === 'none' ? body : [head, ...body]);
      return bom ? `\ufeff${out}` : out;
    });
}

function uploadOf(f: UploadFile): fc.Arbitrary<{ text: string | Buffer; type: string | undefined }> {
  if (typeof f.body === 'string') return mutatedCsv(f.body).map((text) => ({ text, type: f.type as string | undefined }));
  const bytes = f.body;
  return fc.oneof(
    fc.constant({ text: bytes as string | Buffer, type: f.type as string | undefined }),
    // a workbook cut short: a zip without its central directory
    fc.nat().map((n) => ({ text: bytes.subarray(0, n % bytes.length) as string | Buffer, type: f.type as string | undefined })),
  );
}

/** Text for a failure message: runs of one character written as a count, then head and tail kept. */
export function shorten(text: string, cut = 600): string {
  const runs = text.replace(/(.)\1{15,}/gsu, (run: string, c: string) => `⟨${JSON.stringify(c)}×${[...run].length}⟩`);
  return runs.length > cut ? `${runs.slice(0, cut / 2)} … ${runs.slice(-cut / 2)}` : runs;
}

/** A request in a few lines for a failure message: bodies and long headers cut. */
export function describeRequest(r: FuzzRequest, cut = 600): string {
  const body =
    r.body === undefined
      ? '(no body)'
      : Buffer.isBuffer(r.body)
        ? `(${r.body.length} bytes) ${r.body.subarray(0, 60).toString('hex')}`
        : `(${r.body.length} chars) ${JSON.stringify(shorten(r.body, cut))}`;
  const headers = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${JSON.stringify(shorten(v, 120))}${v.length > 120 ? ` (${v.length} chars)` : ''}`)
    .join('; ');
  const url = r.url.length > cut ? `${shorten(r.url, cut)} (${r.url.length} chars)` : r.url;
  return `${r.method} ${url}\n  as: ${r.who}\n  headers: ${headers || '(none)'}\n  body: ${body}${r.repeat ? `\n  then again with the same key (${r.repeat.kind})` : ''}`;
}
