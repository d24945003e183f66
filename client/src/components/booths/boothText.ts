// What a booth says about itself in words: its accessible name on the plan ("A01, available",
// "B07, assigned to …"), the short line written inside it, and a refused booth call in plain
// words (a 409's conflict, each one said in Vietnamese and English).
import { useI18n } from 'vue-i18n';
import type { BoothConflict, BoothDto } from '../../../../server/contracts/index.ts';
import { boothConflicts } from '../../../../server/contracts/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { asApiError } from '../../stores/loadState.ts';
import { errorMessageKey } from '../common/errorText.ts';

/** Is this booth the viewer's (assigned to it, or held or offered to it)? */
export function boothIsMine(booth: BoothDto, myProducerId: string | undefined): boolean {
  if (!myProducerId) return false;
  return booth.producerId === myProducerId || booth.hold?.producerId === myProducerId;
}

export function conflictOf(cause: unknown): BoothConflict | null {
  const error = asApiError(cause);
  if (error.status !== 409) return null;
  const conflict = (error.payload as { conflict?: unknown } | undefined)?.conflict;
  return (boothConflicts as readonly unknown[]).includes(conflict) ? (conflict as BoothConflict) : null;
}

export function useBoothText() {
  const { t, te } = useI18n();
  const format = useFormat();

  /** Its state in words, as far as the viewer may know: "assigned to …", "held for … until …". */
  function state(booth: BoothDto): string {
    if (booth.status === 'assigned' && booth.producerName) return t('floorPlan.state.assignedTo', { name: booth.producerName });
    if (booth.status === 'held' && booth.hold) {
      const key = booth.hold.kind === 'offered' ? 'floorPlan.state.offeredTo' : 'floorPlan.state.heldFor';
      return t(key, { name: booth.hold.producerName, time: format.dateTime(booth.hold.expiresAt) });
    }
    return t(`floorPlan.state.${booth.status}`);
  }

  /** The same, as a sentence on its own ("Assigned to …"). */
  function stateSentence(booth: BoothDto): string {
    const said = state(booth);
    return said.charAt(0).toLocaleUpperCase() + said.slice(1);
  }

  /** "A01, available"; "B07, assigned to HTX …, checked in, your booth". */
  function label(booth: BoothDto, myProducerId?: string): string {
    const parts = [booth.code, state(booth)];
    if (booth.checkedInAt) parts.push(t('floorPlan.state.checkedIn'));
    if (boothIsMine(booth, myProducerId)) parts.push(t('floorPlan.state.yours'));
    return parts.join(', ');
  }

  /** Written under the code when the booth is large enough on screen. */
  function shortLine(booth: BoothDto, myProducerId?: string): string {
    if (booth.status === 'assigned') return booth.producerName ?? '';
    if (booth.status === 'held') {
      if (booth.hold && (myProducerId === undefined || booth.hold.producerId === myProducerId)) return booth.hold.producerName;
      return t(booth.hold?.kind === 'offered' ? 'floorPlan.offeredShort' : 'floorPlan.heldShort');
    }
    return '';
  }

  /**
   * A refused booth or application call in plain words: a field issue the app can say in the
   * user's language ("the producer still has booths"), else the 409's conflict, else what any
   * failed call says.
   */
  function refusal(cause: unknown): string {
    const error = asApiError(cause);
    for (const field of error.fields) {
      for (const key of [`fieldErrors.${field.code}`, `boothRefusals.${field.code}`]) {
        if (field.code && te(key)) return t(key, field.params ?? {});
      }
    }
    const conflict = conflictOf(error);
    if (conflict) return t(`boothConflicts.${conflict}`);
    return t(errorMessageKey(error));
  }

  return { state, stateSentence, label, shortLine, refusal };
}
