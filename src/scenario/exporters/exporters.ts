import type { ServerConfig } from '../server-config.ts';
import { exportApache } from './apache.ts';
import { exportCaddy } from './caddy.ts';
import { exportExpress } from './express.ts';
import { exportFastify } from './fastify.ts';
import { exportHono } from './hono.ts';
import { exportNginx } from './nginx.ts';
import { exportNodeHttp } from './node-http.ts';
import type { ExportOrigins, ExportResult } from './portable.ts';

/** Each server the config can be exported to: its name, what it is, and the exporter. */
export const EXPORTERS = {
  express: { title: 'Express (cors)', file: 'server.mjs', exporter: exportExpress },
  fastify: { title: 'Fastify (@fastify/cors)', file: 'server.mjs', exporter: exportFastify },
  hono: { title: 'Hono (cors())', file: 'server.mjs', exporter: exportHono },
  node: { title: 'node:http', file: 'server.mjs', exporter: exportNodeHttp },
  nginx: { title: 'nginx', file: 'cors.conf', exporter: exportNginx },
  apache: { title: 'Apache (mod_headers)', file: 'cors-site.conf', exporter: exportApache },
  caddy: { title: 'Caddy', file: 'Caddyfile', exporter: exportCaddy },
} as const satisfies Record<
  string,
  {
    title: string;
    file: string;
    exporter: (config: ServerConfig, origins: ExportOrigins) => ExportResult;
  }
>;

export type ExportTarget = keyof typeof EXPORTERS;

export const EXPORT_TARGETS = Object.keys(EXPORTERS) as ExportTarget[];
