// Which files are scenario files, in one place (and without imports, so that the command's
// --help can name the rule without loading the schemas).

/** The end of a scenario file's name, which its id leaves out. */
export const SCENARIO_FILE_SUFFIX = '.scenario.json';

/** The rule in words, for help and messages. */
export const SCENARIO_FILE_PATTERN = `*${SCENARIO_FILE_SUFFIX}`;

/** The files a folder's discovery plays. A file named explicitly is played whatever its name. */
export function isScenarioFileName(name: string): boolean {
  return name.endsWith(SCENARIO_FILE_SUFFIX);
}
