import {
  corsHeadersFor,
  effectiveCors,
  type HeaderLines,
  type IncomingRequest,
} from '../../../scenario/cors-headers.ts';
import { resolvePlaceholders } from '../../../scenario/config-placeholders.ts';
import type {
  RawResponseConfig,
  ServerConfig,
  TargetRef,
} from '../../../scenario/server-config.ts';
import {
  actualBodyText,
  actualTailLines,
  hasNoContent,
  isFramed,
  preflightAnswerLines,
  reasonPhrase,
  redirectLines,
} from '../../../scenario/response-parts.ts';

// The target (mock-server/response-plan.ts) writes these responses from the same parts: the
// CORS lines from corsHeadersFor, the rest from scenario/response-parts.ts.

/** A response as the target will write it, with what a reader should know about it. */
export interface ResponsePreview {
  status: number;
  reason: string;
  headers: HeaderLines;
  /** Bytes, one per character (as a raw response's body). */
  body: string;
  notes: string[];
  /** The raw editor's response replaces the computed one. */
  raw: boolean;
}

export const TARGET_LABELS: Readonly<Record<TargetRef, string>> = {
  sameSite: 'the same-site target',
  crossSite: 'the cross-site target',
  second: 'the second target',
};

/** Text as its UTF-8 bytes, one character per byte: how a raw body holds text. */
export function utf8Bytes(text: string): string {
  let bytes = '';
  for (const byte of new TextEncoder().encode(text)) bytes += String.fromCharCode(byte);
  return bytes;
}

/**
 * The config as the target writes it for a request from the page, placeholders replaced.
 * `{{target}}` is kept as written: it stands for whichever target a request is sent to.
 */
export function configAsWritten(config: ServerConfig, pageOrigin: string): ServerConfig {
  return resolvePlaceholders(config, {
    origin: pageOrigin,
    target: '{{target}}',
    requestOrigin: pageOrigin,
  });
}

const HOP_CORS: Readonly<Record<string, string>> = {
  true: 'with CORS headers',
  false: 'without CORS headers',
};

const RAW_NOTE =
  'Raw mode: the target writes exactly this response, and none of the settings above apply to it.';

function rawPreview(raw: RawResponseConfig): ResponsePreview {
  return {
    status: raw.status,
    reason: raw.reason,
    headers: raw.headers,
    body: raw.body,
    notes: [
      RAW_NOTE,
      ...(isFramed(raw.headers)
        ? []
        : ['Without Content-Length, the body ends when the target closes.']),
    ],
    raw: true,
  };
}

function corsNotes(config: ServerConfig, kind: 'preflight' | 'actual', request: IncomingRequest) {
  const cors = effectiveCors(config, kind);
  const notes: string[] = [];
  const { allowOrigin } = cors;
  if (
    typeof allowOrigin === 'object' &&
    'allowList' in allowOrigin &&
    !allowOrigin.allowList.includes(request.origin ?? '')
  ) {
    notes.push(
      `${request.origin ?? 'This origin'} is not on the allow-list, so no Access-Control-Allow-Origin.`,
    );
  }
  if (kind === 'preflight' && cors.allowHeaders === 'reflect' && !request.requestHeaders) {
    notes.push(
      'Access-Control-Allow-Headers echoes Access-Control-Request-Headers, which this request does not carry.',
    );
  }
  return notes;
}

/** What comes before the actual response: its redirect hops, if any. */
function hopsNote(actual: ServerConfig['actual']): string[] {
  if (actual.redirects.length === 0) return [];
  const hops = actual.redirects
    .map(
      (hop) =>
        `${hop.status} to ${TARGET_LABELS[hop.to]} (${hop.raw === undefined ? (HOP_CORS[String(hop.cors)] ?? 'with its own CORS headers') : 'in raw lines'})`,
    )
    .join(', then ');
  return [`First the redirects: ${hops}. The request after the last one gets this.`];
}

/** The actual response (also what a preflight gets when OPTIONS falls through). */
export function previewActual(config: ServerConfig, request: IncomingRequest): ResponsePreview {
  const { actual } = config;
  if (config.raw?.actual !== undefined) {
    const raw = rawPreview(config.raw.actual);
    return { ...raw, notes: [...hopsNote(actual), ...raw.notes] };
  }
  const body = hasNoContent(actual.status) ? '' : utf8Bytes(actualBodyText(actual));
  const headers = [
    ...corsHeadersFor(config, 'actual', request),
    ...actualTailLines(actual, body.length),
  ];
  const notes = [...hopsNote(actual), ...corsNotes(config, 'actual', request)];
  if (actual.delayMs > 0) notes.push(`Written after a ${actual.delayMs} ms wait.`);
  const status = actual.status;
  return { status, reason: reasonPhrase(status), headers, body, notes, raw: false };
}

/** The answer to a preflight. */
export function previewPreflight(config: ServerConfig, request: IncomingRequest): ResponsePreview {
  if (config.raw?.preflight !== undefined) return rawPreview(config.raw.preflight);
  const { handling, headers: extra } = config.preflight;
  switch (handling.kind) {
    case 'fallthrough': {
      const actual = previewActual(config, request);
      return {
        ...actual,
        notes: [
          'No OPTIONS handler: the preflight reaches the route and gets the actual response.',
          ...actual.notes,
        ],
      };
    }
    case 'redirect':
      return {
        status: handling.status,
        reason: reasonPhrase(handling.status),
        body: '',
        headers: redirectLines(
          corsHeadersFor(config, 'preflight', request),
          extra,
          `(${TARGET_LABELS[handling.to]})/s/…/_hop/0/…`,
        ),
        notes: [
          'A redirect: browsers never follow one for a preflight, so the request fails.',
          ...corsNotes(config, 'preflight', request),
        ],
        raw: false,
      };
    case 'answer': {
      return {
        status: handling.status,
        reason: reasonPhrase(handling.status),
        headers: preflightAnswerLines(
          handling.status,
          corsHeadersFor(config, 'preflight', request),
          extra,
        ),
        body: '',
        notes: corsNotes(config, 'preflight', request),
        raw: false,
      };
    }
  }
}
