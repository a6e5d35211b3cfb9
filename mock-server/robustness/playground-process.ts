// The playground in a process of its own, for the robustness suite and its benchmark: a
// crash is then the process exiting (with its stack on stderr), not a test runner's
// unhandled error, and its memory is the server's alone. Started by server-process.ts.
import type { SessionStoreOptions } from '../sessions.ts';
import { startTestPlayground } from '../testing.ts';

/** What the parent may ask: the process's memory, after a full collection. */
export interface ProcessRequest {
  type: 'memory';
}

export type ProcessReply =
  | { type: 'ready'; ports: { app: number; target: number; second: number } }
  | { type: 'memory'; usage: NodeJS.MemoryUsage };

const options = JSON.parse(process.argv[2] ?? '{}') as SessionStoreOptions;
const playground = await startTestPlayground(options);
const reply = (message: ProcessReply): void => {
  process.send?.(message);
};

process.on('message', (message: ProcessRequest) => {
  if (message.type !== 'memory') return;
  // Started with --expose-gc: measure what is held, not what is merely uncollected.
  globalThis.gc?.();
  reply({ type: 'memory', usage: process.memoryUsage() });
});
reply({ type: 'ready', ports: playground.ports });
// The parent gone (a test runner stopped mid-run) must not leave a server behind.
process.on('disconnect', () => process.exit(0));
