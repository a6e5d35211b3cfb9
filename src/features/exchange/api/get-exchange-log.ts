import { api } from '../../../lib/api-client.ts';
import type { ExchangeLogPage } from '../../../scenario/control-api.ts';

/** The session's log entries with `seq` greater than `after` (all of them when 0). */
export const getExchangeLog = (sessionId: string, after = 0): Promise<ExchangeLogPage> =>
  api<ExchangeLogPage>(`/sessions/${encodeURIComponent(sessionId)}/log?after=${after}`);
