// @ts-check
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importBoundaries } from './eslint-rules/import-boundaries.js';

// Features never import each other: each feature folder is a zone that may not
// reach into any sibling (see STYLE.md, "The layout shows the architecture").
const features = readdirSync(new URL('src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const featureZones = features.map((feature) => ({
  target: [`src/features/${feature}`],
  from: ['src/features'],
  except: [`src/features/${feature}`],
  message: 'Features never import each other; compose them in src/app.',
}));

const pureModules = ['src/cors/**', 'src/scenario/**'];

export default tseslint.config(
  { ignores: ['dist', 'lib', 'coverage', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { local: { rules: { 'import-boundaries': importBoundaries } } },
    rules: {
      'local/import-boundaries': [
        'error',
        {
          root: fileURLToPath(new URL('.', import.meta.url)),
          zones: [
            // Imports flow one way: shared -> features -> app.
            ...featureZones,
            {
              target: ['src/cors', 'src/scenario', 'src/stores', 'src/components', 'src/lib'],
              from: ['src/features', 'src/app'],
              message: 'Shared code must not depend on features or the app shell.',
            },
            {
              target: ['src/features'],
              from: ['src/app'],
              message: 'Features must not depend on the app shell.',
            },
            {
              target: ['src/cors', 'src/scenario'],
              from: ['src/stores', 'src/components', 'src/lib', 'mock-server', 'runner', 'e2e'],
              message: 'The model and the scenario schema are pure: they import only each other.',
            },
            {
              target: ['mock-server'],
              from: ['src/features', 'src/app', 'src/stores', 'src/components', 'src/lib'],
              message: 'The server may import src/cors and src/scenario, never UI code.',
            },
            {
              target: ['runner'],
              from: ['src/features', 'src/app', 'src/stores', 'src/components', 'src/lib'],
              message: 'The runner may import src/cors and src/scenario, never UI code.',
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: pureModules,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'react',
                'react-dom',
                'react/*',
                'react-dom/*',
                'zustand',
                '@tanstack/*',
              ],
              message: 'src/cors and src/scenario are pure: no Node, React or UI imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['mock-server/**', 'e2e/**', 'scripts/**', 'bin/**', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: pureModules,
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
