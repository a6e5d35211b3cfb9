/**
 * Just enough URL parsing for CORS: origins, credentials in URLs, and `Location` resolution.
 *
 * The model may not use the DOM's `URL` class (it runs with ES2023 only), so this is a small
 * parser following the WHATWG URL Standard for HTTP(S)-like URLs. It does not model IDNA,
 * IPv4 number forms (`127.1`) or percent-encoding normalization; see README.md.
 *
 * @module
 */

/** An absolute URL, split into the parts the CORS model needs. */
export interface ParsedUrl {
  /** The serialization, e.g. `http://localhost:5174/s/x?y`. */
  readonly href: string;
  /** Lower-cased, without the colon. */
  readonly scheme: string;
  readonly username: string;
  readonly password: string;
  /** Lower-cased; empty for URLs without an authority (`mailto:x`). */
  readonly host: string;
  /** Digits, or empty when absent or the scheme's default. */
  readonly port: string;
  readonly path: string;
  /** With its `?`, or empty. */
  readonly query: string;
  /** With its `#`, or empty. */
  readonly fragment: string;
}

// https://url.spec.whatwg.org/#special-scheme
/** Special schemes and their default ports. `file` is left out: CORS never reaches it. */
const SPECIAL_SCHEME_PORTS: Readonly<Record<string, string>> = {
  ftp: '21',
  http: '80',
  https: '443',
  ws: '80',
  wss: '443',
};

function isSpecial(scheme: string): boolean {
  return Object.hasOwn(SPECIAL_SCHEME_PORTS, scheme);
}

// https://url.spec.whatwg.org/#concept-basic-url-parser
/**
 * Parses `input`, relative to `base` when it has no scheme. Returns `undefined` where the URL
 * Standard returns failure (no scheme and no base, an empty or invalid host, a bad port).
 */
export function parseUrl(input: string, base?: ParsedUrl): ParsedUrl | undefined {
  // Leading and trailing C0 controls and spaces go; tabs and newlines go everywhere.
  const text = input.replace(/^[\0- ]+|[\0- ]+$/g, '').replace(/[\t\n\r]/g, '');
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(text);
  if (scheme) {
    const name = scheme[0].slice(0, -1).toLowerCase();
    const rest = text.slice(scheme[0].length);
    // Special schemes take an authority whatever slashes follow; others keep an opaque path.
    return isSpecial(name) ? parseAuthority(name, rest.replace(/^[/\\]*/, '')) : opaque(name, rest);
  }
  return base && isSpecial(base.scheme) ? resolve(text, base) : undefined;
}

function opaque(scheme: string, path: string): ParsedUrl {
  return {
    href: `${scheme}:${path}`,
    scheme,
    username: '',
    password: '',
    host: '',
    port: '',
    path,
    query: '',
    fragment: '',
  };
}

