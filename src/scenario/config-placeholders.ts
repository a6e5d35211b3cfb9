// The placeholders of a whole server config: which it uses, and the config as the target
// writes it for one request. Apart from the placeholders' own grammar (placeholders.ts), which
// the config's validation reads.
import type { HeaderLines } from './cors-headers.ts';
import {
  placeholdersOf,
  substitutePlaceholders,
  type Placeholder,
  type PlaceholderValues,
} from './placeholders.ts';
import type { ServerConfig } from './server-config.ts';

type Substitute = (value: string) => string | undefined;

function linesWith(lines: HeaderLines, substitute: Substitute): HeaderLines {
  return lines.flatMap(([name, value]) => {
    const written = substitute(value);
    return written === undefined ? [] : [[name, written] as [string, string]];
  });
}

/**
 * A CORS settings object with its literal values and allow-list entries substituted. A value
 * that is not sent becomes `absent`: `undefined` in the shared settings, `null` (not sent
 * here) in a response's overrides.
 */
function corsWith<T extends object>(cors: T, substitute: Substitute, absent: null | undefined): T {
  const result: Record<string, unknown> = { ...(cors as Record<string, unknown>) };
  for (const [field, setting] of Object.entries(cors) as [string, unknown][]) {
    if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) continue;
    if ('value' in setting && typeof setting.value === 'string') {
      const written = substitute(setting.value);
      result[field] = written === undefined ? absent : { value: written };
    } else if ('allowList' in setting && Array.isArray(setting.allowList)) {
      result[field] = {
        allowList: (setting.allowList as string[]).flatMap((origin) => {
          const written = substitute(origin);
          return written === undefined ? [] : [written];
        }),
      };
    }
  }
  return result as T;
}

/**
 * A redirect hop's raw lines as written for one request, `{{location}}` being the URL it
 * redirects to. They are left out of the config-wide passes below: a hop's answer is built
 * per request anyway, since its Location carries the request's path.
 */
export function hopRawLines(
  lines: HeaderLines,
  values: PlaceholderValues,
  location: string,
): HeaderLines {
  return linesWith(lines, (value) => substitutePlaceholders(value, { ...values, location }));
}

/** Applies `substitute` to every value of the config that may hold placeholders. */
function mapPlaceholderValues(config: ServerConfig, substitute: Substitute): ServerConfig {
  const raw = config.raw;
  return {
    ...config,
    cors: corsWith(config.cors, substitute, undefined),
    preflight: {
      ...config.preflight,
      cors: corsWith(config.preflight.cors, substitute, null),
      headers: linesWith(config.preflight.headers, substitute),
    },
    actual: {
      ...config.actual,
      cors: corsWith(config.actual.cors, substitute, null),
      headers: linesWith(config.actual.headers, substitute),
      redirects: config.actual.redirects.map((hop) => ({
        ...hop,
        cors: typeof hop.cors === 'boolean' ? hop.cors : corsWith(hop.cors, substitute, undefined),
        headers: linesWith(hop.headers, substitute),
      })),
    },
    ...(raw === undefined
      ? {}
      : {
          raw: {
            ...(raw.preflight === undefined
              ? {}
              : {
                  preflight: {
                    ...raw.preflight,
                    headers: linesWith(raw.preflight.headers, substitute),
                  },
                }),
            ...(raw.actual === undefined
              ? {}
              : { actual: { ...raw.actual, headers: linesWith(raw.actual.headers, substitute) } }),
          },
        }),
  };
}

/** The placeholders a config uses anywhere. */
export function placeholdersIn(config: ServerConfig): ReadonlySet<Placeholder> {
  const used = new Set<Placeholder>();
  mapPlaceholderValues(config, (value) => {
    for (const placeholder of placeholdersOf(value)) used.add(placeholder);
    return value;
  });
  return used;
}

/** The config as the target writes it for one request: every placeholder replaced. */
export function resolvePlaceholders(config: ServerConfig, values: PlaceholderValues): ServerConfig {
  return mapPlaceholderValues(config, (value) => substitutePlaceholders(value, values));
}
