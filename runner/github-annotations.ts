// GitHub Actions annotations: a failing scenario or an invalid file shows on the pull request,
// at its line. https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
// The runner reads workflow commands from stderr as from stdout (actions/runner,
// src/Runner.Worker/Handlers/ScriptHandler.cs: an OutputManager on each), so they can go to
// stderr and leave `--json` output on stdout pure.
import { BROWSER_LABELS } from '../src/cors/browser.ts';
import type { SourcePosition } from '../src/scenario/json-source.ts';
import type { ScenarioResult } from './play.ts';
import type { LoadedScenario, ScenarioFileError } from './scenario-files.ts';
import { positionOf } from './scenario-lint.ts';

// A command's message and properties end at a line break, and properties at `:` or `,`.
const escapeData = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string =>
  escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function error(
  where: { file: string; position?: SourcePosition; title: string },
  message: string,
): string {
  const properties = [
    `file=${escapeProperty(where.file)}`,
    ...(where.position === undefined
      ? []
      : [`line=${where.position.line}`, `col=${where.position.column}`]),
    `title=${escapeProperty(where.title)}`,
  ];
  return `::error ${properties.join(',')}::${escapeData(message)}`;
}

/**
 * One annotation per failing step of a scenario: at its `expect` when only expectations are
 * unmet, else at the step.
 */
export function scenarioAnnotations(loaded: LoadedScenario, result: ScenarioResult): string[] {
  return result.steps.flatMap((step, index) => {
    if (step.differences.length === 0 && step.unmet.length === 0) return [];
    const onlyUnmet = step.differences.length === 0 && loaded.scenario.steps[index]?.expect;
    const path = onlyUnmet ? ['steps', index, 'expect'] : ['steps', index];
    const title = onlyUnmet
      ? `Expectation not met: ${result.title}`
      : `The model and ${BROWSER_LABELS[result.browser]} disagree: ${result.title}`;
    return [
      error(
        {
          file: result.file,
          ...(loaded.source === undefined
            ? {}
            : { position: positionOf(loaded.source, path, onlyUnmet ? 'key' : 'value') }),
          title,
        },
        [
          `step ${index + 1} of ${result.id}`,
          ...step.differences.map((difference) => `disagree: ${difference}`),
          ...step.unmet.map((unmet) => `unmet: ${unmet}`),
        ].join('\n'),
      ),
    ];
  });
}

/** One annotation per problem of an invalid file, at its line and column. */
export function fileErrorAnnotations(fileError: ScenarioFileError): string[] {
  const title = `Invalid scenario file: ${fileError.message}`;
  if (fileError.issues.length === 0) {
    return [error({ file: fileError.file, title }, `${fileError.file}: ${fileError.message}`)];
  }
  return fileError.issues.map(({ line, column, message }) =>
    error({ file: fileError.file, position: { line, column }, title }, message),
  );
}
