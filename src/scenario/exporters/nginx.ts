import { isRedirectStatus } from '../../cors/response.ts';
import type { HeaderLines } from '../cors-headers.ts';
import type { Cors, ServerConfig } from '../server-config.ts';
import {
  corsLineSources,
  listenAddress,
  portableConfig,
  type ExportOrigins,
  type ExportProblem,
  type ExportResult,
  withSecurityWarnings,
} from './portable.ts';

// nginx (ngx_http_headers_module, ngx_http_rewrite_module, ngx_http_map_module): `add_header
// ... always` writes each line on any status, and leaves out a line whose value is empty,
// which is how a reflected or allow-listed origin is left out. A preflight (an OPTIONS with
// Access-Control-Request-Method) goes to a named location of its own, so it never inherits
// the route's lines.

/** An nginx string: in double quotes, where only `"` and `\` need escaping. */
const quoted = (value: string): string => `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;

/** A regular expression matching exactly `text` (PCRE). */
const exactly = (text: string): string => `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/** The `map` giving the origin to send back when it is in the list, else "". */
function allowListMap(variable: string, origins: readonly string[]): string[] {
  return [
    `map $http_origin ${variable} {`,
    '    default "";',
    ...origins.map((origin) => `    ${quoted(`~${exactly(origin)}`)} $http_origin;`),
    '}',
  ];
}

function headerDirectives(cors: Cors, extra: HeaderLines, originVariable: string): string[] {
  const lines = corsLineSources(cors).map(([name, source]) => {
    switch (source.kind) {
      case 'fixed':
        return `add_header ${name} ${quoted(source.value)} always;`;
      case 'origin':
        return `add_header ${name} $http_origin always;`;
      case 'allowList':
        return `add_header ${name} ${originVariable} always;`;
      case 'requestHeaders':
        return `add_header ${name} $http_access_control_request_headers always;`;
    }
  });
  return [...lines, ...extra.map(([name, value]) => `add_header ${name} ${quoted(value)} always;`)];
}

/** Every value the config writes into nginx.conf. */
function writtenValues(cors: Cors[], extra: HeaderLines, body: string | undefined): string[] {
  return [
    ...cors.flatMap((each) =>
      corsLineSources(each).flatMap(([, source]) =>
        source.kind === 'fixed'
          ? [source.value]
          : source.kind === 'allowList'
            ? source.origins
            : [],
      ),
    ),
    ...extra.map(([, value]) => value),
    ...(body === undefined ? [] : [body]),
  ];
}

/**
 * The server config as an nginx `server` block and the `map`s it reads (both belong in the
 * `http` block), listening on the server origin's host and port.
 */
export function exportNginx(config: ServerConfig, origins: ExportOrigins): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const { preflight, actual } = portable.value;
  const problems: ExportProblem[] = [];
  const preflightParts =
    preflight.kind === 'answer'
      ? { cors: [preflight.cors], extra: preflight.headers }
      : { cors: [], extra: [] };
  const values = writtenValues(
    [...preflightParts.cors, actual.cors],
    [...preflightParts.extra, ...actual.headers],
    actual.body?.text,
  );
  if (values.some((value) => value.includes('$'))) {
    problems.push({
      path: '(values holding "$")',
      reason: 'nginx reads "$" in a string as the start of a variable, and has no escape for it',
    });
  }
  if (isRedirectStatus(actual.status)) {
    problems.push({
      path: 'actual.status',
      reason: `nginx's return ${actual.status} takes a Location to redirect to; the config sends none`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const maps: string[] = [];
  if (preflight.kind === 'answer') {
    for (const [, source] of corsLineSources(preflight.cors)) {
      if (source.kind === 'allowList')
        maps.push(...allowListMap('$cors_preflight_origin', source.origins), '');
    }
  }
  for (const [, source] of corsLineSources(actual.cors)) {
    if (source.kind === 'allowList') maps.push(...allowListMap('$cors_origin', source.origins), '');
  }
  const indent = (lines: string[], depth: number) =>
    lines.map((line) => `${'    '.repeat(depth)}${line}`);
  const { body } = actual;
  const code = [
    ...(preflight.kind === 'answer'
      ? [
          'map "$request_method:$http_access_control_request_method" $cors_preflight {',
          '    default 0;',
          '    "~^OPTIONS:." 1;',
          '}',
          '',
        ]
      : []),
    ...maps,
    'server {',
    `    listen ${listenAddress(origins.server).hostPort};`,
    '',
    '    location / {',
    ...(preflight.kind === 'answer'
      ? [
          '        # A preflight is answered by @preflight (a status nginx never sends itself leads there).',
          '        error_page 599 = @preflight;',
          '        if ($cors_preflight) {',
          '            return 599;',
          '        }',
        ]
      : ['        # No OPTIONS handler: a preflight gets the same answer as any other request.']),
    ...indent(headerDirectives(actual.cors, actual.headers, '$cors_origin'), 2),
    ...(body === undefined
      ? [`        return ${actual.status};`]
      : [
          // An empty default_type writes no Content-Type line.
          `        default_type ${quoted(body.contentType ?? '')};`,
          `        return ${actual.status} ${quoted(body.text)};`,
        ]),
    '    }',
    ...(preflight.kind === 'answer'
      ? [
          '',
          '    location @preflight {',
          ...indent(
            headerDirectives(preflight.cors, preflight.headers, '$cors_preflight_origin'),
            2,
          ),
          // `return` with text, even empty, so that nginx sends no error page of its own.
          `        return ${preflight.status}${preflight.status === 204 ? '' : ' ""'};`,
          '    }',
        ]
      : []),
    '}',
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '#'), notes: [] };
}
