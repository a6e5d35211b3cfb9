import type { HeaderLines } from '../cors-headers.ts';
import { hasNoContent } from '../response-parts.ts';
import type { Cors, ServerConfig } from '../server-config.ts';
import { jsLiteral, nodeListen } from './js-code.ts';
import {
  corsLineSources,
  portableConfig,
  type ExportOrigins,
  type ExportProblem,
  type ExportResult,
  withSecurityWarnings,
} from './portable.ts';

// A plain node:http handler writes the target's lines exactly, in its order, through
// writeHead's raw array form (which keeps case and duplicates).

// What writeHead accepts in a header value (node's checkInvalidHeaderChar).
const NODE_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Statements that fill `lines` with one response's CORS header lines. */
function corsStatements(cors: Cors): string[] {
  return corsLineSources(cors).map(([name, source]) => {
    switch (source.kind) {
      case 'fixed':
        return `  lines.push(${jsLiteral(name)}, ${jsLiteral(source.value)});`;
      case 'origin':
        return `  if (origin !== undefined) lines.push(${jsLiteral(name)}, origin);`;
      case 'allowList':
        return `  if (origin !== undefined && ${jsLiteral(source.origins)}.includes(origin)) lines.push(${jsLiteral(name)}, origin);`;
      case 'requestHeaders':
        return `  if (requested !== undefined) lines.push(${jsLiteral(name)}, requested);`;
    }
  });
}

function corsFunction(name: string, cors: Cors): string[] {
  const statements = corsStatements(cors);
  const uses = (variable: string) => statements.some((line) => line.includes(`(${variable} !==`));
  return [
    `function ${name}(request) {`,
    '  const lines = [];',
    ...(uses('origin') ? ['  const origin = request.headers.origin;'] : []),
    ...(uses('requested')
      ? ["  const requested = request.headers['access-control-request-headers'];"]
      : []),
    ...statements,
    '  return lines;',
    '}',
  ];
}

const flat = (lines: HeaderLines): string =>
  lines.map(([name, value]) => `${jsLiteral(name)}, ${jsLiteral(value)}`).join(', ');

/** The server config as a node:http server. */
export function exportNodeHttp(config: ServerConfig, origins: ExportOrigins): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const { preflight, actual } = portable.value;
  const problems: ExportProblem[] = [];
  const values = [
    ...(preflight.kind === 'answer' ? preflight.headers : []),
    ...actual.headers,
    ...[preflight.kind === 'answer' ? preflight.cors : {}, actual.cors].flatMap((cors) =>
      corsLineSources(cors).flatMap(([name, source]) =>
        source.kind === 'fixed' ? [[name, source.value] as [string, string]] : [],
      ),
    ),
  ];
  for (const [name, value] of values) {
    if (!NODE_HEADER_VALUE.test(value)) {
      problems.push({
        path: name,
        reason: `node:http refuses to write the ${name} value, which holds a control character`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const preflightBranch =
    preflight.kind === 'answer'
      ? [
          "  if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {",
          `    response.writeHead(${preflight.status}, [...preflightCors(request)${preflight.headers.length > 0 ? `, ${flat(preflight.headers)}` : ''}${hasNoContent(preflight.status) ? '' : ", 'Content-Length', '0'"}]);`,
          '    response.end();',
          '    return;',
          '  }',
        ]
      : ['  // No OPTIONS handler: a preflight gets the same answer as any other request.'];
  const { body } = actual;
  const actualTail =
    body === undefined
      ? [
          `  response.writeHead(${actual.status}, [...actualCors(request)${actual.headers.length > 0 ? `, ${flat(actual.headers)}` : ''}]);`,
          '  response.end();',
        ]
      : [
          `  const body = ${jsLiteral(body.text)};`,
          `  response.writeHead(${actual.status}, [`,
          '    ...actualCors(request),',
          ...actual.headers.map(([name, value]) => `    ${jsLiteral(name)}, ${jsLiteral(value)},`),
          ...(body.contentType === undefined
            ? []
            : [`    'Content-Type', ${jsLiteral(body.contentType)},`]),
          "    'Content-Length', String(Buffer.byteLength(body)),",
          '  ]);',
          '  response.end(body);',
        ];

  const listen = nodeListen(origins.server);
  const code = [
    "import { createServer } from 'node:http';",
    '',
    ...(preflight.kind === 'answer' ? [...corsFunction('preflightCors', preflight.cors), ''] : []),
    ...corsFunction('actualCors', actual.cors),
    '',
    'export const server = createServer((request, response) => {',
    ...preflightBranch,
    ...actualTail,
    '});',
    `server.listen(Number(process.env.PORT ?? ${listen.port}), process.env.HOST ?? ${jsLiteral(listen.name)});`,
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '//'), notes: [] };
}
