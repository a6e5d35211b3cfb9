import { describe, expect, it } from 'vitest';
import { cookieReach } from './cookies.ts';

const PAGE = 'http://localhost:5173';

describe('cookieReach', () => {
  it.each([
    ["'omit' never sends cookies", 'omit', 'http://localhost:5173/a', 'credentials-omit'],
    ["'same-origin' sends them to the page's origin", 'same-origin', `${PAGE}/a`, 'same-site'],
    [
      "'same-origin' withholds them from another origin",
      'same-origin',
      'http://localhost:5174/a',
      'credentials-same-origin',
    ],
    ["'include' sends them within the site", 'include', 'http://localhost:5174/a', 'same-site'],
    ["'include' to another site", 'include', 'http://127.0.0.1:5174/a', 'cross-site'],
    ['a URL that does not parse is left to the browser', 'include', 'http://[/', 'same-site'],
  ] as const)('%s', (_name, credentials, url, expected) => {
    expect(cookieReach(credentials, PAGE, url)).toBe(expected);
  });
});
