import type { ApiError } from '../../api/http.ts';

export type ErrorMessageKey = 'state.offline' | 'state.forbidden' | 'state.notFound' | 'state.failed';

/** The message key that tells a user, in plain words, what a failed call means. */
export function errorMessageKey(error: ApiError): ErrorMessageKey {
  switch (error.code) {
    case 'NETWORK':
      return 'state.offline';
    case 'FORBIDDEN':
      return 'state.forbidden';
    case 'NOT_FOUND':
      return 'state.notFound';
    default:
      return 'state.failed';
  }
}
