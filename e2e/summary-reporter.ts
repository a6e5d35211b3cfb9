import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Ends the run with one plain line, `e2e: N passed, N failed`, that CI logs can read. */
export default class SummaryReporter implements Reporter {
  #outcomes = new Map<string, 'passed' | 'failed' | 'skipped'>();

  onTestEnd(test: TestCase, result: TestResult): void {
    const status =
      result.status === 'skipped'
        ? 'skipped'
        : test.outcome() === 'expected' || test.outcome() === 'flaky'
          ? 'passed'
          : 'failed';
    this.#outcomes.set(test.id, status);
  }

  onEnd(result: FullResult): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const outcome of this.#outcomes.values()) counts[outcome] += 1;
    const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
    console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed${skipped}`);
    if (result.status !== 'passed' && counts.failed === 0)
      console.log(`e2e run ended: ${result.status}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
