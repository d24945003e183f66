// Prints one plain closing line, "Tests: N passed, N failed, N skipped", that any CI
// can read, after vitest's own report; a file that failed outside its tests (a beforeAll, an
// import) is counted too, so the line never reads "0 failed" on a failed run.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let filesFailedOutsideTests = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedHere++;
        else counts.skipped++;
      }
      counts.failed += failedHere;
      if (module.state() === 'failed' && failedHere === 0) filesFailedOutsideTests++;
    }
    const errors = filesFailedOutsideTests + unhandledErrors.length;
    const extra = errors ? `, ${errors} ${errors === 1 ? 'error' : 'errors'} outside tests` : '';
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${extra}\n`);
  }
}
