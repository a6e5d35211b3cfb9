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

// Apache httpd 2.4 (mod_headers, mod_rewrite): `Header always add` writes each line on any
// status, inside an `<If>` that tells the preflight (an OPTIONS with
// Access-Control-Request-Method) from the rest; mod_rewrite answers with the status
// (`[R=status]`), and `ErrorDocument` gives that status its body. The conditions read request
// headers with req_novary(), so Apache adds no Vary of its own.

const PREFLIGHT =
  "%{REQUEST_METHOD} == 'OPTIONS' && -n req_novary('Access-Control-Request-Method')";

/** An Apache directive argument in double quotes; mod_headers reads `%` as a format. */
const quoted = (value: string): string =>
  `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/%/g, '%%')}"`;

/** An ap_expr string, in single quotes. */
const exprString = (value: string): string => `'${value.replace(/[\\']/g, (char) => `\\${char}`)}'`;

function headerDirectives(cors: Cors, extra: HeaderLines): string[] {
  const lines = corsLineSources(cors).flatMap(([name, source]) => {
    switch (source.kind) {
      case 'fixed':
        return [`Header always add ${name} ${quoted(source.value)}`];
      case 'origin':
        return [
          '<If "-n req_novary(\'Origin\')">',
          `    Header always add ${name} "expr=%{req_novary:Origin}"`,
          '</If>',
        ];
      case 'allowList':
        return [
          `<If "req_novary('Origin') in { ${source.origins.map(exprString).join(', ')} }">`,
          `    Header always add ${name} "expr=%{req_novary:Origin}"`,
          '</If>',
        ];
      case 'requestHeaders':
        return [
          '<If "-n req_novary(\'Access-Control-Request-Headers\')">',
          `    Header always add ${name} "expr=%{req_novary:Access-Control-Request-Headers}"`,
          '</If>',
        ];
    }
  });
  return [...lines, ...extra.map(([name, value]) => `Header always add ${name} ${quoted(value)}`)];
}

const indent = (lines: string[]): string[] => lines.map((line) => `    ${line}`);

/**
 * The server config as an Apache virtual host, listening on the server origin's host and
 * port (mod_headers and mod_rewrite enabled).
 */
export function exportApache(config: ServerConfig, origins: ExportOrigins): ExportResult {
  const portable = portableConfig(config, origins);
  if (!portable.ok) return portable;
  const { preflight, actual } = portable.value;
  const problems: ExportProblem[] = [];
  const notes: string[] = [];
  if (isRedirectStatus(actual.status)) {
    problems.push({
      path: 'actual.status',
      reason: `mod_rewrite's R=${actual.status} redirects to a Location; the config sends none`,
    });
  }
  // ErrorDocument's text is one line: a final line break is left out, others cannot be.
  const bodyText = actual.body?.text.replace(/\r?\n$/, '');
  if (bodyText !== undefined && /[\r\n]/.test(bodyText)) {
    problems.push({
      path: 'actual.body.text',
      reason: "Apache's ErrorDocument text is one line; the body holds line breaks",
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (bodyText !== actual.body?.text) {
    notes.push("the body's final line break is left out: Apache's ErrorDocument text is one line");
  }
  if (preflight.kind === 'answer' && preflight.status !== 204) {
    notes.push(`the preflight's ${preflight.status} carries Apache's own page as its body`);
  }

  const address = listenAddress(origins.server).hostPort;
  const body = actual.body;
  const actualPart = [
    // ErrorDocument's own text/html goes first, so the config's lines (or none) stand alone.
    ...(body === undefined ? [] : ['Header always unset Content-Type']),
    ...headerDirectives(actual.cors, actual.headers),
    ...(body === undefined || bodyText === undefined
      ? []
      : [
          ...(body.contentType === undefined
            ? []
            : [`Header always set Content-Type ${quoted(body.contentType)}`]),
          `ErrorDocument ${actual.status} ${quoted(bodyText).replace(/%%/g, '%')}`,
        ]),
  ];
  const code = [
    `Listen ${address}`,
    `<VirtualHost ${address}>`,
    '    RewriteEngine On',
    ...(preflight.kind === 'answer'
      ? [
          '    # A preflight: an OPTIONS with Access-Control-Request-Method.',
          `    RewriteCond expr "${PREFLIGHT}"`,
          `    RewriteRule ^ - [R=${preflight.status},L]`,
        ]
      : ['    # No OPTIONS handler: a preflight gets the same answer as any other request.']),
    `    RewriteRule ^ - [R=${actual.status},L]`,
    '',
    ...(preflight.kind === 'answer'
      ? [
          `    <If "${PREFLIGHT}">`,
          ...indent(indent(headerDirectives(preflight.cors, preflight.headers))),
          '    </If>',
          '    <Else>',
          ...indent(indent(actualPart)),
          '    </Else>',
        ]
      : indent(actualPart)),
    '</VirtualHost>',
    '',
  ].join('\n');
  return { ok: true, code: withSecurityWarnings(config, code, '#'), notes };
}
