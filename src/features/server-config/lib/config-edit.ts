import type { Cors, ServerConfig } from '../../../scenario/server-config.ts';

/** Where a CORS field lives: the shared settings, or one response's overrides. */
export type CorsScope = 'shared' | 'preflight' | 'actual';

/** The fields each scope can set (each header belongs to one response, or both). */
export const CORS_FIELDS = {
  shared: [
    'allowOrigin',
    'allowCredentials',
    'allowMethods',
    'allowHeaders',
    'exposeHeaders',
    'maxAge',
    'vary',
  ],
  preflight: ['allowOrigin', 'allowCredentials', 'allowMethods', 'allowHeaders', 'maxAge', 'vary'],
  actual: ['allowOrigin', 'allowCredentials', 'exposeHeaders', 'vary'],
} as const satisfies Record<CorsScope, readonly (keyof Cors)[]>;

export const HEADER_NAMES: Readonly<Record<keyof Cors, string>> = {
  allowOrigin: 'Access-Control-Allow-Origin',
  allowCredentials: 'Access-Control-Allow-Credentials',
  allowMethods: 'Access-Control-Allow-Methods',
  allowHeaders: 'Access-Control-Allow-Headers',
  exposeHeaders: 'Access-Control-Expose-Headers',
  maxAge: 'Access-Control-Max-Age',
  vary: 'Vary',
};

/** The config path of a field, as parseServerConfig names it in its issues. */
export function corsPath(scope: CorsScope, field: keyof Cors): string {
  return scope === 'shared' ? `cors.${field}` : `${scope}.cors.${field}`;
}

/** A field's value: in an override, `undefined` = the shared value and `null` = not sent. */
export function corsValue(config: ServerConfig, scope: CorsScope, field: keyof Cors): unknown {
  const holder: Record<string, unknown> = scope === 'shared' ? config.cors : config[scope].cors;
  return holder[field];
}

/** Sets a field in place (on a draft); `undefined` leaves it out, `null` sends nothing. */
export function setCorsValue(
  config: ServerConfig,
  scope: CorsScope,
  field: keyof Cors,
  value: unknown,
): void {
  const holder: Record<string, unknown> = scope === 'shared' ? config.cors : config[scope].cors;
  // In the shared settings a header not sent is simply left out.
  if (value === undefined || (value === null && scope === 'shared'))
    Reflect.deleteProperty(holder, field);
  else holder[field] = value;
}
