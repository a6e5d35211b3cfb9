// Requests made by hand for the model's tests (no test runner here): a CORS GET from the page
// origin to a target on another port, and the header that lets the page read the answer.
import type { Header } from './headers.ts';
import type { RequestDraft } from './request.ts';

export const TEST_PAGE = 'http://localhost:5173';
export const TEST_TARGET = 'http://localhost:5174/s/1/x';
export const ACAO = 'Access-Control-Allow-Origin';
/** `Access-Control-Allow-Origin` naming the test page. */
export const ALLOW_PAGE: Header = [ACAO, TEST_PAGE];

/** A CORS GET from TEST_PAGE to TEST_TARGET, with `overrides`. */
export const testDraft = (overrides: Partial<RequestDraft> = {}): RequestDraft => ({
  url: TEST_TARGET,
  origin: TEST_PAGE,
  method: 'GET',
  headers: [],
  mode: 'cors',
  credentials: 'same-origin',
  redirect: 'follow',
  ...overrides,
});
