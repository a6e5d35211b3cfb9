import { describe, expect, it } from 'vitest';
import { absoluteUrlProblem, requestDraftSchema } from './request-draft.ts';
import { pageOriginProblem } from './scenario.ts';

describe('absoluteUrlProblem', () => {
  it.each([
    ['http://localhost:3000/api/items?x=1', undefined],
    ['https://api.example.com', undefined],
    ['/api/items', 'must be an absolute URL such as "http://localhost:3000/api/items"'],
    ['localhost:3000/api', 'must be an http or https URL, not localhost:'],
    ['ftp://files.example.com/', 'must be an http or https URL, not ftp:'],
    ['https://user:secret@api.example.com/', 'must not include a user name or password'],
    ['https://api.example.com/#top', 'must not include a fragment ("#...")'],
    ['https://api.example.com/a b', 'must contain no spaces'],
  ])('%s: %s', (url, problem) => {
    expect(absoluteUrlProblem(url)).toBe(problem);
  });
});

describe('pageOriginProblem', () => {
  it.each([
    ['https://app.example.com', undefined],
    ['http://localhost:8080', undefined],
    [
      'https://app.example.com/',
      'must be written as browsers serialize it: "https://app.example.com"',
    ],
    [
      'https://App.example.com',
      'must be written as browsers serialize it: "https://app.example.com"',
    ],
    [
      'https://app.example.com:443',
      'must be written as browsers serialize it: "https://app.example.com"',
    ],
    ['app.example.com', 'must be an http or https origin such as "https://app.example.com"'],
    ['file:///tmp', 'must be an http or https origin such as "https://app.example.com"'],
  ])('%s: %s', (origin, problem) => {
    expect(pageOriginProblem(origin)).toBe(problem);
  });
});

describe('requestDraftSchema', () => {
  it('gives a draft with a URL no target and no path', () => {
    expect(requestDraftSchema.parse({ url: 'http://localhost:3000/x' })).toEqual({
      url: 'http://localhost:3000/x',
      method: 'GET',
      headers: [],
      mode: 'cors',
      credentials: 'same-origin',
      redirect: 'follow',
      cache: 'default',
    });
  });

  it('fills in the target and the path of a draft without a URL', () => {
    expect(requestDraftSchema.parse({})).toMatchObject({ target: 'sameSite', path: '/' });
  });

  it('refuses a target beside a URL, at the target', () => {
    const result = requestDraftSchema.safeParse({ url: 'http://a.test/', target: 'crossSite' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['target']]);
  });
});
