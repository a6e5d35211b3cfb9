import type { Cors, ServerConfig } from '../server-config.ts';
import { jsLiteral, nodeListen, jsOptions, routeLines } from './js-code.ts';
import {
  listText,
  middlewareProblems,
  portableConfig,
  varies,
  type ExportResult,
  withSecurityWarnings,
} from './portable.ts';

// expressjs/cors 2.8 (lib/index.js): a preflight is any OPTIONS; it gets origin, credentials,
// methods, allowed headers, max-age and exposed headers, then `optionsSuccessStatus`. Other
// requests get origin, credentials and exposed headers. A header with an empty value is left
// out, and an empty `origin` means `*`.

const isEmptyLiteral = (value: Cors[keyof Cors]): boolean =>
  typeof value === 'object' && !Array.isArray(value) && 'value' in value && value.value === '';

/** The server config as an Express app with the `cors` middleware. */
export function exportExpress(
  config: ServerConfig,
  origins: { page: string; server: string },
): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const problems = middlewareProblems(portable.value, 'cors');
  const { preflight, actual } = portable.value;
  if (preflight.kind !== 'answer') return { ok: false, problems };
  const cors: Cors = { ...preflight.cors, ...actual.cors };
  for (const [field, value] of Object.entries(cors)) {
    if (isEmptyLiteral(value)) {
      problems.push({
        path: `cors.${field}`,
        reason: 'cors leaves out a header whose value is empty',
      });
    }
  }
  if (typeof cors.allowCredentials === 'object') {
    problems.push({
      path: 'cors.allowCredentials',
      reason: `cors sends Access-Control-Allow-Credentials only as "true", not "${cors.allowCredentials.value}"`,
    });
  }
  if (actual.headers.filter(([name]) => name.toLowerCase() === 'content-type').length > 1) {
    problems.push({
      path: 'actual.headers',
      reason: "Express's res.append() refuses a second Content-Type line; the config sends several",
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const notes: string[] = [];
  const options: [string, string][] = [];
  const { allowOrigin, allowMethods, allowHeaders, maxAge, exposeHeaders } = cors;
  // `origin: false` would send `*`: an empty list allows no origin.
  if (allowOrigin === undefined) options.push(['origin', '[]']);
  else if (allowOrigin === 'reflect') options.push(['origin', 'true']);
  else if (allowOrigin === '*') options.push(['origin', jsLiteral('*')]);
  else if ('allowList' in allowOrigin) options.push(['origin', jsLiteral(allowOrigin.allowList)]);
  else options.push(['origin', jsLiteral(allowOrigin.value)]);
  if (allowOrigin !== '*' && !varies(actual.cors).origin) {
    notes.push('cors sends Vary: Origin whenever origin is not "*"; the config leaves it out');
  }
  if (cors.allowCredentials === true) options.push(['credentials', 'true']);
  // Strings are sent as written (an array would be joined with "," rather than ", "); an
  // empty list sends nothing.
  options.push(['methods', allowMethods === undefined ? '[]' : jsLiteral(listText(allowMethods))]);
  if (allowHeaders === 'reflect') {
    if (!varies(preflight.cors).requestHeaders) {
      notes.push(
        'cors sends Vary: Access-Control-Request-Headers when it reflects them; the config leaves it out',
      );
    }
  } else {
    options.push([
      'allowedHeaders',
      allowHeaders === undefined ? '[]' : jsLiteral(listText(allowHeaders)),
    ]);
  }
  if (maxAge !== undefined) {
    options.push(['maxAge', typeof maxAge === 'number' ? String(maxAge) : jsLiteral(maxAge.value)]);
  }
  if (exposeHeaders !== undefined) {
    options.push(['exposedHeaders', jsLiteral(listText(exposeHeaders))]);
    notes.push(
      'cors also sends Access-Control-Expose-Headers on the preflight, where browsers ignore it',
    );
  }
  if (preflight.status !== 204) options.push(['optionsSuccessStatus', String(preflight.status)]);

  const listen = nodeListen(origins.server);
  const code = [
    "import express from 'express';",
    "import cors from 'cors';",
    '',
    'const app = express();',
    '// Nothing beyond what the config sends: no X-Powered-By, no ETag.',
    "app.disable('x-powered-by');",
    "app.set('etag', false);",
    '',
    `app.use(cors(${jsOptions(options)}));`,
    '',
    "app.all('/{*path}', (req, res) => {",
    `  res.status(${actual.status});`,
    ...routeLines(actual, {
      header: (name, value) => `  res.append(${jsLiteral(name)}, ${jsLiteral(value)});`,
      // Node's own end(): res.send() would add a Content-Type where the config has none, a
      // charset to a string's, and an ETag.
      body: (text) => `  res.end(Buffer.from(${jsLiteral(text)}));`,
      empty: '  res.end();',
    }),
    '});',
    '',
    `const port = Number(process.env.PORT ?? ${listen.port});`,
    `export const server = app.listen(port, process.env.HOST ?? ${jsLiteral(listen.name)});`,
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '//'), notes };
}
