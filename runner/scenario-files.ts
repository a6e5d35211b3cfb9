import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { parseJson } from '../src/scenario/parse-json.ts';
import type { ConfigIssue } from '../src/scenario/server-config.ts';
import { parseScenario, type Scenario } from '../src/scenario/scenario.ts';

export interface LoadedScenario {
  /** The file's path relative to where the run started, without `.json`. */
  id: string;
  file: string;
  scenario: Scenario;
}

export interface ScenarioFileError {
  file: string;
  message: string;
  issues: ConfigIssue[];
}

async function jsonFilesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() || extname(entry.name) === '.json')
      .map((entry) => jsonFilesUnder(join(path, entry.name))),
  );
  return nested.flat().sort();
}

/**
 * Reads scenario files and folders (every `.json` under a folder). A file that is not a
 * valid scenario is an error with every problem's path and reason; the others still load.
 */
export async function loadScenarioFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): Promise<{ scenarios: LoadedScenario[]; errors: ScenarioFileError[] }> {
  const scenarios: LoadedScenario[] = [];
  const errors: ScenarioFileError[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = await jsonFilesUnder(join(cwd, path));
    } catch (error) {
      errors.push({ file: path, message: `Cannot read: ${(error as Error).message}`, issues: [] });
      continue;
    }
    for (const file of files) {
      const shown = relative(cwd, file);
      const json = parseJson(await readFile(file, 'utf8'));
      if (!json.ok) {
        errors.push({ file: shown, message: `${json.error}.`, issues: [] });
        continue;
      }
      const parsed = parseScenario(json.value);
      if (!parsed.ok) {
        errors.push({ file: shown, message: 'Not a valid scenario.', issues: parsed.issues });
        continue;
      }
      scenarios.push({ id: shown.replace(/\.json$/, ''), file: shown, scenario: parsed.value });
    }
  }
  return { scenarios, errors };
}
