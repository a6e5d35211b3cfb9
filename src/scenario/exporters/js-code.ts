import { listenAddress, type PortableActual } from './portable.ts';

// Pieces of the JavaScript the Node exporters write.

/** A value as JavaScript source: JSON is valid JavaScript for strings, numbers and arrays. */
export function jsLiteral(value: string | number | readonly string[]): string {
  return JSON.stringify(value);
}

/** An options object, one property a line; `{}` when there are none. */
export function jsOptions(options: readonly (readonly [string, string])[]): string {
  if (options.length === 0) return '{}';
  return `{\n${options.map(([key, code]) => `  ${key}: ${code},\n`).join('')}}`;
}

/** How one framework writes a header line and the body. */
export interface RouteWriter {
  header: (name: string, value: string) => string;
  body: (text: string) => string;
  /** The last statement of a response with no content. */
  empty: string;
}

/** The route's statements after its status: extra lines, cookies, content type, body. */
export function routeLines(actual: PortableActual, writer: RouteWriter): string[] {
  const lines = actual.headers.map(([name, value]) => writer.header(name, value));
  if (actual.body === undefined) return [...lines, writer.empty];
  const { contentType, text } = actual.body;
  return [
    ...lines,
    ...(contentType === undefined ? [] : [writer.header('Content-Type', contentType)]),
    writer.body(text),
  ];
}

/** The port and host a Node server listens on by default: its origin's (no IPv6 brackets). */
export function nodeListen(origin: string): { port: number; name: string } {
  const { host, port } = listenAddress(origin);
  return { port, name: host.replace(/^\[(.*)\]$/, '$1') };
}
