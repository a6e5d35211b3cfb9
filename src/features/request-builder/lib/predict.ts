import {
  requestConstructor,
  type DroppedHeader,
  type RequestMode,
  type RequestTypeError,
} from '../../../cors/request.ts';
import { requestPathSchema } from '../../../scenario/request-draft.ts';
import type { HeaderRow } from '../../../stores/request-draft-slice.ts';

/** Why a path cannot be sent, from the scenario schema; `undefined` when it is fine. */
export function pathProblem(path: string): string | undefined {
  const result = requestPathSchema.safeParse(path);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is not valid');
}

/** What fetch() does with one header row, when it does not just send it. */
export type RowFlag =
  { kind: 'dropped'; header: DroppedHeader } | { kind: 'type-error'; error: RequestTypeError };

/**
 * Which rows fetch() drops or throws on, told by the model's Request constructor. Each row is
 * checked with the sent rows before it (a `no-cors` request judges the combined value of one
 * name), on a plain GET without a body, so a problem with the method or the body elsewhere in
 * the draft does not hide what happens to the headers.
 */
export function headerRowFlags(
  rows: readonly HeaderRow[],
  context: { url: string; pageOrigin: string; mode: RequestMode },
): ReadonlyMap<string, RowFlag> {
  const flags = new Map<string, RowFlag>();
  const headers: [string, string][] = [];
  let dropped = 0;
  for (const row of rows) {
    if (!row.enabled || row.name === '') continue;
    headers.push([row.name, row.value]);
    const built = requestConstructor({
      url: context.url,
      origin: context.pageOrigin,
      method: 'GET',
      headers,
      mode: context.mode,
      credentials: 'same-origin',
      redirect: 'follow',
    });
    if ('typeError' in built) {
      // fetch() throws at this row; the rows after it never get looked at.
      flags.set(row.id, { kind: 'type-error', error: built.typeError });
      break;
    }
    const newest = built.request.dropped[dropped];
    if (newest !== undefined) {
      flags.set(row.id, { kind: 'dropped', header: newest });
      dropped += 1;
    }
  }
  return flags;
}