/** Parses `authority[path][?query][#fragment]` for a special scheme. */
function parseAuthority(scheme: string, text: string): ParsedUrl | undefined {
  const authorityEnd = text.search(/[/\\?#]/);
  const authority = authorityEnd === -1 ? text : text.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : text.slice(authorityEnd);

  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? '' : authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  const username = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const password = colon === -1 ? '' : userinfo.slice(colon + 1);

  const hostAndPort = authority.slice(at + 1);
  const host = hostAndPort.startsWith('[')
    ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1)
    : hostAndPort.replace(/:[^]*$/, '');
  const afterHost = hostAndPort.slice(host.length);
  if (!isValidHost(host) || !/^(:\d*)?$/.test(afterHost)) return undefined;
  const portNumber = afterHost.length > 1 ? Number(afterHost.slice(1)) : undefined;
  if (portNumber !== undefined && portNumber > 65535) return undefined;
  const port =
    portNumber === undefined || String(portNumber) === SPECIAL_SCHEME_PORTS[scheme]
      ? ''
      : String(portNumber);

  const hash = tail.indexOf('#');
  const fragment = hash === -1 ? '' : tail.slice(hash);
  const beforeHash = hash === -1 ? tail : tail.slice(0, hash);
  const question = beforeHash.indexOf('?');
  const query = question === -1 ? '' : beforeHash.slice(question);
  const rawPath = question === -1 ? beforeHash : beforeHash.slice(0, question);
  const path = removeDotSegments(rawPath.replace(/\\/g, '/')) || '/';

  const parts = { scheme, username, password, host: host.toLowerCase(), port };
  return {
    ...parts,
    href: `${scheme}://${authorityOf(parts)}${path}${query}${fragment}`,
    path,
    query,
    fragment,
  };
}

/** `[username[:password]@]host[:port]` */
function authorityOf(url: Pick<ParsedUrl, 'username' | 'password' | 'host' | 'port'>): string {
  const credentials =
    url.username || url.password ? `${url.username}${url.password && `:${url.password}`}@` : '';
  return `${credentials}${url.host}${url.port && `:${url.port}`}`;
}

// https://url.spec.whatwg.org/#forbidden-domain-code-point
const FORBIDDEN_DOMAIN_CODE_POINT = /[\0- #%/:<>?@[\\\]^|\x7f]/;

function isValidHost(host: string): boolean {
  if (host.startsWith('[')) return /^\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]$/.test(host);
  return host !== '' && !FORBIDDEN_DOMAIN_CODE_POINT.test(host);
}

// https://www.rfc-editor.org/rfc/rfc3986#section-5.2.2
/** Resolves a scheme-less reference against a special-scheme base. */
function resolve(reference: string, base: ParsedUrl): ParsedUrl | undefined {
  // Scheme-relative (`//host/path`): a new authority.
  if (/^[/\\]{2}/.test(reference)) {
    return parseAuthority(base.scheme, reference.replace(/^[/\\]*/, ''));
  }
  const authority = authorityOf(base);
  // Path-absolute: the base's authority, the reference's path.
  if (/^[/\\]/.test(reference)) return parseAuthority(base.scheme, authority + reference);
  // Empty or fragment-only: the base, with the reference's fragment.
  if (reference === '' || reference.startsWith('#')) {
    return parseAuthority(base.scheme, authority + base.path + base.query + reference);
  }
  // Query-only: the base's path, the reference's query.
  if (reference.startsWith('?'))
    return parseAuthority(base.scheme, authority + base.path + reference);
  // Relative path: merged with the base path's directory.
  const directory = base.path.slice(0, base.path.lastIndexOf('/') + 1);
  return parseAuthority(base.scheme, authority + directory + reference);
}

// https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4
function removeDotSegments(path: string): string {
  const segments = path.split('/');
  const output: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment === '.' || segment === '..') {
      // `..` climbs one level, but never above the root.
      if (segment === '..' && output.length > 1) output.pop();
      // A trailing dot segment still leaves a directory (`/a/..` is `/`).
      if (index === segments.length - 1) output.push('');
    } else {
      output.push(segment);
    }
  }
  return output.join('/');
}

// https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
/** The URL's origin, serialized: `scheme://host[:port]`, or `null` for an opaque origin. */
export function serializeOrigin(url: ParsedUrl): string {
  return isSpecial(url.scheme)
    ? `${url.scheme}://${url.host}${url.port && `:${url.port}`}`
    : 'null';
}

/**
 * The canonical form of a serialized origin such as a page's `location.origin`: lower-cased,
 * default port dropped. Anything that does not parse is the opaque origin, `null`.
 */
export function canonicalOrigin(origin: string): string {
  const url = parseUrl(origin);
  return url ? serializeOrigin(url) : 'null';
}

// https://html.spec.whatwg.org/multipage/browsers.html#same-origin
/** Whether two serialized origins are the same origin (an opaque origin never is). */
export function isSameOrigin(a: string, b: string): boolean {
  return a !== 'null' && a === b;
}

// https://url.spec.whatwg.org/#include-credentials
/** Whether the URL carries a username or a password. */
export function includesCredentials(url: ParsedUrl): boolean {
  return url.username !== '' || url.password !== '';
}

// https://fetch.spec.whatwg.org/#http-scheme
/** Whether the URL's scheme is `http` or `https`. */
export function isHttpScheme(url: ParsedUrl): boolean {
  return url.scheme === 'http' || url.scheme === 'https';
}

/** A host written as an IPv4 address or a bracketed IPv6 address. */
function isIpAddress(host: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(host) || host.startsWith('[');
}

// https://html.spec.whatwg.org/multipage/browsers.html#same-site
/**
 * Whether two URLs are (schemefully) same site: same scheme and same registrable domain, so
 * the browser may send SameSite cookies between them and does not count them as third-party.
 * An IP address is its own site. NOTE: without the Public Suffix List a domain's registrable
 * domain is taken as its last two labels, right for `localhost`, `127.0.0.1` and
 * `api.example.com`, not for hosts under suffixes such as `co.uk`.
 */
export function isSameSite(a: ParsedUrl, b: ParsedUrl): boolean {
  const site = (url: ParsedUrl): string =>
    isIpAddress(url.host) ? url.host : url.host.split('.').slice(-2).join('.');
  return a.scheme === b.scheme && site(a) === site(b);
}
