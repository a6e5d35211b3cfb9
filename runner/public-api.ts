/**
 * The package's entry point, `import { runScenarios } from 'cors-playground'`: the runner, the
 * playground server as a library, and the types of scenarios, server configs and results.
 * (Inside the project, modules import each other's files directly.) The Playwright fixture is
 * `cors-playground/playwright`.
 * @module
 */
export { runScenarios, type RunOptions } from './run.ts';
export {
  loadScenarioFiles,
  type LoadedScenario,
  type ScenarioFileError,
} from './scenario-files.ts';
export type { SourceProblem } from './scenario-lint.ts';
export type { Received, ScenarioResult, StepResult } from './play.ts';
export {
  RUNNER_PAGE,
  startPlayground,
  type AppHandler,
  type Playground,
  type PlaygroundOptions,
} from '../mock-server/playground.ts';
export type { PlaygroundPorts } from '../mock-server/origins.ts';
export {
  parseScenario,
  type Expectation,
  type Scenario,
  type ScenarioInput,
  type Step,
} from '../src/scenario/scenario.ts';
export {
  parseServerConfig,
  type ConfigIssue,
  type ParseResult,
  type ServerConfig,
  type ServerConfigInput,
  type TargetRef,
} from '../src/scenario/server-config.ts';
export type {
  ExchangeLogEntry,
  LoggedRequest,
  LoggedResponse,
} from '../src/scenario/control-api.ts';
