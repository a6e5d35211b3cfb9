/** How a target relates to the page, as the Target field names it. */
export type OriginRelation = 'same-origin' | 'cross-origin, same-site' | 'cross-site';

/**
 * How a URL relates to the page: the same origin, another origin on the same site (same
 * scheme and host, another port), or another site. The playground's hosts are loopback
 * names, so a host is its own site and no public-suffix lookup is needed.
 */
export function originRelation(pageOrigin: string, url: string): OriginRelation {
  const page = new URL(pageOrigin);
  const target = new URL(url);
  if (page.origin === target.origin) return 'same-origin';
  if (page.protocol === target.protocol && page.hostname === target.hostname) {
    return 'cross-origin, same-site';
  }
  return 'cross-site';
}
