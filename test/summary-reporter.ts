/**
 * Prints one plain closing line, `N passed, N failed[, N skipped]`, after vitest's own report, so
 * CI can read the outcome of a run without parsing vitest's decorated summary.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed += 1;
        else if (state === "failed") failedTests += 1;
        else counts.skipped += 1;
      }
      // A file that failed outside its tests (an import error, a failing beforeAll) counts once.
      counts.failed += module.state() === "failed" && failedTests === 0 ? 1 : failedTests;
    }
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
