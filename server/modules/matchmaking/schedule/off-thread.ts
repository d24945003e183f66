// Runs solveSchedule in a worker thread (worker-boot.mjs loads worker.ts with tsx), so the server
// keeps answering while HiGHS works. If the worker cannot start,
// fails, or overruns its cap by far, the greedy pass answers here instead, and the figures say why.
import { Worker } from 'node:worker_threads';
import type { ScheduleInput } from './model.ts';
import { solveSchedule, type ScheduleOptions, type ScheduleResult } from './solve.ts';

/** Beyond the solver's own cap: building the model, compaction, loading the WebAssembly. */
const GRACE_MS = 20_000;

export async function solveScheduleOffThread(input: ScheduleInput, opts: ScheduleOptions = {}): Promise<ScheduleResult> {
  const { mip: _mip, ...sendable } = opts;
  void _mip;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker-boot.mjs', import.meta.url));
  } catch (error) {
    return fallback(input, `worker did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const capMs = (opts.timeLimitSeconds ?? 8) * 1000 + (opts.compactMs ?? 1000) + GRACE_MS;
  try {
    const answer = await new Promise<{ ok: true; result: ScheduleResult } | { ok: false; error: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: 'worker overran its time' }), capMs);
      worker.once('message', (m: { ok: true; result: ScheduleResult } | { ok: false; error: string }) => {
        clearTimeout(timer);
        resolve(m);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        resolve({ ok: false, error: error.message });
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ ok: false, error: `worker exited (${code})` });
      });
      worker.postMessage({ input, opts: sendable });
    });
    return answer.ok ? answer.result : fallback(input, answer.error);
  } finally {
    void worker.terminate();
  }
}

async function fallback(input: ScheduleInput, why: string): Promise<ScheduleResult> {
  const result = await solveSchedule(input, { useSolver: false });
  return { ...result, figures: { ...result.figures, status: `fallback: ${why}` } };
}
