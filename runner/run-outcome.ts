import type { ScenarioResult } from './play.ts';

/**
 * The command's exit codes, one per kind of failure, so CI can tell a CORS regression from a
 * typo in a scenario file and from a machine without a browser.
 */
export const EXIT = {
  /** Every scenario agrees with Chromium and meets its expectations. */
  passed: 0,
  /** An expectation is not met, or the model and Chromium disagree. */
  failed: 1,
  /** Invalid input: a bad option, a file that is not a valid scenario or cannot be read, or no scenarios at all. */
  invalidInput: 2,
  /**
   * The run could not be made: no Chromium, one that does not start, a server of the user's
   * that could not be reached (where the step did not expect that), or another problem of
   * the machine.
   */
  environment: 3,
} as const;

export interface RunTally {
  scenarios: number;
  agree: number;
  passed: number;
  failed: number;
  invalidFiles: number;
  /** Scenarios whose server could not be reached: neither passed nor a CORS failure. */
  unreachable: number;
  exitCode: number;
}

/** The counts of a run that was made, and its exit code: invalid input outranks failures. */
export function tally(results: readonly ScenarioResult[], invalidFiles: number): RunTally {
  const agree = results.filter((result) => result.agree).length;
  const passed = results.filter((result) => result.agree && result.passed).length;
  const unreachable = results.filter((result) => result.unreachable).length;
  const failed = results.length - passed - unreachable;
  // A server that is down says nothing of its CORS: that outranks failures, which it may cause.
  const exitCode =
    invalidFiles > 0
      ? EXIT.invalidInput
      : unreachable > 0
        ? EXIT.environment
        : failed > 0
          ? EXIT.failed
          : EXIT.passed;
  return { scenarios: results.length, agree, passed, failed, invalidFiles, unreachable, exitCode };
}

/** The last line of `--json` output. */
export function jsonSummary(counts: RunTally): string {
  return JSON.stringify({ type: 'summary', ...counts });
}
