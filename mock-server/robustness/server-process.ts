import { fork, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { appOrigin, targetOrigins, type PlaygroundPorts } from '../origins.ts';
import type { Playground } from '../playground.ts';
import type { SessionStoreOptions } from '../sessions.ts';
import { callApi } from '../testing.ts';
import type { ProcessReply, ProcessRequest } from './playground-process.ts';

/** A playground running in a child process (playground-process.ts), on free ports. */
export interface ServerProcess {
  ports: PlaygroundPorts;
  origins: Playground['origins'];
  /** The process's memory after a full garbage collection. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /**
   * Why the server is not well, or undefined: it exited, printed on stderr (its own error
   * paths do, e.g. a 500), or does not answer the control API and the target any more.
   */
  trouble(): Promise<string | undefined>;
  stop(): void;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./playground-process.ts', import.meta.url));

function reply<T extends ProcessReply['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ProcessReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ProcessReply): void => {
      if (message.type !== type) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message as Extract<ProcessReply, { type: T }>);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      child.off('message', onMessage);
      reject(new Error(`The playground process exited (${code ?? signal}) before "${type}".`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Whether a GET on this port is answered with a status line within 3 s (a loaded machine is slow, not broken). */
function answers(port: number, path: string, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    socket.setTimeout(3000, () => socket.destroy());
    let first = '';
    socket.on('data', (chunk: Buffer) => {
      first ||= chunk.toString('latin1', 0, 12);
      socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(/^HTTP\/1\.1 \d{3}$/.test(first)));
  });
}

/**
 * Starts the playground in a child process with the given session options. The process
 * runs under tsx, with `--expose-gc` so memory is measured after a full collection.
 */
export async function startServerProcess(
  options: SessionStoreOptions = {},
): Promise<ServerProcess> {
  const child = fork(ENTRY, [JSON.stringify(options)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited (${code ?? signal})`;
  });
  child.on('error', (error) => {
    exited = `failed: ${error.message}`;
  });
  const { ports } = await reply(child, 'ready').catch((error: unknown) => {
    throw new Error(`${(error as Error).message} Its stderr:\n${stderr}`);
  });
  const origins = { app: appOrigin(ports), ...targetOrigins(ports) };

  return {
    ports,
    origins,
    memory: async () => {
      const answer = reply(child, 'memory');
      child.send({ type: 'memory' } satisfies ProcessRequest);
      return (await answer).usage;
    },
    trouble: async () => {
      const serving =
        exited === undefined &&
        (await callApi({ origins }, '/sessions/health').catch(() => undefined))?.status === 404 &&
        (await answers(ports.target, '/s/health/', `localhost:${ports.target}`));
      if (serving && stderr === '') return undefined;
      const state = exited ?? (serving ? 'printed on stderr' : 'does not answer');
      return `The playground process ${state}; its stderr:\n${stderr.slice(0, 4000)}`;
    },
    stop: () => {
      child.kill('SIGKILL');
    },
  };
}
