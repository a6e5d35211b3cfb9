import type { ScenarioFileError } from './scenario-files.ts';

/**
 * An invalid file as a linter reports it, one line per problem: `file:line:column: sentence`
 * (the form editors and terminals turn into a link), or `file: why` when it cannot be read.
 */
export function fileErrorText(error: ScenarioFileError): string {
  if (error.issues.length === 0) return `${error.file}: ${error.message}`;
  return error.issues
    .map((issue) => {
      // A syntax error has no path to start its sentence: say what kind of error it is.
      const sentence =
        issue.path === undefined ? `${error.message}: ${issue.message}` : issue.message;
      return `${error.file}:${issue.line}:${issue.column}: ${sentence}`;
    })
    .join('\n');
}

/** An invalid file as a line of `--json` output. */
export function fileErrorJson(error: ScenarioFileError): string {
  return JSON.stringify({ type: 'invalid-file', ...error });
}
