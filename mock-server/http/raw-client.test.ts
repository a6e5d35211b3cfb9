import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MalformedAnswer, rawRequest } from './raw-client.ts';

const OPTIONS = { maxBytes: 1024, overflow: 'cut', halfClose: false } as const;

let server: Server | undefined;
const sockets: Socket[] = [];

/** A raw server on port 0 that answers each connection with `answer`. */
async function serve(answer: (socket: Socket) => void): Promise<URL> {
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    answer(socket);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

const get = (url: URL, deadlineMs = 2000) =>
  rawRequest(url, 'GET', [['Host', url.host]], Buffer.alloc(0), deadlineMs, OPTIONS);

describe('rawRequest', () => {
  it('gives up at the deadline on a server that trickles a byte now and then', async () => {
    // A byte every 50 ms keeps an idle timeout of 300 ms from ever firing; the answer would
    // complete after 1 s.
    const url = await serve((socket) => {
      const bytes = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      let sent = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write(bytes.subarray(sent, sent + 1));
        sent += 1;
        if (sent === bytes.length) {
          clearInterval(timer);
          socket.end();
        }
      }, 25);
    });
    await expect(get(url, 300)).rejects.toThrow('did not finish its answer within 0.3 s');
  });

  it('says at once when the answer is another protocol', async () => {
    const url = await serve((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n'));
    const answer = get(url, 5000);
    await expect(answer).rejects.toBeInstanceOf(MalformedAnswer);
    await expect(answer).rejects.toThrow('not "HTTP/1."');
  });

  it('a header section past the cap is an answer too large, not a missing one', async () => {
    const url = await serve((socket) =>
      socket.end(`HTTP/1.1 200 OK\r\nX-Big: ${'x'.repeat(4096)}\r\n\r\n`),
    );
    const answer = get(url);
    await expect(answer).rejects.toBeInstanceOf(MalformedAnswer);
    await expect(answer).rejects.toThrow('header section is larger than 1 KiB');
  });

  it('a closed connection with no byte is no answer, not a malformed one', async () => {
    const url = await serve((socket) => socket.end());
    const answer = get(url);
    await expect(answer).rejects.toThrow('closed the connection without answering');
    await expect(answer).rejects.not.toBeInstanceOf(MalformedAnswer);
  });
});
