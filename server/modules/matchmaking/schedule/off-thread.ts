// Runs solveSchedule in a worker thread (worker-boot.mjs loads worker.ts with tsx), so the server
// keeps answering while HiGHS works. One worker is kept for the process (starting one costs
// ~0.3 s) and takes its jobs in turn; it does not keep the process alive. If it cannot start,
// fails, or overruns its cap by far, the greedy pass answers here instead, the figures say why,
// and the next job gets a fresh worker.
import { Worker } from 'node:worker_threads';
import type { ScheduleInput } from './model.ts';
import { solveSchedule, type ScheduleOptions, type ScheduleResult } from './solve.ts';

/** Beyond the solver's own cap: building the model, compaction, loading the WebAssembly. */
const GRACE_MS = 20_000;

type Answer = { id: number; ok: true; result: ScheduleResult } | { id: number; ok: false; error: string };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, (answer: Answer) => void>();
/** Jobs run one after another: a second organiser waits for the first solve, not beside it. */
let queue: Promise<unknown> = Promise.resolve();

function failAll(error: string) {
  for (const [id, resolve] of pending) resolve({ id, ok: false, error });
  pending.clear();
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker-boot.mjs', import.meta.url));
  w.on('message', (answer: Answer) => {
    pending.get(answer.id)?.(answer);
    pending.delete(answer.id);
    if (pending.size === 0) w.unref(); // idle: it does not keep the process alive
  });
  w.on('error', (error) => {
    if (worker === w) worker = null;
    failAll(error.message);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(`worker exited (${code})`);
  });
  w.unref(); // after the listeners: a 'message' listener refs the worker again
  worker = w;
  return w;
}

async function runJob(input: ScheduleInput, opts: ScheduleOptions): Promise<ScheduleResult> {
  const { mip: _mip, ...sendable } = opts;
  void _mip;
  let w: Worker;
  try {
    w = theWorker();
  } catch (error) {
    return fallback(input, `worker did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const id = ++nextId;
  const capMs = (opts.timeLimitSeconds ?? 8) * 1000 + (opts.compactMs ?? 1000) + GRACE_MS;
  const answer = await new Promise<Answer>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      if (worker === w) worker = null;
      void w.terminate();
      resolve({ id, ok: false, error: 'worker overran its time' });
    }, capMs);
    timer.unref();
    pending.set(id, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
    w.ref(); // at work: the answer is awaited
    w.postMessage({ id, input, opts: sendable });
  });
  return answer.ok ? answer.result : fallback(input, answer.error);
}

export function solveScheduleOffThread(input: ScheduleInput, opts: ScheduleOptions = {}): Promise<ScheduleResult> {
  const job = queue.then(() => runJob(input, opts));
  queue = job.catch(() => undefined);
  return job;
}

async function fallback(input: ScheduleInput, why: string): Promise<ScheduleResult> {
  const result = await solveSchedule(input, { useSolver: false });
  return { ...result, figures: { ...result.figures, status: `fallback: ${why}` } };
}
