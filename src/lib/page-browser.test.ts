import { describe, expect, it } from 'vitest';
import { detectBrowser, type NavigatorLike } from './page-browser.ts';

const ua = (userAgent: string): NavigatorLike => ({ userAgent });

describe('detectBrowser', () => {
  // Firefox, and what only looks like it
  it.each([
    [
      'Firefox ESR on Linux',
      'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
      'Firefox 153',
    ],
    [
      'Firefox on Android',
      'Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0',
      'Firefox 120',
    ],
  ])('%s is Firefox, explained with its own profile', (_, userAgent, name) => {
    expect(detectBrowser(ua(userAgent))).toEqual({ profile: 'firefox', modelled: true, name });
  });

  // Chromium and the browsers built on it
  it.each([
    [
      'headless Chromium',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'Headless Chromium 156',
    ],
    [
      'Chrome',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'Chrome 156',
    ],
    [
      'Edge',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
      'Edge 156',
    ],
    [
      'Opera',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 OPR/140.0.0.0',
      'Opera 156',
    ],
  ])('%s is Chromium', (_, userAgent, name) => {
    expect(detectBrowser(ua(userAgent))).toEqual({ profile: 'chromium', modelled: true, name });
  });

  it('a Chromium whose User-Agent string is frozen or changed is known by its Client Hints', () => {
    const nav = {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)',
      userAgentData: { brands: [{ brand: 'Not)A;Brand' }, { brand: 'Chromium' }] },
    };
    expect(detectBrowser(nav)).toEqual({ profile: 'chromium', modelled: true, name: 'Chrome' });
  });

  // Neither: explained with Chromium's profile, and said so
  it.each([
    [
      'Safari',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari 18',
    ],
    [
      'Firefox on iOS (WebKit)',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15',
      'This browser',
    ],
    [
      'Chrome on iOS (WebKit)',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
      'This browser',
    ],
    ['an empty User-Agent string', '', 'This browser'],
  ])('%s is neither engine: Chromium stands in', (_, userAgent, name) => {
    expect(detectBrowser(ua(userAgent))).toEqual({ profile: 'chromium', modelled: false, name });
  });
});
