import type { ServerConfig } from '../server-config.ts';
import { jsLiteral, nodeListen, jsOptions, routeLines } from './js-code.ts';
import {
  middlewareProblems,
  portableConfig,
  varies,
  type ExportOrigins,
  type ExportResult,
  withSecurityWarnings,
} from './portable.ts';

// Hono 4's cors() (hono/dist/middleware/cors): every request gets origin, credentials and
// exposed headers; any OPTIONS also gets `Vary: Origin` (unless origin is "*"), max-age,
// methods and allowed headers (the requested ones when allowHeaders is empty, with
// `Vary: Access-Control-Request-Headers` either way), and a 204. Lists are joined with ",";
// empty values are left out.

/** A list setting as a Hono option: a literal stays one element, so its text is kept. */
function listOption(value: '*' | string[] | { value: string }): string {
  if (value === '*') return jsLiteral(['*']);
  return jsLiteral(Array.isArray(value) ? value : [value.value]);
}

/** The server config as a Hono app with its `cors()` middleware, served by @hono/node-server. */
export function exportHono(config: ServerConfig, origins: ExportOrigins): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const problems = middlewareProblems(portable.value, "Hono's cors()");
  const { preflight, actual } = portable.value;
  if (preflight.kind !== 'answer') return { ok: false, problems };
  if (preflight.status !== 204) {
    problems.push({
      path: 'preflight.handling.status',
      reason: `Hono's cors() answers every preflight with 204, not ${preflight.status}`,
    });
  }
  const cors = { ...preflight.cors, ...actual.cors };
  for (const [field, value] of Object.entries(cors)) {
    if (typeof value === 'object' && 'value' in value && value.value === '') {
      problems.push({
        path: `cors.${field}`,
        reason: "Hono's cors() leaves out a header whose value is empty",
      });
    }
  }
  if (typeof cors.allowCredentials === 'object') {
    problems.push({
      path: 'cors.allowCredentials',
      reason: `Hono's cors() sends Access-Control-Allow-Credentials only as "true", not "${cors.allowCredentials.value}"`,
    });
  }
  if (cors.allowHeaders === undefined) {
    problems.push({
      path: 'cors.allowHeaders',
      reason:
        "Hono's cors() with no allowHeaders allows whatever a preflight asks for; it cannot leave Access-Control-Allow-Headers out",
    });
  }
  if (typeof cors.maxAge === 'object') {
    problems.push({
      path: 'cors.maxAge',
      reason: `Hono's cors() takes maxAge as a number of seconds, not "${cors.maxAge.value}"`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const notes: string[] = [];
  const options: [string, string][] = [];
  const { allowOrigin, allowMethods, allowHeaders, maxAge, exposeHeaders } = cors;
  if (allowOrigin === undefined) options.push(['origin', '[]']);
  else if (allowOrigin === '*') options.push(['origin', jsLiteral('*')]);
  else if (allowOrigin === 'reflect') options.push(['origin', '(origin) => origin']);
  else if ('allowList' in allowOrigin) options.push(['origin', jsLiteral(allowOrigin.allowList)]);
  else options.push(['origin', `() => ${jsLiteral(allowOrigin.value)}`]);
  if (allowOrigin !== '*' && !varies(actual.cors).origin) {
    notes.push(
      'Hono\'s cors() sends Vary: Origin whenever origin is not "*"; the config leaves it out',
    );
  }
  if (cors.allowCredentials === true) options.push(['credentials', 'true']);
  options.push(['allowMethods', allowMethods === undefined ? '[]' : listOption(allowMethods)]);
  if (allowHeaders !== 'reflect' && allowHeaders !== undefined) {
    options.push(['allowHeaders', listOption(allowHeaders)]);
  }
  if (!varies(preflight.cors).requestHeaders) {
    notes.push(
      "Hono's cors() sends Vary: Access-Control-Request-Headers with every Access-Control-Allow-Headers; the config does not",
    );
  }
  if (typeof maxAge === 'number') options.push(['maxAge', String(maxAge)]);
  if (exposeHeaders !== undefined) {
    options.push(['exposeHeaders', listOption(exposeHeaders)]);
    notes.push(
      "Hono's cors() also sends Access-Control-Expose-Headers on the preflight, where browsers ignore it",
    );
  }

  const listen = nodeListen(origins.server);
  const code = [
    "import { Hono } from 'hono';",
    "import { cors } from 'hono/cors';",
    "import { serve } from '@hono/node-server';",
    '',
    'const app = new Hono();',
    `app.use(cors(${jsOptions(options)}));`,
    '',
    "app.all('*', (c) => {",
    ...routeLines(actual, {
      header: (name, value) =>
        `  c.header(${jsLiteral(name)}, ${jsLiteral(value)}, { append: true });`,
      // Bytes: a string body would get text/plain where the config has its own type or none.
      body: (text) =>
        `  return c.body(new TextEncoder().encode(${jsLiteral(text)}), ${actual.status});`,
      empty: `  return c.body(null, ${actual.status});`,
    }),
    '});',
    '',
    'export const server = serve({',
    '  fetch: app.fetch,',
    `  port: Number(process.env.PORT ?? ${listen.port}),`,
    `  hostname: process.env.HOST ?? ${jsLiteral(listen.name)},`,
    '});',
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '//'), notes };
}
