// npm run bench, or npx tsx test/bench/schedule.bench.ts: the automatic meeting schedule
// (server/modules/matchmaking/schedule) on generated sessions (sample-session.ts: skewed buyer
// popularity, two representatives for some buyers, blocked slots, meetings already booked) of
// 300 producers × 20 buyers × 16 slots × 20 tables (the unit test's size) and 500 producers ×
// 20 buyers × 24 slots × 20 tables (target: under 10 s), beside the greedy pass of the same run.
// It prints the time (median of a few runs: wall clock and this process's CPU time, the machines
// being shared), HiGHS's status, objective, best bound and gap, wishes met (mutual, one-sided),
// producers covered and idle gaps, for both; every schedule is checked against the rules.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { checkScheduleRules } from '../../server/modules/matchmaking/schedule/check.ts';
import { highsRuntime } from '../../server/modules/matchmaking/schedule/mip.ts';
import { sampleSession } from '../../server/modules/matchmaking/schedule/sample-session.ts';
import { solveSchedule, type ScheduleResult } from '../../server/modules/matchmaking/schedule/solve.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEED = 20261202;
const TARGET_MS = 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await highsRuntime(); // the WebAssembly load is once per process, not per schedule
const table: Record<string, Record<string, string | number>> = {};
let missed = false;
for (const [producers, buyers, slots, tables] of [
  [300, 20, 16, 20],
  [500, 20, 24, 20],
] as const) {
  const input = sampleSession({ producers, buyers, slots, tables, seed: SEED, booked: Math.round(producers / 15) });
  const size = `${producers}×${buyers}×${slots}×${tables}`;
  for (const [method, useSolver] of [
    ['HiGHS MIP + compaction', true],
    ['greedy + compaction (solver off)', false],
  ] as const) {
    const times: number[] = [];
    const cpu: number[] = [];
    let result: ScheduleResult | undefined;
    for (let i = 0; i < RUNS; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      result = await solveSchedule(input, { useSolver, timeLimitSeconds: 8 });
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    const f = result!.figures;
    const broken = checkScheduleRules(input, result!.meetings);
    if (broken.length > 0) throw new Error(`${size} ${method} breaks rules: ${broken.slice(0, 3).join('; ')}`);
    const wall = median(times);
    if (useSolver && producers === 500 && wall > TARGET_MS) missed = true;
    table[`${size} ${method}`] = {
      'time ms': Math.round(wall),
      'cpu ms': Math.round(median(cpu)),
      status: f.status,
      objective: f.objective,
      bound: f.bound ?? '—',
      'gap %': useSolver ? (f.gapPercent ?? '—') : (f.greedy.gapPercent ?? '—'),
      meetings: f.meetings,
      mutual: f.metMutual,
      'one-sided': f.metOneSided,
      covered: `${f.producersCovered}/${f.producersWithWish}`,
      'idle gaps': f.idleGaps,
      'MIP vars × rows': useSolver ? `${f.variables} × ${f.constraints}` : '—',
    };
    if (useSolver) {
      const g = f.greedy;
      table[`${size} greedy pass alone (same run)`] = {
        'time ms': g.timeMs,
        'cpu ms': '—',
        status: 'baseline',
        objective: g.objective,
        bound: f.bound ?? '—',
        'gap %': g.gapPercent ?? '—',
        meetings: g.meetings,
        mutual: g.metMutual,
        'one-sided': g.metOneSided,
        covered: `${g.producersCovered}/${f.producersWithWish}`,
        'idle gaps': g.idleGaps,
        'MIP vars × rows': '—',
      };
    }
  }
}
console.log(`\nAutomatic meeting schedule (seed ${SEED}, median of ${RUNS} runs, load average ${loadavg()[0]!.toFixed(1)})`);
console.table(table);
console.log(
  'objective = 1000 per producer covered + per met wish (mutual 100 + rank bonuses, one-sided 20 + rank bonus); ' +
    'gap % = (bound − objective) / objective; idle gaps = free slots between a person’s first and last meeting; ' +
    '"greedy pass alone" is the baseline as it comes out (the MIP’s warm start), "solver off" the fallback path',
);
if (missed) {
  console.error(`500 × 20 × 24: over the ${TARGET_MS / 1000} s target`);
  process.exitCode = 1;
}
