import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publishedSchemas } from './json-schema.ts';

describe('published JSON Schemas', () => {
  it.each(Object.entries(publishedSchemas))(
    'schemas/%s matches the zod schema (npm run schemas)',
    (file, schema) => {
      const published: unknown = JSON.parse(
        readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'),
      );
      expect(published).toEqual(schema());
    },
  );
});
