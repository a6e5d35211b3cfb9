import { corsUnsafeRequestHeaderNames } from '../../../cors/safelist.ts';
import type { IncomingRequest } from '../../../scenario/cors-headers.ts';
import { useStore } from '../../../stores/store.ts';
import { useConfigEditor } from './config-editor.ts';

/**
 * The request the previews answer: from the page's origin, with the
 * `Access-Control-Request-Headers` the request being built would make its preflight carry.
 */
export function usePreviewRequest(): IncomingRequest {
  const { pageOrigin } = useConfigEditor();
  const rows = useStore((state) => state.draft.headerRows);
  const names = corsUnsafeRequestHeaderNames(
    rows
      .filter((row) => row.enabled && row.name !== '')
      .map((row) => [row.name, row.value] as const),
  );
  return { origin: pageOrigin, requestHeaders: names.length > 0 ? names.join(',') : undefined };
}
