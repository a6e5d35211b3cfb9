import { describe, expect, it } from 'vitest';
import { targetDraftSchema } from '../../../scenario/request-draft.ts';
import {
  FAILED_TO_FETCH,
  logEntry,
  resolvedJs,
  TEST_PAGE,
  testExchange,
} from '../../../scenario/test-exchange.ts';
import { CHALLENGE_IDS, CHALLENGES } from './challenges.ts';
import { goalResults } from './goal.ts';

const START = targetDraftSchema.parse({ method: 'PUT', headers: [['Authorization', 'x']] });

const answered = (lines: [string, string][], js = resolvedJs(200, 'OK')) =>
  testExchange({ method: 'PUT', headers: [['Authorization', 'x']] }, js, [
    logEntry('PUT', '/s/abc/', [['Origin', TEST_PAGE]], 200, 'OK', lines),
  ]);

const met = (results: { met: boolean }[]) => results.map((result) => result.met);

describe('goalResults', () => {
  it('a * shortcut resolves but does not meet a goal that forbids it', () => {
    const results = goalResults(
      ['fetch-resolves', 'only-page-origin', 'no-wildcard'],
      START,
      answered([['Access-Control-Allow-Origin', '*']]),
    );
    expect(met(results)).toEqual([true, true, false, false]);
  });

  it('the exact origin on every response meets it', () => {
    const results = goalResults(
      ['fetch-resolves', 'only-page-origin', 'no-wildcard'],
      START,
      answered([['Access-Control-Allow-Origin', TEST_PAGE]]),
    );
    expect(met(results)).toEqual([true, true, true, true]);
  });

  it('a changed request meets nothing of the challenge, whatever the result', () => {
    const exchange = { ...answered([['Access-Control-Allow-Origin', TEST_PAGE]]) };
    exchange.draft = targetDraftSchema.parse({ method: 'GET' });
    expect(met(goalResults(['fetch-resolves'], START, exchange))).toEqual([false, true]);
  });

  it('headers JavaScript read, checked from what fetch() gave it, case-insensitively', () => {
    const js = resolvedJs(200, 'OK', [['etag', '"1"']]);
    const results = goalResults([{ reads: ['ETag', 'Link'] }], START, answered([], js));
    expect(results[1]).toEqual({ text: 'JavaScript reads ETag, Link', met: false });
  });

  it('a rejected fetch and a null origin fail their checks', () => {
    const results = goalResults(
      ['fetch-resolves', 'no-null-origin'],
      START,
      answered([['Access-Control-Allow-Origin', 'null']], FAILED_TO_FETCH),
    );
    expect(met(results)).toEqual([true, false, false]);
  });
});

describe('the challenges', () => {
  it('are at least 12, one per file, each with hints and an answer', () => {
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(12);
    expect(CHALLENGES.map((challenge) => challenge.id)).toEqual(CHALLENGE_IDS);
    for (const challenge of CHALLENGES) {
      expect(challenge.hints.length, challenge.id).toBeGreaterThan(0);
      expect(challenge.checks, challenge.id).toContain('fetch-resolves');
    }
  });
});
