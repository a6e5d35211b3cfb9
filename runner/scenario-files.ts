import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Scenario } from '../src/scenario/scenario.ts';
import { isScenarioFileName, SCENARIO_FILE_SUFFIX } from './scenario-file-name.ts';
import { checkScenarioText, type SourceProblem } from './scenario-lint.ts';

/** Folders discovery does not enter: dependencies, and hidden ones (`.git`, `.cache`). */
const isSkippedFolderName = (name: string): boolean =>
  name === 'node_modules' || name.startsWith('.');

export interface LoadedScenario {
  /**
   * The file's path relative to the folder it was found in (its name, for a file named
   * explicitly), without its SCENARIO_FILE_SUFFIX (or, named explicitly, its extension), with
   * `/` between folders: the same wherever the run starts.
   */
  id: string;
  /** The file as reports name it: relative to where the run started, or absolute outside it. */
  file: string;
  scenario: Scenario;
  /** The file's text, so reports can point at a step's line. */
  source?: string;
}

export interface ScenarioFileError {
  file: string;
  /** What is wrong with it as a whole: `not valid JSON`, `not a valid scenario`, or why it cannot be read. */
  message: string;
  /** Each problem with its line, column, path and a sentence; none when the file cannot be read. */
  issues: SourceProblem[];
}

/** A scenario file found, not yet read. */
export interface ScenarioFileRef {
  path: string;
  id: string;
  file: string;
}

function idOf(name: string): string {
  const trimmed = isScenarioFileName(name)
    ? name.slice(0, -SCENARIO_FILE_SUFFIX.length)
    : name.slice(0, name.length - extname(name).length);
  return trimmed.split(sep).join('/');
}

function shownPath(path: string, cwd: string): string {
  const shown = relative(cwd, path);
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

async function scenarioFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory())
        return isSkippedFolderName(entry.name) ? [] : scenarioFilesUnder(path);
      return entry.isFile() && isScenarioFileName(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

function unreadable(file: string, error: unknown): ScenarioFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file or folder' : (error as Error).message;
  return { file, message: `cannot be read: ${why}`, issues: [] };
}

/**
 * The scenario files that paths name, in the order given: a file as it is, a folder's scenario
 * files (at any depth, sorted, not in `node_modules` or hidden folders). Paths are taken from
 * `cwd` (absolute ones as they are); a file named twice is played once.
 */
export async function findScenarioFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<{ files: ScenarioFileRef[]; errors: ScenarioFileError[] }> {
  const files: ScenarioFileRef[] = [];
  const errors: ScenarioFileError[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let found: ScenarioFileRef[];
    try {
      if ((await stat(path)).isDirectory()) {
        found = (await scenarioFilesUnder(path))
          .map((file) => ({
            path: file,
            id: idOf(relative(path, file)),
            file: shownPath(file, cwd),
          }))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      } else {
        found = [{ path, id: idOf(basename(path)), file: shownPath(path, cwd) }];
      }
    } catch (error) {
      errors.push(unreadable(given, error));
      continue;
    }
    for (const ref of found) {
      if (seen.has(ref.path)) continue;
      seen.add(ref.path);
      files.push(ref);
    }
  }
  return { files, errors };
}

/**
 * Reads scenario files, in order. A file that is not a valid scenario is an error with every
 * problem's line, column, path and reason; the others still load.
 */
export async function readScenarioFiles(
  files: readonly ScenarioFileRef[],
): Promise<{ scenarios: LoadedScenario[]; errors: ScenarioFileError[] }> {
  const read = await Promise.all(
    files.map(async (ref) => {
      try {
        return { ref, source: await readFile(ref.path, 'utf8') };
      } catch (error) {
        return { ref, error: unreadable(ref.file, error) };
      }
    }),
  );
  const scenarios: LoadedScenario[] = [];
  const errors: ScenarioFileError[] = [];
  for (const { ref, source, error } of read) {
    if (source === undefined) {
      errors.push(error);
      continue;
    }
    const checked = checkScenarioText(source);
    if (checked.ok)
      scenarios.push({ id: ref.id, file: ref.file, scenario: checked.scenario, source });
    else errors.push({ file: ref.file, message: checked.reason, issues: checked.problems });
  }
  return { scenarios, errors };
}

/** Finds and reads scenario files and folders (see findScenarioFiles, readScenarioFiles). */
export async function loadScenarioFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<{ scenarios: LoadedScenario[]; errors: ScenarioFileError[] }> {
  const found = await findScenarioFiles(paths, cwd);
  const read = await readScenarioFiles(found.files);
  return { scenarios: read.scenarios, errors: [...found.errors, ...read.errors] };
}
