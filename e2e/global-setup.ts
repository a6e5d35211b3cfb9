import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../mock-server/build.ts';

// Built once here, so the workers that each start a playground never race to build.
export default async function globalSetup(): Promise<void> {
  await ensureBuilt(fileURLToPath(new URL('..', import.meta.url)));
}
