import type { ServerConfig } from '../server-config.ts';
import { jsLiteral, nodeListen, jsOptions, routeLines } from './js-code.ts';
import {
  listText,
  middlewareProblems,
  portableConfig,
  repeatedNames,
  withoutContentType,
  varies,
  type ExportOrigins,
  type ExportResult,
  withSecurityWarnings,
} from './portable.ts';

// @fastify/cors 11 (index.js): every request gets origin, credentials and exposed headers; a
// preflight (an OPTIONS with Origin and Access-Control-Request-Method) also gets methods,
// allowed headers (the requested ones when `allowedHeaders` is null) and max-age, then
// `optionsSuccessStatus`. `Vary: Origin` goes with any origin option that is not a string.

/** Methods the route answers: Fastify adds HEAD for GET, and the plugin owns OPTIONS. */
const ROUTE_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];

/** The server config as a Fastify app with `@fastify/cors`. */
export function exportFastify(config: ServerConfig, origins: ExportOrigins): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const problems = middlewareProblems(portable.value, '@fastify/cors');
  const { preflight, actual } = portable.value;
  if (preflight.kind !== 'answer') return { ok: false, problems };
  const { allowOrigin, allowCredentials, exposeHeaders } = actual.cors;
  const { allowMethods, allowHeaders, maxAge } = preflight.cors;
  if (
    typeof allowOrigin === 'object' &&
    'allowList' in allowOrigin &&
    allowOrigin.allowList.includes('*')
  ) {
    problems.push({
      path: 'cors.allowOrigin',
      reason:
        '@fastify/cors sends "*" to every origin when its list holds "*"; the config compares "*" as an origin',
    });
  }
  if (typeof allowCredentials === 'object') {
    problems.push({
      path: 'cors.allowCredentials',
      reason: `@fastify/cors sends Access-Control-Allow-Credentials only as "true", not "${allowCredentials.value}"`,
    });
  }
  for (const name of repeatedNames(actual.headers)) {
    problems.push({
      path: 'actual.headers',
      reason: `Fastify's reply.header() keeps one ${name} line; the config sends several`,
    });
  }
  if (withoutContentType(actual)) {
    problems.push({
      path: 'actual.body.contentType',
      reason: 'Fastify writes a Content-Type of its own for a body that has none',
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const notes: string[] = [];
  const options: [string, string][] = [];
  // `origin: false` would turn the plugin off: an empty list allows no origin.
  if (allowOrigin === undefined) options.push(['origin', '[]']);
  else if (allowOrigin === '*') options.push(['origin', jsLiteral('*')]);
  else if (allowOrigin === 'reflect') options.push(['origin', 'true']);
  else if ('allowList' in allowOrigin) options.push(['origin', jsLiteral(allowOrigin.allowList)]);
  else options.push(['origin', jsLiteral(allowOrigin.value)]);
  const sendsVaryOrigin =
    allowOrigin === undefined ||
    (typeof allowOrigin === 'object' && 'allowList' in allowOrigin) ||
    allowOrigin === 'reflect';
  if (sendsVaryOrigin && !varies(actual.cors).origin) {
    notes.push(
      '@fastify/cors sends Vary: Origin for any origin option but a string; the config leaves it out',
    );
  }
  if (allowCredentials === true) options.push(['credentials', 'true']);
  if (allowMethods === undefined) {
    notes.push(
      '@fastify/cors always sends Access-Control-Allow-Methods: an empty one here, where the config sends none (browsers read both as no methods)',
    );
  }
  options.push(['methods', jsLiteral(allowMethods === undefined ? '' : listText(allowMethods))]);
  if (allowHeaders === 'reflect') {
    if (!varies(preflight.cors).requestHeaders) {
      notes.push(
        '@fastify/cors sends Vary: Access-Control-Request-Headers when it reflects them; the config leaves it out',
      );
    }
  } else {
    if (allowHeaders === undefined) {
      notes.push(
        '@fastify/cors sends an empty Access-Control-Allow-Headers where the config sends none (browsers read both as no headers)',
      );
    }
    options.push([
      'allowedHeaders',
      jsLiteral(allowHeaders === undefined ? '' : listText(allowHeaders)),
    ]);
  }
  if (maxAge !== undefined) {
    options.push(['maxAge', typeof maxAge === 'number' ? String(maxAge) : jsLiteral(maxAge.value)]);
  }
  if (exposeHeaders !== undefined) {
    options.push(['exposedHeaders', jsLiteral(listText(exposeHeaders))]);
    notes.push(
      '@fastify/cors also sends Access-Control-Expose-Headers on the preflight, where browsers ignore it',
    );
  }
  if (preflight.status !== 204) options.push(['optionsSuccessStatus', String(preflight.status)]);

  const listen = nodeListen(origins.server);
  const code = [
    "import Fastify from 'fastify';",
    "import cors from '@fastify/cors';",
    '',
    'const app = Fastify();',
    '// Any body, of any type: the route does not read it (Fastify refuses unknown types).',
    "app.addContentTypeParser('*', (request, payload, done) => done(null));",
    `await app.register(cors, ${jsOptions(options)});`,
    '',
    'app.route({',
    `  method: ${jsLiteral(ROUTE_METHODS)},`,
    "  url: '/*',",
    '  handler: (request, reply) => {',
    `    reply.code(${actual.status});`,
    ...routeLines(actual, {
      header: (name, value) => `    reply.header(${jsLiteral(name)}, ${jsLiteral(value)});`,
      body: (text) => `    return reply.send(Buffer.from(${jsLiteral(text)}));`,
      empty: '    return reply.send();',
    }),
    '  },',
    '});',
    '',
    `const port = Number(process.env.PORT ?? ${listen.port});`,
    `await app.listen({ port, host: process.env.HOST ?? ${jsLiteral(listen.name)} });`,
    'export const server = app.server;',
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '//'), notes };
}
