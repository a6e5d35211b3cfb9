import { describe, expect, it } from 'vitest';
import { fetchStep, type CorsError } from '../../../cors/errors.ts';
import type { Verdict } from '../../../cors/evaluate.ts';
import { requestDraftSchema, type UrlDraft } from '../../../scenario/request-draft.ts';
import { parseScenario } from '../../../scenario/scenario.ts';
import { allowedOtherOrigin, runnerScenario } from './frontend-origin.ts';

const blocked = (corsError: CorsError, failedParameter: string) =>
  ({
    outcome: 'blocked',
    stage: 'actual',
    failure: { corsError, failedParameter, step: fetchStep('concept-cors-check', '7') },
  }) as unknown as Verdict;

describe('allowedOtherOrigin: the one other origin a server allows', () => {
  it.each([
    ['AllowOriginMismatch', 'https://app.example.com', 'https://app.example.com'],
    ['PreflightAllowOriginMismatch', 'http://localhost:3000', 'http://localhost:3000'],
    ['AllowOriginMismatch', 'https://app.example.com/', undefined],
    ['AllowOriginMismatch', 'null', undefined],
    ['MultipleAllowOriginValues', 'https://a.example, https://b.example', undefined],
    ['MissingAllowOriginHeader', '', undefined],
  ] as const)('%s %s', (corsError, value, expected) => {
    expect(allowedOtherOrigin(blocked(corsError, value))).toBe(expected);
  });
});

describe('runnerScenario', () => {
  it('is a scenario the runner reads: the page at that origin, the request to the URL', () => {
    const draft = requestDraftSchema.parse({
      url: 'http://localhost:3000/api/items',
      method: 'PUT',
      headers: [['Content-Type', 'application/json']],
      body: '{}',
      credentials: 'include',
    }) as UrlDraft;
    const parsed = parseScenario(runnerScenario(draft, 'https://app.example.com'));
    expect(parsed.ok && parsed.value.page).toEqual({ origin: 'https://app.example.com' });
    expect(parsed.ok && parsed.value.steps[0]?.request).toEqual(draft);
  });
});
