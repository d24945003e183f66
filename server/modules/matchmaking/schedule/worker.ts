// The schedule solved off the main thread: HiGHS runs synchronously for up to its time cap, and
// on the server's thread that would hold every other request and socket for as long. Jobs come
// with an id and are answered with it (off-thread.ts sends them one at a time).
import { parentPort } from 'node:worker_threads';
import type { ScheduleInput } from './model.ts';
import { solveSchedule, type ScheduleOptions } from './solve.ts';

parentPort!.on('message', (message: { id: number; input: ScheduleInput; opts: ScheduleOptions }) => {
  solveSchedule(message.input, message.opts).then(
    (result) => parentPort!.postMessage({ id: message.id, ok: true, result }),
    (error: unknown) =>
      parentPort!.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
