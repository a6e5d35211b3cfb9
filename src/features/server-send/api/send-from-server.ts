import { api } from '../../../lib/api-client.ts';
import type { ServerSendRequest, ServerSendResult } from '../../../scenario/control-api.ts';

/** Has the playground server send a request from Node, where no CORS applies. */
export const sendFromServer = (
  sessionId: string,
  request: ServerSendRequest,
): Promise<ServerSendResult> =>
  api<ServerSendResult>(`/sessions/${encodeURIComponent(sessionId)}/send`, {
    method: 'POST',
    body: request,
  });
