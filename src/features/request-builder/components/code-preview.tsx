import { useMemo } from 'react';
import { draftUrl } from '../../../lib/target-url.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { fetchCode } from '../lib/fetch-code.ts';

/** The fetch() call Send will run, with only the options that are not the defaults. */
export function CodePreview({ session }: { session: SessionInfo }) {
  const draft = useStore((state) => state.draft);
  const generation = useStore((state) => state.urlGeneration);
  const code = useMemo(() => {
    const request = requestDraftOf(draft);
    return fetchCode(draftUrl(session, request.target, request.path, generation), request);
  }, [draft, session, generation]);
  return (
    <>
      <p className="rb-subhead">Code to run</p>
      <pre className="code rb-code" aria-label="Code to run">
        {code}
      </pre>
    </>
  );
}
