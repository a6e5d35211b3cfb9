import type { HeaderLines } from './cors-headers.ts';

/** What the page's JavaScript could observe of one fetch(): all it ever gets to see. */
export type JsOutcome =
  | {
      kind: 'resolved';
      status: number;
      statusText: string;
      /** `response.type`: `basic`, `cors`, `opaque` or `opaqueredirect`. */
      type: string;
      /** `response.url`. */
      url: string;
      redirected: boolean;
      /** Every header `response.headers` let JavaScript read. */
      headers: HeaderLines;
      body: string;
    }
  | {
      kind: 'rejected';
      /** The error's `name`, e.g. `TypeError`. */
      name: string;
      message: string;
    };

/** How JavaScript would print the outcome: `TypeError: Failed to fetch`, `200 OK (cors)`. */
export function jsOutcomeText(outcome: JsOutcome): string {
  if (outcome.kind === 'rejected') return `${outcome.name}: ${outcome.message}`;
  return `${`${outcome.status} ${outcome.statusText}`.trim()} (${outcome.type})`;
}
