import { useI18n } from 'vue-i18n';
import type { ApiError } from '../../api/http.ts';

export type ErrorMessageKey =
  | 'state.offline'
  | 'state.forbidden'
  | 'state.notFound'
  | 'state.failed'
  | 'state.conflict'
  | 'state.stillSaving'
  | 'state.answerLost'
  | 'state.rateLimited'
  | 'state.busy'
  | 'state.tooLarge'
  | 'form.checkFields';

/** A 409 about the Idempotency-Key concerns the user's own change, not someone else's. */
function conflictMessageKey(error: ApiError): ErrorMessageKey {
  const conflict = (error.payload as { conflict?: unknown } | undefined)?.conflict;
  if (conflict === 'idempotency') return 'state.stillSaving';
  if (conflict === 'idempotency_answer_lost') return 'state.answerLost';
  return 'state.conflict';
}

/** The message key that tells a user, in plain words, what a failed call means. */
export function errorMessageKey(error: ApiError): ErrorMessageKey {
  switch (error.code) {
    case 'NETWORK':
      return 'state.offline';
    case 'FORBIDDEN':
      return 'state.forbidden';
    case 'NOT_FOUND':
      return 'state.notFound';
    case 'CONFLICT':
      return conflictMessageKey(error);
    case 'RATE_LIMITED':
      return 'state.rateLimited';
    case 'UNAVAILABLE':
      return 'state.busy';
    case 'PAYLOAD_TOO_LARGE':
      return 'state.tooLarge';
    case 'VALIDATION_FAILED':
      return 'form.checkFields';
    default:
      return 'state.failed';
  }
}

export interface Issue {
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
  message: string;
}

/** Says a refusal of the API in the user's language, by its stable code; the API's English otherwise. */
export function useIssueText() {
  const { t, te } = useI18n();
  return {
    issue(issue: Issue): string {
      const key = `fieldErrors.${issue.code ?? ''}`;
      return issue.code && te(key) ? t(key, issue.params ?? {}) : issue.message;
    },
    field(name: string): string {
      const key = `fieldNames.${name}`;
      return te(key) ? t(key) : name;
    },
  };
}
