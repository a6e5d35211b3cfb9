// Regenerates the JSON Schema files under schemas/ from the zod schemas in src/scenario.
// Run with `npm run schemas`; a unit test fails while they are out of date.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { publishedSchemas } from '../src/scenario/json-schema.ts';

for (const [file, schema] of Object.entries(publishedSchemas)) {
  const path = fileURLToPath(new URL(`../schemas/${file}`, import.meta.url));
  // Formatted as `prettier --write` would, so the lint step finds nothing to change.
  const options = await resolveConfig(path);
  await writeFile(path, await format(JSON.stringify(schema()), { ...options, filepath: path }));
  console.log(`Wrote schemas/${file}`);
}
