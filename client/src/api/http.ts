// A small typed fetch wrapper: JSON in, JSON out, the session cookie travels with every call,
// and every failure becomes an ApiError in the API's one error shape.
import type { ErrorBody, ErrorCode, FieldError } from '../../../server/contracts/index.ts';

/** Codes the API answers with, plus the two the client has to name itself. */
export type ApiErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: FieldError[];
  /** The whole answer, for calls that say more than the error (an import's failing rows). */
  readonly payload: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, fields: FieldError[] = [], payload?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.payload = payload;
  }

  /** The message for one field (e.g. `email`), when the API named it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((f) => f.path === path || f.path.endsWith(`.${path}`))?.message;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

let onUnauthenticated: (() => void) | undefined;

/** Called when a signed-in call answers 401 (the session ended elsewhere or expired). */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

function codeForStatus(status: number): ApiErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'VALIDATION_FAILED',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    431: 'HEADERS_TOO_LARGE',
    429: 'RATE_LIMITED',
    503: 'UNAVAILABLE',
  };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Sent as it is (a spreadsheet), instead of a JSON body. */
  file?: Blob;
}

function requestBody(options: RequestOptions): RequestInit['body'] {
  if (options.file) return options.file;
  return options.body === undefined ? undefined : JSON.stringify(options.body);
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID exists only on secure pages, and venue screens
 * reach the app over plain HTTP on the local network; getRandomValues works everywhere.
 */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Waits before each retry of a change whose answer was lost (the venue Wi-Fi dropped). */
const RETRY_DELAYS_MS = [400, 1200, 3000];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A file goes as plain bytes, whatever the browser guesses its type is (some call a .csv
  // text/plain, which the API refuses as a form's type); the server reads what it is.
  if (options.file) headers['Content-Type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  // A change carries a key, so that retrying it after a lost answer cannot act twice: the
  // server answers the retry with the first answer.
  const retries = method === 'GET' ? [] : RETRY_DELAYS_MS;
  if (method !== 'GET') headers['Idempotency-Key'] = newIdempotencyKey();

  let response: Response | undefined;
  let payload: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(withQuery(`/api${path}`, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: requestBody(options),
      });
      payload = await readJson(response);
    } catch {
      response = undefined;
    }
    const lost = !response || response.status === 502 || response.status === 503 || response.status === 504;
    const stillRunning = response?.status === 409 && (payload as { conflict?: unknown } | undefined)?.conflict === 'idempotency';
    if (!(lost || stillRunning) || attempt >= retries.length) break;
    await sleep(retries[attempt]!);
  }
  if (!response) throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  if (response.ok) return payload as T;

  const error = isErrorBody(payload)
    ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.fields ?? [], payload)
    : new ApiError(response.status, codeForStatus(response.status), response.statusText || 'Request failed', [], payload);
  if (response.status === 401 && !path.startsWith('/auth/')) onUnauthenticated?.();
  throw error;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** Posts a file as the raw body (its own content type), e.g. a spreadsheet to import. */
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, { file }),
};
