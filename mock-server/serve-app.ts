import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ensureBuilt } from './build.ts';
import { startPlayground, type Playground } from './playground.ts';
import type { PlaygroundPorts } from './origins.ts';
import { createStaticHandler } from './static-files.ts';

export interface ServedPlayground {
  playground: Playground;
  /** Whether the app was built before serving (production only). */
  built: boolean;
  close(): Promise<void>;
}

/** The playground serving the built app from `<root>/dist`, built first when stale. */
export async function servePlayground(
  root: string,
  ports: PlaygroundPorts,
): Promise<ServedPlayground> {
  const built = (await ensureBuilt(root)) === 'built';
  const playground = await startPlayground({ ports, app: createStaticHandler(join(root, 'dist')) });
  return { playground, built, close: () => playground.close() };
}

/**
 * The playground with the UI served by Vite with hot reload. Vite runs as middleware inside
 * the playground's own app server (its HMR socket on the same port), so dev and production
 * share every line of server code but the one serving the UI.
 */
export async function serveDevPlayground(
  root: string,
  ports: PlaygroundPorts,
): Promise<ServedPlayground> {
  // Vite is created after the servers it attaches to, so the app handler finds it here.
  const dev: {
    middleware?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  } = {};
  const playground = await startPlayground({
    ports,
    app: (request, response) => {
      dev.middleware?.(request, response, () => {
        response.writeHead(404).end();
      });
    },
  });
  const { createServer } = await import('vite');
  const vite = await createServer({
    root,
    appType: 'spa',
    logLevel: 'warn',
    server: {
      middlewareMode: true,
      hmr: { server: playground.appServer },
    },
  });
  dev.middleware = vite.middlewares;
  return {
    playground,
    built: false,
    close: async () => {
      await vite.close();
      await playground.close();
    },
  };
}
