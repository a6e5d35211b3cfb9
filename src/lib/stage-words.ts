import type { Stage } from '../cors/errors.ts';

/** Where a fetch stopped, in words that follow "blocked" or "failed". */
export const STAGE_WORDS: Readonly<Record<Stage, string>> = {
  request: 'before anything was sent',
  preflight: 'at the preflight',
  actual: 'at the response',
  redirect: 'at a redirect',
};
