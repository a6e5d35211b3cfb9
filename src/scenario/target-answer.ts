import type { WireResponse } from '../cors/response.ts';
import {
  compileCors,
  corsHeadersFor,
  hopCors,
  type HeaderLines,
  type IncomingRequest,
} from './cors-headers.ts';
import { hopRawLines, resolvePlaceholders } from './config-placeholders.ts';
import type { PlaceholderValues } from './placeholders.ts';
import { hopUrl, type TargetRoute } from './request-url.ts';
import {
  actualBodyText,
  actualTailLines,
  hasNoContent,
  preflightAnswerLines,
  redirectLines,
} from './response-parts.ts';
import type { ServerConfig, TargetRef } from './server-config.ts';

// The target (mock-server/response-plan.ts) writes its answers from these same parts; this
// lays them out as it does, so the prediction meets the responses the target would send.

/** One request as the target sees it, for what its answer depends on. */
export interface TargetRequest extends IncomingRequest {
  /** A CORS preflight: `OPTIONS` with `Access-Control-Request-Method`. */
  preflight: boolean;
  route: TargetRoute;
  /** The page's origin, which `{{origin}}` stands for. */
  pageOrigin: string;
  /** The origin the request was sent to, which `{{target}}` stands for. */
  targetOrigin: string;
}

/** The origin each target is reached at. */
export type TargetOrigins = Readonly<Record<TargetRef, string>>;

/** How many bytes `text` takes in UTF-8 (the model's lib has no TextEncoder). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function placeholderValues(request: TargetRequest): PlaceholderValues {
  return {
    origin: request.pageOrigin,
    target: request.targetOrigin,
    requestOrigin: request.origin,
  };
}

function redirect(
  status: number,
  location: string,
  cors: HeaderLines,
  extra: HeaderLines = [],
): WireResponse {
  return { status, headers: redirectLines(cors, extra, location) };
}

function actualAnswer(
  config: ServerConfig,
  request: TargetRequest,
  origins: TargetOrigins,
): WireResponse {
  const { actual } = config;
  const hop = actual.redirects[request.route.hop];
  if (hop !== undefined) {
    const location = hopUrl(origins[hop.to], request.route, request.route.hop + 1);
    if (hop.raw !== undefined) {
      const headers = hopRawLines(hop.raw.headers, placeholderValues(request), location);
      return { status: hop.status, headers };
    }
    return redirect(
      hop.status,
      location,
      [...compileCors(hopCors(config, hop))(request)],
      hop.headers,
    );
  }
  if (config.raw?.actual !== undefined) return config.raw.actual;
  const bodyBytes = hasNoContent(actual.status) ? 0 : utf8Length(actualBodyText(actual));
  return {
    status: actual.status,
    headers: [...corsHeadersFor(config, 'actual', request), ...actualTailLines(actual, bodyBytes)],
  };
}

/** The status and header lines the target answers `request` with under `config`. */
export function targetAnswer(
  withPlaceholders: ServerConfig,
  request: TargetRequest,
  origins: TargetOrigins,
): WireResponse {
  const config = resolvePlaceholders(withPlaceholders, placeholderValues(request));
  if (!request.preflight) return actualAnswer(config, request, origins);
  if (config.raw?.preflight !== undefined) return config.raw.preflight;
  const { handling, headers } = config.preflight;
  const cors = corsHeadersFor(config, 'preflight', request);
  switch (handling.kind) {
    case 'fallthrough':
      return actualAnswer(config, request, origins);
    case 'redirect':
      return redirect(
        handling.status,
        hopUrl(origins[handling.to], request.route, request.route.hop),
        cors,
        headers,
      );
    case 'answer':
      return {
        status: handling.status,
        headers: preflightAnswerLines(handling.status, cors, headers),
      };
  }
}
