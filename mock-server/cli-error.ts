/** A mistake in how a command was called: reported in one line, without a stack. */
export class UsageError extends Error {}

type ErrorClass = abstract new (...args: never[]) => Error;

/** A mistake in how a command was called: a UsageError, or a flag parseArgs refused. */
export function isUsageMistake(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    (error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS'))
  );
}

/**
 * Reports why a command failed: a mistake the user can fix (a UsageError, or one of
 * `expected`) in one line, an unknown or malformed flag with the usage after it, anything
 * else in full.
 */
export function reportCliError(error: unknown, usage: string, expected: ErrorClass[]): void {
  if (error instanceof UsageError || expected.some((kind) => error instanceof kind)) {
    console.error(`cors-playground: ${(error as Error).message}`);
  } else if (isUsageMistake(error)) {
    console.error(`cors-playground: ${error.message}\n\n${usage}`);
  } else {
    console.error(error);
  }
}
