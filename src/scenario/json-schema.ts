import { z } from './zod.ts';
import { scenarioSchema } from './scenario.ts';
import { serverConfigSchema } from './server-config.ts';

/**
 * The published JSON Schema of a server config, generated from the zod schema so the two
 * can never disagree. It describes the input form: defaults may be left out.
 */
export function serverConfigJsonSchema(): Record<string, unknown> {
  return {
    title: 'CORS Playground server config',
    ...z.toJSONSchema(serverConfigSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}

/** The published JSON Schema of a scenario file. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    title: 'CORS Playground scenario',
    ...z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' }),
  };
}

/** Every published schema, by file name under `schemas/`. */
export const publishedSchemas: Record<string, () => Record<string, unknown>> = {
  'server-config.schema.json': serverConfigJsonSchema,
  'scenario.schema.json': scenarioJsonSchema,
};
