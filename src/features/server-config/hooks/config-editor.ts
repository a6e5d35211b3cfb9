import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useState } from 'react';
import {
  defaultServerConfig,
  parseServerConfig,
  type ConfigIssue,
  type ServerConfig,
} from '../../../scenario/server-config.ts';
import { getConfigQueryOptions } from '../api/get-config.ts';
import { useUpdateConfig } from '../api/update-config.ts';

/** What every control of the panel edits through. */
export interface ConfigEditor {
  /** The config as the panel shows it: the server's, or an optimistic one being applied. */
  config: ServerConfig;
  /** The origin of the page that calls the target. */
  pageOrigin: string;
  /**
   * Applies a change at once (optimistically, rolled back if the server refuses). A change
   * that makes the config invalid applies nothing and returns the problems, by path.
   */
  apply: (what: string, change: (draft: ServerConfig) => void) => ConfigIssue[];
}

export const ConfigEditorContext = createContext<ConfigEditor | null>(null);

export function useConfigEditor(): ConfigEditor {
  const editor = use(ConfigEditorContext);
  if (editor === null) throw new Error('useConfigEditor needs a ConfigEditorContext provider.');
  return editor;
}

/** The last change the server refused: the panel already shows its config again. */
export interface Refusal {
  what: string;
  message: string;
}

/** Builds the editor for one session's config; `config` is undefined until it has loaded. */
export function useConfigEditorState(sessionId: string, pageOrigin: string, config?: ServerConfig) {
  const queryClient = useQueryClient();
  const update = useUpdateConfig(sessionId);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);
  // The config just applied, shown from the same event on: the query's own update reaches
  // React a tick later, and a controlled input would flicker back meanwhile. It gives way as
  // soon as the query's data changes (to this config, a rollback or a refetch).
  const [applied, setApplied] = useState<{ config: ServerConfig; over?: ServerConfig }>();
  if (applied !== undefined && applied.over !== config) setApplied(undefined);
  const shown = applied !== undefined && applied.over === config ? applied.config : config;
  const { queryKey } = getConfigQueryOptions(sessionId);

  const send = (what: string, next: ServerConfig) => {
    setRefusal(undefined);
    setApplied({ config: next, ...(config === undefined ? {} : { over: config }) });
    update.mutateAsync(next).catch((error: unknown) => {
      setApplied(undefined);
      setRefusal({ what, message: error instanceof Error ? error.message : String(error) });
    });
  };

  const apply: ConfigEditor['apply'] = (what, change) => {
    // Built on the newest config, which may be an optimistic one not yet rendered.
    const base = queryClient.getQueryData(queryKey) ?? config;
    if (base === undefined) return [{ path: '(root)', message: 'The config has not loaded yet.' }];
    const draft = structuredClone(base);
    change(draft);
    const parsed = parseServerConfig(draft);
    if (!parsed.ok) return parsed.issues;
    send(what, parsed.value);
    return [];
  };

  const reset = () => send('Reset server', defaultServerConfig);

  const editor: ConfigEditor | undefined =
    shown === undefined ? undefined : { config: shown, pageOrigin, apply };
  return { editor, refusal, reset };
}

/** The problems of one field, with their paths below `prefix` (e.g. `cors.allowMethods`). */
export function issuesAt(issues: readonly ConfigIssue[], prefix: string): string[] {
  return issues.map((issue) => {
    let where = `${issue.path}: `;
    if (issue.path === prefix) where = '';
    else if (issue.path.startsWith(`${prefix}.`))
      where = `${issue.path.slice(prefix.length + 1)}: `;
    return `${where}${issue.message}`;
  });
}

/** The problems of a composite field by their place in it (`0.name`), for each input. */
export function issueMap(issues: readonly ConfigIssue[], prefix: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const issue of issues) {
    const at = issue.path.startsWith(`${prefix}.`) ? issue.path.slice(prefix.length + 1) : '';
    map[at] = map[at] === undefined ? issue.message : `${map[at]} ${issue.message}`;
  }
  return map;
}
