// npm run bench (after the directory bench), or npx tsx test/bench/allocation.bench.ts:
// the automatic booth allocation on generated fairs (server/modules/booths/allocation/
// sample-fair.ts) of 300 booths × 350 applications and 1,000 booths × 1,200 applications
// (target: under 1 s), in the same run as the greedy first-come baseline, with both preference
// scores (scorePlacements: what the allocation maximises, higher is better). A fair too large to
// solve whole in time is solved in interleaved parts; the bench also solves it whole, to show
// what the parts cost in score. Times are medians of a few runs, wall clock and this process's
// CPU time (these machines are shared: with others' work running, wall time is several times
// the CPU time; the load average is printed); every proposal is checked against the hard rules.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { allocate, checkHardRules, greedyBaseline, type Proposal } from '../../server/modules/booths/allocation/allocate.ts';
import { sampleFair } from '../../server/modules/booths/allocation/sample-fair.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SEED = 20260301;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const pad = (s: string, n: number) => s.padEnd(n);

interface Row {
  fair: string;
  method: string;
  timeMs: number;
  cpuMs: number;
  placed: number;
  wantedZone: number;
  score: number;
  vsGreedy: string;
}

function measure(run: () => Proposal, runs: number): { timeMs: number; cpuMs: number; proposal: Proposal } {
  const times: number[] = [];
  const cpu: number[] = [];
  let proposal: Proposal | undefined;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    proposal = run();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { timeMs: median(times), cpuMs: median(cpu), proposal: proposal! };
}

const rows: Row[] = [];
for (const [booths, applications] of [
  [300, 350],
  [1000, 1200],
] as const) {
  const fair = sampleFair({ booths, applications, seed: SEED, twins: Math.round(applications / 30) });
  const label = `${booths} × ${applications}`;
  const wantsZone = new Map(fair.applications.map((a) => [a.applicationId, a.zones]));
  const methods: [string, () => Proposal, number][] = [
    ['allocate (munkres)', () => allocate(fair.booths, fair.applications, fair.policy), RUNS],
    ['greedy first-come', () => greedyBaseline(fair.booths, fair.applications, fair.policy), RUNS],
  ];
  if (booths > 300)
    methods.splice(1, 0, [
      'allocate, solved whole',
      () => allocate(fair.booths, fair.applications, fair.policy, { wholeSolveLimit: Infinity }),
      Math.min(RUNS, 3),
    ]);
  allocate(fair.booths, fair.applications, fair.policy); // warm up
  const results = methods.map(([method, run, runs]) => ({ method, ...measure(run, runs) }));
  const greedyScore = results.at(-1)!.proposal.score;
  for (const { method, timeMs, cpuMs, proposal } of results) {
    const broken = checkHardRules(fair.booths, fair.applications, fair.policy, proposal.placements);
    if (broken.length > 0) throw new Error(`${label} ${method} breaks hard rules: ${broken.slice(0, 3).join('; ')}`);
    rows.push({
      fair: label,
      method,
      timeMs,
      cpuMs,
      placed: proposal.placements.length,
      wantedZone: proposal.placements.filter((p) => wantsZone.get(p.applicationId)!.includes(p.boothCode[0]!)).length,
      score: proposal.score,
      vsGreedy: `${((proposal.score / greedyScore) * 100).toFixed(1)} %`,
    });
  }
}

const header = ['fair (booths × apps)', 'method', 'time', 'CPU time', 'booths placed', 'in a wanted zone', 'score', 'vs greedy'];
const widths = [20, 23, 8, 8, 13, 16, 8, 9];
const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join(' ');
process.stdout.write(
  [
    `\n== booth allocation (seed ${SEED}, medians of ${RUNS} runs, load average ${loadavg()[0]!.toFixed(1)}; target < 1 s at 1,000 × 1,200)`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) =>
      line([r.fair, r.method, ms(r.timeMs), ms(r.cpuMs), String(r.placed), String(r.wantedZone), r.score.toFixed(0), r.vsGreedy]),
    ),
    '',
  ].join('\n'),
);
