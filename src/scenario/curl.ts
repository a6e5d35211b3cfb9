import type { OutgoingRequest } from './outgoing-request.ts';

/** A word for a POSIX shell: single-quoted, each `'` written as `'\''`. */
function shellWord(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The curl command that sends this request as given: the method in its own case, every header
 * line in order, the body byte for byte (`--data-raw` reads no `@file`). `-i` shows the
 * response's head, which curl, like every client that is not a browser, reads whole.
 */
export function curlCommand(request: OutgoingRequest): string {
  // curl's --head sends HEAD and expects no body; -X HEAD would wait for one.
  const method = request.method === 'HEAD' ? '--head' : `-X ${shellWord(request.method)}`;
  const lines = [`curl -i ${method} ${shellWord(request.url)}`];
  for (const [name, value] of request.headers) {
    // `-H 'Name:'` would remove curl's own line of that name; `Name;` sends it empty.
    lines.push(`-H ${shellWord(value === '' ? `${name};` : `${name}: ${value}`)}`);
  }
  if (request.body !== undefined) lines.push(`--data-raw ${shellWord(request.body)}`);
  return lines.join(' \\\n  ');
}
