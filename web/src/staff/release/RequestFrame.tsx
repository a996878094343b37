import type { ReactNode } from 'react';
import { Link } from '../../router.tsx';
import { Loading, useTitle } from '../../components/ui.tsx';
import type { ApiError } from '../../api.ts';
import type { RequestDetail } from '../../types.ts';
import { AccessGate } from '../AccessGate.tsx';
import { useApi } from '../hooks.ts';
import { STAFF_SERVICE } from '../session.tsx';

/**
 * Loads a request and shows `children` for it once opening the person's record is explained (the
 * interruption card), with the loading and not-found states every casework page shares. Nothing about
 * the person is fetched before the gate opens: the children load their own data.
 */
export function RequestFrame({
  id,
  pageName,
  children,
}: {
  id: string;
  pageName: string;
  children: (request: RequestDetail) => ReactNode;
}) {
  const request = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);
  if (request.kind === 'loading') return <FrameLoading pageName={pageName} />;
  if (request.kind === 'error') return <FrameError error={request.error} />;
  const data = request.data;
  return (
    <AccessGate
      key={data.id}
      personId={data.subject.id}
      placeholder={<FramePlaceholder data={data} pageName={pageName} />}
    >
      {children(data)}
    </AccessGate>
  );
}

function FrameLoading({ pageName }: { pageName: string }) {
  useTitle(pageName, STAFF_SERVICE);
  return <Loading>Loading the request…</Loading>;
}

function FramePlaceholder({ data, pageName }: { data: RequestDetail; pageName: string }) {
  useTitle(`${pageName} – ${data.reference}`, STAFF_SERVICE);
  return <span className="govuk-caption-l">Request {data.reference}</span>;
}

function FrameError({ error }: { error: ApiError }) {
  const missing = error.status === 404;
  useTitle(missing ? 'Request not found' : 'Could not load the request', STAFF_SERVICE);
  return (
    <>
      <h1 className="govuk-heading-l">{missing ? 'Request not found' : 'Could not load the request'}</h1>
      <p className="govuk-body">
        {missing ? 'There is no request at this address, or you do not have access to it.' : error.message}
      </p>
      <p className="govuk-body">
        <Link to="/work">Back to the request queues</Link>
      </p>
    </>
  );
}

/** A section's own loading or error line (the page around it still works). */
export function SectionState({
  state,
  what,
}: {
  state: { kind: 'loading' } | { kind: 'error'; error: ApiError };
  what: string;
}) {
  if (state.kind === 'loading') return <Loading>Loading {what}…</Loading>;
  return (
    <p className="govuk-body" role="alert">
      Could not load {what}: {state.error.message}
    </p>
  );
}
