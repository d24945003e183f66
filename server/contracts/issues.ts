// Every refused field carries a stable `code` (and its `params`) beside the English
// `message`, so that the client can say it in the user's language. The codes are part of the
// API: add new ones, never rename one.
import type { z } from 'zod';

export type IssueParams = Record<string, string | number>;
export interface CodedIssue {
  code: string;
  params?: IssueParams;
}

/** For refine(): the English message and the code the client translates. */
export const rule = (code: string, message: string) => ({ message, params: { code } });

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const SIZE: Record<string, [string, string]> = {
  string: ['too_short', 'too_long'],
  number: ['too_small', 'too_big'],
  int: ['too_small', 'too_big'],
  array: ['too_few', 'too_many'],
  set: ['too_few', 'too_many'],
};

/** The code of one zod issue; `input` is what was validated, to tell "missing" from "wrong". */
export function codeOfIssue(issue: z.core.$ZodIssue, input: unknown): CodedIssue {
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value === undefined || value === null) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not_integer' };
      return { code: 'invalid_type', params: { expected: String(issue.expected) } };
    }
    case 'too_small': {
      const value = valueAt(input, issue.path);
      if (issue.origin === 'string' && Number(issue.minimum) === 1 && (value === undefined || String(value).trim() === ''))
        return { code: 'required' };
      return { code: SIZE[issue.origin]?.[0] ?? 'too_small', params: { minimum: Number(issue.minimum) } };
    }
    case 'too_big':
      return { code: SIZE[issue.origin]?.[1] ?? 'too_big', params: { maximum: Number(issue.maximum) } };
    case 'invalid_format': {
      const known = ['email', 'url', 'date', 'datetime', 'uuid'];
      return known.includes(issue.format) ? { code: `invalid_${issue.format}` } : { code: 'invalid_format' };
    }
    case 'invalid_value':
      return { code: 'invalid_option' };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: { keys: issue.keys.join(', ') } };
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return { code: typeof code === 'string' ? code : 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}
