// What matchmaking says in words: a slot's time, a fit reason, a refused meeting call (a field
// code the app can say in the user's language, else the 409's conflict, else what any failed
// call says), and money typed by a person read back as whole VND.
import { useI18n } from 'vue-i18n';
import type { SessionDto } from '../../../../server/contracts/index.ts';
import { meetingConflicts, type MeetingConflict } from '../../../../server/contracts/matchmaking.ts';
import type { FitReason } from '../../../../server/contracts/suggestions.ts';
import { useFormat } from '../../i18n/format.ts';
import { asApiError } from '../../stores/loadState.ts';
import { errorMessageKey } from '../common/errorText.ts';
import { useDirectoryLabels } from '../directory/labels.ts';

export function conflictOf(cause: unknown): MeetingConflict | null {
  const error = asApiError(cause);
  if (error.status !== 409) return null;
  const conflict = (error.payload as { conflict?: unknown } | undefined)?.conflict;
  return (meetingConflicts as readonly unknown[]).includes(conflict) ? (conflict as MeetingConflict) : null;
}

/**
 * "250.000.000" or "250,000,000 ₫" as typed back to whole VND: separators and the currency are
 * dropped. null for an empty field, NaN for anything that is not a whole, non-negative number.
 */
export function parseVnd(text: string): number | null {
  const digits = text.replace(/[\s.,_'’₫]|VND|VNĐ|đ/gi, '');
  if (digits === '') return null;
  if (!/^\d+$/.test(digits)) return Number.NaN;
  return Number(digits);
}

export function useMatchmakingText() {
  const { t, te } = useI18n();
  const format = useFormat();
  const labels = useDirectoryLabels();

  /** "08:20–08:40" of a slot of the session, or '' for a slot it no longer has. */
  function slotTime(session: SessionDto | undefined, slotId: string): string {
    const slot = session?.slots.find((s) => s.id === slotId);
    return slot ? format.timeRange(slot.startsAt, slot.endsAt) : '';
  }

  function reason(r: FitReason): string {
    const params: Record<string, string | number> = { ...(r.params ?? {}) };
    if (typeof params.category === 'string') params.category = labels.category(params.category);
    const key = `fitReasons.${r.code}`;
    return te(key) ? t(key, params) : r.code;
  }

  function refusal(cause: unknown): string {
    const error = asApiError(cause);
    for (const field of error.fields) {
      const key = `fieldErrors.${field.code}`;
      if (field.code && te(key)) return t(key, field.params ?? {});
    }
    const conflict = conflictOf(error);
    if (conflict) return t(`meetingConflicts.${conflict}`);
    return t(errorMessageKey(error));
  }

  return { slotTime, reason, refusal, vnd: format.vnd };
}
