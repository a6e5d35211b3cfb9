import type { TargetRef } from '../src/scenario/server-config.ts';

/** How a port is chosen: a default, a command-line flag and an environment variable. */
export const PORT_OPTIONS = {
  app: {
    default: 5173,
    flag: '--app-port',
    envVar: 'PLAYGROUND_APP_PORT',
    role: 'the app and control API',
  },
  target: {
    default: 5174,
    flag: '--target-port',
    envVar: 'PLAYGROUND_TARGET_PORT',
    role: 'the target',
  },
  second: {
    default: 5175,
    flag: '--second-port',
    envVar: 'PLAYGROUND_SECOND_PORT',
    role: 'the second target',
  },
} as const;

export type PortName = keyof typeof PORT_OPTIONS;

/** Where the playground is reachable, known once every listener is bound. */
export interface PlaygroundPorts {
  app: number;
  target: number;
  second: number;
}

/** Each target's origin, e.g. `http://localhost:5174`. */
export type TargetOrigins = Record<TargetRef, string>;

/** The targets' origins and the page's, which the config's `{{origin}}` stands for. */
export type PlanOrigins = TargetOrigins & { readonly page: string };

/** The page's origin: always `localhost`, so the targets' relations to it hold. */
export function appOrigin(ports: PlaygroundPorts): string {
  return `http://localhost:${ports.app}`;
}

/** The Host values the app origin answers to; anything else is a rebinding attempt. */
export function appHosts(ports: PlaygroundPorts): Set<string> {
  return new Set([`localhost:${ports.app}`, `127.0.0.1:${ports.app}`, `[::1]:${ports.app}`]);
}

/** What a session's plan needs to know of where things are. */
export function planOrigins(ports: PlaygroundPorts): PlanOrigins {
  return { ...targetOrigins(ports), page: appOrigin(ports) };
}

export function targetOrigins(ports: PlaygroundPorts): TargetOrigins {
  return {
    // Another port of the page's host: cross-origin, same-site.
    sameSite: `http://localhost:${ports.target}`,
    // The same listener under another host: cross-site.
    crossSite: `http://127.0.0.1:${ports.target}`,
    second: `http://localhost:${ports.second}`,
  };
}
