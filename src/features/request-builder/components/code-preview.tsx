import { useMemo } from 'react';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { fetchCode } from '../lib/fetch-code.ts';
import { requestUrl } from '../../../scenario/request-url.ts';

/** The fetch() call Send will run, with only the options that are not the defaults. */
export function CodePreview({ session }: { session: SessionInfo }) {
  const draft = useStore((state) => state.draft);
  const code = useMemo(() => {
    const request = requestDraftOf(draft);
    return fetchCode(requestUrl(session, request.target, request.path), request);
  }, [draft, session]);
  return (
    <>
      <p className="rb-subhead">Code to run</p>
      <pre className="code rb-code" aria-label="Code to run">
        {code}
      </pre>
    </>
  );
}
