import {
  expectationsOf,
  expectationsRefusal,
  sameValue,
  type PlaygroundState,
} from '../scenario/scenario-file.ts';
import { judgeOnce } from '../scenario/judge.ts';
import type { Expectation } from '../scenario/scenario.ts';
import { serverChangeAfter } from './server-changes-slice.ts';
import { useStore } from './store.ts';

/**
 * The last exchange's result as a scenario's expectations, or why it cannot be: it must be a
 * result of this very request against this very server.
 */
export function useLastResult(
  current: PlaygroundState | undefined,
): { expect: Expectation } | { refusal: string } {
  const exchange = useStore((state) => state.exchanges.at(-1));
  const serverChanges = useStore((state) => state.serverChanges);
  if (exchange === undefined || current === undefined) {
    return { refusal: 'no request has been sent yet' };
  }
  if (!sameValue(exchange.draft, current.request)) {
    return { refusal: 'the request has changed since the last Send' };
  }
  if (serverChangeAfter(serverChanges, exchange.sentAt) !== undefined) {
    return { refusal: 'the server has changed since the last Send' };
  }
  const judgement = judgeOnce(exchange);
  const refusal = expectationsRefusal(judgement);
  return refusal === undefined ? { expect: expectationsOf(judgement) } : { refusal };
}
