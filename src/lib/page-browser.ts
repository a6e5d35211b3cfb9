import type { BrowserName } from '../cors/browser.ts';

/** The browser a page runs in, as far as the model can explain it. */
export interface PageBrowser {
  /** The profile the model explains this browser with. */
  readonly profile: BrowserName;
  /**
   * Whether the page runs in the engine of that profile, or in another one (Safari, say), for
   * which the profile is only the closest the model has.
   */
  readonly modelled: boolean;
  /** The browser's name for sentences: `Firefox 153`, `Chrome 156`, `Safari`. */
  readonly name: string;
}

/** What detection reads: `navigator`, or a stand-in for it in tests. */
export interface NavigatorLike {
  readonly userAgent: string;
  /** User-Agent Client Hints: only Chromium-based browsers have them (in secure contexts). */
  readonly userAgentData?: { readonly brands: readonly { readonly brand: string }[] } | undefined;
}

// Firefox and its rebuilds say `Firefox/<version>` after a Gecko token; Firefox on iOS is
// WebKit and says `FxiOS/` instead, so it does not match.
const FIREFOX = /\bGecko\/\d+.*\bFirefox\/(\d+)/;
// Chrome, Edge, Opera, Brave, headless Chromium: all say `Chrome/<version>` (or
// `HeadlessChrome/`); Chrome on iOS is WebKit and says `CriOS/` instead.
const CHROMIUM = /(?:Headless)?Chrom(?:e|ium)\/(\d+)/;
const SAFARI = /\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//;

/**
 * Which browser a page runs in: the Client Hints' brands where the browser has them (only
 * Chromium's do), else the User-Agent string. A browser that is neither Chromium nor Firefox
 * is explained with Chromium's profile, and says so (`modelled: false`).
 */
export function detectBrowser(nav: NavigatorLike): PageBrowser {
  const ua = nav.userAgent;
  const firefox = FIREFOX.exec(ua);
  if (firefox !== null)
    return { profile: 'firefox', modelled: true, name: `Firefox ${firefox[1]}` };
  const chromium = CHROMIUM.exec(ua);
  const branded = nav.userAgentData?.brands.some(({ brand }) => brand === 'Chromium') === true;
  if (chromium !== null || branded) {
    const version = chromium === null ? '' : ` ${chromium[1]}`;
    return { profile: 'chromium', modelled: true, name: `${chromiumBrand(ua)}${version}` };
  }
  const safari = SAFARI.exec(ua);
  return {
    profile: 'chromium',
    modelled: false,
    name: safari === null ? 'This browser' : `Safari ${safari[1]}`,
  };
}

/** The Chromium-based browser's own name, where its User-Agent string gives one. */
function chromiumBrand(ua: string): string {
  if (/\bEdg\//.test(ua)) return 'Edge';
  if (/\bOPR\//.test(ua)) return 'Opera';
  if (/HeadlessChrome\//.test(ua)) return 'Headless Chromium';
  return /Chromium\//.test(ua) ? 'Chromium' : 'Chrome';
}

let detected: PageBrowser | undefined;

/** The browser this page runs in, detected once. */
export function pageBrowser(): PageBrowser {
  detected ??= detectBrowser(navigator);
  return detected;
}
