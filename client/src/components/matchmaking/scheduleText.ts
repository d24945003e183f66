// What the automatic schedule says in words: why a proposed meeting is there, what the solver
// did (HiGHS's status, or why the greedy pass was used), a duration, and why publishing skipped
// a meeting (its field code, else its conflict, else the server's English).
import { useI18n } from 'vue-i18n';
import type { ScheduleProposalDto, SkippedMeetingDto } from '../../../../server/contracts/schedule.ts';
import { useFormat } from '../../i18n/format.ts';

type Reason = ScheduleProposalDto['meetings'][number]['reasons'][number];
type Figures = ScheduleProposalDto['figures'];

/** The solver's words for why it fell back, as the schedule's solver writes them. */
const FALLBACKS: Record<string, string> = {
  'no wished pair fits any free slot': 'noPairFits',
  infeasible_incumbent: 'infeasibleStart',
  'worker overran its time': 'overran',
};

export function useScheduleText() {
  const { t, te } = useI18n();
  const format = useFormat();

  function reason(r: Reason): string {
    switch (r.code) {
      case 'mutual_wish':
        return t('schedule.reasons.mutual_wish', { producerRank: r.producerRank ?? '?', buyerRank: r.buyerRank ?? '?' });
      case 'producer_wish':
      case 'buyer_wish':
        return t(`schedule.reasons.${r.code}`, { rank: r.rank ?? '?' });
      default:
        return t('schedule.reasons.coverage');
    }
  }

  /** "optimal", "time_limit; greedy kept (better)", "fallback: …", "solver_off" in the user's words. */
  function solverStatus(f: Figures): string {
    const [head = '', ...rest] = f.status.split(';').map((s) => s.trim());
    let said: string;
    if (head.startsWith('fallback:')) {
      const why = head.slice('fallback:'.length).trim();
      const known = FALLBACKS[why];
      said = t('schedule.status.fallback', { why: known ? t(`schedule.status.why.${known}`) : why });
    } else {
      said = te(`schedule.status.${head}`) ? t(`schedule.status.${head}`) : head;
    }
    if (rest.some((r) => r.startsWith('greedy kept'))) said = `${said}; ${t('schedule.status.greedyKept')}`;
    return said;
  }

  function duration(ms: number): string {
    return ms < 1000
      ? t('schedule.ms', { ms: format.count(ms) })
      : t('schedule.seconds', { s: format.count(Math.round(ms / 100) / 10) });
  }

  function percent(value: number | null): string {
    return value === null ? '—' : `${format.count(value)} %`;
  }

  function skipped(s: SkippedMeetingDto): string {
    if (te(`fieldErrors.${s.code}`)) return t(`fieldErrors.${s.code}`);
    if (te(`meetingConflicts.${s.conflict}`)) return t(`meetingConflicts.${s.conflict}`);
    return s.message;
  }

  return { reason, solverStatus, duration, percent, skipped };
}
