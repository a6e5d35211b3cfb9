import type { HeaderLines } from '../cors-headers.ts';
import type { Cors, ServerConfig } from '../server-config.ts';
import {
  corsLineSources,
  listenAddress,
  withoutContentType,
  portableConfig,
  type ExportOrigins,
  type ExportResult,
  withSecurityWarnings,
} from './portable.ts';

// Caddy 2 (Caddyfile): `header +Name value` adds a line (so repeated names stay), a matcher
// leaves out a reflected or allow-listed origin, `respond` writes the status and body. A
// preflight (an OPTIONS with Access-Control-Request-Method) has a `handle` of its own.

/**
 * A Caddyfile token in backquotes, which keep everything as written; braces are escaped, or
 * Caddy would read them as placeholders when it writes the header or body.
 */
const token = (value: string): string => `\`${value.replace(/[{}]/g, '\\$&')}\``;

/** A regular expression matching exactly one of `texts` (RE2). */
const oneOf = (texts: readonly string[]): string =>
  `^(${texts.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

function headerDirectives(
  cors: Cors,
  extra: HeaderLines,
  allowedMatcher: string,
): { matchers: string[]; directives: string[] } {
  const matchers: string[] = [];
  const directives = corsLineSources(cors).map(([name, source]) => {
    switch (source.kind) {
      case 'fixed':
        return `header +${name} ${token(source.value)}`;
      case 'origin':
        return `header @origin +${name} {http.request.header.Origin}`;
      case 'allowList':
        matchers.push(`@${allowedMatcher} header_regexp Origin ${token(oneOf(source.origins))}`);
        return `header @${allowedMatcher} +${name} {http.request.header.Origin}`;
      case 'requestHeaders':
        return `header @requestHeaders +${name} {http.request.header.Access-Control-Request-Headers}`;
    }
  });
  return {
    matchers,
    directives: [...directives, ...extra.map(([name, value]) => `header +${name} ${token(value)}`)],
  };
}

/** The server config as a Caddyfile site, listening on the server origin's host and port. */
export function exportCaddy(config: ServerConfig, origins: ExportOrigins): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const { preflight, actual } = portable.value;
  const written = [
    ...[preflight.kind === 'answer' ? preflight.cors : {}, actual.cors].flatMap((cors) =>
      corsLineSources(cors).flatMap(([, source]) =>
        source.kind === 'fixed'
          ? [source.value]
          : source.kind === 'allowList'
            ? source.origins
            : [],
      ),
    ),
    ...(preflight.kind === 'answer' ? preflight.headers : []).map(([, value]) => value),
    ...actual.headers.map(([, value]) => value),
    ...(actual.body === undefined ? [] : [actual.body.text]),
  ];
  if (withoutContentType(actual)) {
    return {
      ok: false,
      problems: [
        {
          path: 'actual.body.contentType',
          reason: "Caddy (Go's net/http) writes a Content-Type of its own for a body that has none",
        },
      ],
    };
  }
  if (written.some((value) => value.includes('`'))) {
    return {
      ok: false,
      problems: [
        {
          path: '(values holding "`")',
          reason: 'a Caddyfile token cannot hold a backquote and every other byte as written',
        },
      ],
    };
  }

  const actualPart = headerDirectives(actual.cors, actual.headers, 'allowedOrigin');
  const preflightPart =
    preflight.kind === 'answer'
      ? headerDirectives(preflight.cors, preflight.headers, 'preflightAllowedOrigin')
      : undefined;
  const { host, port } = listenAddress(origins.server);
  const { body } = actual;
  const tab = (lines: string[], depth: number) =>
    lines.map((line) => `${'\t'.repeat(depth)}${line}`);
  const code = [
    '{',
    '\tadmin off',
    '\tauto_https off',
    '}',
    '',
    `http://:${port} {`,
    `\tbind ${host}`,
    ...(preflight.kind === 'answer'
      ? [
          '\t@preflight {',
          '\t\tmethod OPTIONS',
          '\t\theader Access-Control-Request-Method *',
          '\t}',
        ]
      : []),
    '\t@origin header Origin *',
    '\t@requestHeaders header Access-Control-Request-Headers *',
    ...tab([...(preflightPart?.matchers ?? []), ...actualPart.matchers], 1),
    '',
    ...(preflightPart !== undefined && preflight.kind === 'answer'
      ? [
          '\thandle @preflight {',
          ...tab(preflightPart.directives, 2),
          `\t\trespond ${preflight.status}`,
          '\t}',
          '',
        ]
      : ['\t# No OPTIONS handler: a preflight gets the same answer as any other request.']),
    '\thandle {',
    ...tab(actualPart.directives, 2),
    ...(body === undefined
      ? [`\t\trespond ${actual.status}`]
      : [
          ...(body.contentType === undefined
            ? []
            : [`\t\theader Content-Type ${token(body.contentType)}`]),
          `\t\trespond ${token(body.text)} ${actual.status}`,
        ]),
    '\t}',
    '}',
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '#'), notes: [] };
}
