import { corsHeadersFor, type ResponseKind } from '../../../scenario/cors-headers.ts';
import type { Cors, ServerConfig } from '../../../scenario/server-config.ts';

/** A shared value in a few words. */
function describeValue(value: Cors[keyof Cors]): string {
  if (value === undefined) return 'not sent';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value !== 'object') return String(value);
  if ('allowList' in value) return `the allow-list ${value.allowList.join(', ')}`;
  return `the literal “${value.value}”`;
}

/**
 * What an override left on "Same as shared" sends on this response. Vary's auto is a rule
 * applied to this response's own settings, so the hint says which line it writes here (as
 * the preview shows), not the shared setting alone.
 */
export function sharedHint(config: ServerConfig, kind: ResponseKind, field: keyof Cors): string {
  if (field !== 'vary') return `Shared: ${describeValue(config.cors[field])}.`;
  if (config.cors.vary === 'off') return 'Shared: off, so no Vary is sent.';
  // Vary's names do not depend on the request's values, only on what the lines read.
  const vary = corsHeadersFor(config, kind, { origin: undefined }).find(
    ([name]) => name === 'Vary',
  );
  return vary === undefined
    ? 'Shared: auto, which sends no Vary here (nothing in this response depends on the request).'
    : `Shared: auto, which sends Vary: ${vary[1]} here.`;
}
