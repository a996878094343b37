import type { ReactNode } from 'react';
import type { ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { Loading, useTitle } from '../../components/ui.tsx';
import type { RequestDetail } from '../../types.ts';
import { AccessGate } from '../AccessGate.tsx';
import { useApi } from '../hooks.ts';
import { STAFF_SERVICE } from '../session.tsx';

/**
 * Loads a request and shows `children` only behind the access interruption card, as the request page
 * does: documents in scope are the person's information too.
 */
export function RequestGate({
  requestId,
  loadingText,
  children,
}: {
  requestId: string;
  loadingText: string;
  children: (request: RequestDetail) => ReactNode;
}) {
  const request = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(requestId)}`);
  if (request.kind === 'loading') return <GateLoading text={loadingText} />;
  if (request.kind === 'error') return <LoadError error={request.error} what="request" />;
  const data = request.data;
  return (
    <AccessGate
      key={data.id}
      personId={data.subject.id}
      placeholder={<span className="govuk-caption-l">Request {data.reference}</span>}
    >
      {children(data)}
    </AccessGate>
  );
}

function GateLoading({ text }: { text: string }) {
  useTitle('Loading', STAFF_SERVICE);
  return <Loading>{text}</Loading>;
}

/** "Not found" (or not yours: the API answers the same) or another failure, with a way back. */
export function LoadError({ error, what }: { error: ApiError; what: 'request' | 'document' }) {
  const heading = error.status === 404 ? `${capital(what)} not found` : `Could not load the ${what}`;
  useTitle(heading, STAFF_SERVICE);
  return (
    <>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        {error.status === 404
          ? `There is no ${what} at this address, or you do not have access to it.`
          : error.message}
      </p>
      <p className="govuk-body">
        <Link to="/work">Back to the request queues</Link>
      </p>
    </>
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
