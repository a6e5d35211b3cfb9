import { targetOriginsOf } from '../../../lib/target-url.ts';
import type { SessionInfo, ServerSendRequest } from '../../../scenario/control-api.ts';
import type { OutgoingRequest } from '../../../scenario/outgoing-request.ts';
import { parseTargetRoute } from '../../../scenario/request-url.ts';
import type { TargetRef } from '../../../scenario/server-config.ts';

/**
 * The control API's send for a request the browser made. Node can reach only the session's
 * targets: a request to the page's own origin goes to the same-site target, whose routes
 * answer alike (the app origin serves them to fetch() alone).
 */
export function serverSendOf(request: OutgoingRequest, session: SessionInfo): ServerSendRequest {
  const url = new URL(request.url);
  const origins = targetOriginsOf(session);
  const target =
    (Object.keys(origins) as TargetRef[]).find((ref) => origins[ref] === url.origin) ?? 'sameSite';
  const rest = parseTargetRoute(`${url.pathname}${url.search}`)?.rest ?? '';
  return {
    target,
    method: request.method,
    path: rest === '' ? '/' : rest,
    headers: request.headers.map(([name, value]) => [name, value]),
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}
