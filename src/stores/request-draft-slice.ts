import type { StateCreator } from 'zustand';
import type { RequestDraft, RequestTarget, TargetDraft } from '../scenario/request-draft.ts';

/** One header row of the request builder; a disabled row is kept but not sent. */
export interface HeaderRow {
  id: string;
  name: string;
  value: string;
  enabled: boolean;
}

/** The request being built: what the next Send will fetch(). */
export interface RequestDraftState {
  target: RequestTarget;
  method: string;
  path: string;
  headerRows: HeaderRow[];
  /** Whether a body is sent at all (an empty body is still a body). */
  hasBody: boolean;
  body: string;
  mode: RequestDraft['mode'];
  credentials: RequestDraft['credentials'];
  redirect: RequestDraft['redirect'];
  cache: RequestDraft['cache'];
}

export interface RequestDraftSlice {
  draft: RequestDraftState;
  /** Changes any fields of the draft but its header rows. */
  updateDraft: (patch: Partial<Omit<RequestDraftState, 'headerRows'>>) => void;
  addHeaderRow: (name?: string, value?: string) => void;
  updateHeaderRow: (id: string, patch: Partial<Omit<HeaderRow, 'id'>>) => void;
  removeHeaderRow: (id: string) => void;
  resetDraft: () => void;
  /** Replaces the draft with a request from elsewhere (a share link, a scenario file). */
  loadDraft: (request: TargetDraft) => void;
}

export const initialDraft: RequestDraftState = {
  target: 'sameSite',
  method: 'GET',
  path: '/hello',
  headerRows: [],
  hasBody: false,
  body: '',
  mode: 'cors',
  credentials: 'same-origin',
  redirect: 'follow',
  cache: 'default',
};

let rowCounter = 0;
const newRowId = (): string => `row-${Date.now().toString(36)}-${(rowCounter += 1)}`;

export const createRequestDraftSlice: StateCreator<RequestDraftSlice, [], [], RequestDraftSlice> = (
  set,
) => ({
  draft: initialDraft,
  updateDraft: (patch) => set((state) => ({ draft: { ...state.draft, ...patch } })),
  addHeaderRow: (name = '', value = '') =>
    set((state) => ({
      draft: {
        ...state.draft,
        headerRows: [...state.draft.headerRows, { id: newRowId(), name, value, enabled: true }],
      },
    })),
  updateHeaderRow: (id, patch) =>
    set((state) => ({
      draft: {
        ...state.draft,
        headerRows: state.draft.headerRows.map((row) =>
          row.id === id ? { ...row, ...patch } : row,
        ),
      },
    })),
  removeHeaderRow: (id) =>
    set((state) => ({
      draft: { ...state.draft, headerRows: state.draft.headerRows.filter((row) => row.id !== id) },
    })),
  resetDraft: () => set({ draft: initialDraft }),
  loadDraft: (request) =>
    set({
      draft: {
        target: request.target,
        method: request.method,
        path: request.path,
        headerRows: request.headers.map(([name, value]) => ({
          id: newRowId(),
          name,
          value,
          enabled: true,
        })),
        hasBody: request.body !== undefined,
        body: request.body ?? '',
        mode: request.mode,
        credentials: request.credentials,
        redirect: request.redirect,
        cache: request.cache,
      },
    }),
});

/** The draft as `fetch()` will be called: enabled rows only, the body only when on. */
export function requestDraftOf(draft: RequestDraftState): TargetDraft {
  const request: TargetDraft = {
    target: draft.target,
    method: draft.method,
    path: draft.path,
    headers: draft.headerRows
      .filter((row) => row.enabled && row.name !== '')
      .map((row) => [row.name, row.value]),
    mode: draft.mode,
    credentials: draft.credentials,
    redirect: draft.redirect,
    cache: draft.cache,
  };
  if (draft.hasBody) request.body = draft.body;
  return request;
}
