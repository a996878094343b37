import { useCallback, useState } from 'react';
import { ErrorSummary, type Problem } from '../../components/forms.tsx';
import { BackLink, Loading, NotificationBanner, useTitle } from '../../components/ui.tsx';
import type { RequestDetail } from '../../types.ts';
import { STAFF_SERVICE, useSession } from '../session.tsx';
import { DocumentSearch } from './DocumentSearch.tsx';
import { DocumentsTable } from './DocumentsTable.tsx';
import { canReadDocuments, canUpload } from './labels.ts';
import { RequestGate } from './RequestGate.tsx';
import { ReviewStatusPanel } from './ReviewStatusPanel.tsx';
import { StaffNames } from './StaffNames.tsx';
import type { DocumentSummary, ReviewStatus, UploadResult } from './types.ts';
import { UploadForm } from './UploadForm.tsx';
import { useResource } from './useResource.ts';

const pages = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`;

/**
 * What an upload added, and any e-mail attachments it could not add (the officer must see to those).
 *
 * @example uploadedMessage(result) // 'Document added: Visit booking (1 page) and 2 attachments added'
 */
function uploadedMessage(result: UploadResult): string {
  const added = result.attachments.length;
  let message = `Document added: ${result.title} (${pages(result.pageCount)})`;
  if (added > 0) message += ` and ${added} ${added === 1 ? 'attachment' : 'attachments'} added`;
  const skipped = result.skippedAttachments;
  if (skipped.length > 0)
    message +=
      `. ${skipped.length === 1 ? 'Attachment' : 'Attachments'} not added, to deal with by hand: ` +
      skipped.map((s) => `${s.filename} (${s.reason.replace(/[.\s]+$/, '')})`).join('; ');
  return message;
}

/** The documents in scope of a request: the list, adding one, searching them, and the review's state. */
export function DocumentsPage({ requestId }: { requestId: string }) {
  return (
    <RequestGate requestId={requestId} loadingText="Loading the request…">
      {(request) => <DocumentsWork request={request} />}
    </RequestGate>
  );
}

function DocumentsWork({ request }: { request: RequestDetail }) {
  const { user } = useSession();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [flash, setFlash] = useState<{ message: string; key: number } | null>(null);
  const base = `/api/requests/${encodeURIComponent(request.id)}`;
  const documents = useResource<{ documents: DocumentSummary[] }>(`${base}/documents`);
  const reader = canReadDocuments(user.role);
  const status = useResource<ReviewStatus>(reader ? `${base}/review-status` : null);
  useTitle(`Documents – ${request.reference}`, STAFF_SERVICE, problems.length > 0);

  const reloadDocuments = documents.reload;
  const reloadStatus = status.reload;
  const done = useCallback(
    (message: string, changedDocuments = false) => {
      setProblems([]);
      setFlash((current) => ({ message, key: (current?.key ?? 0) + 1 }));
      if (changedDocuments) reloadDocuments();
      reloadStatus();
    },
    [reloadDocuments, reloadStatus],
  );

  return (
    <>
      <BackLink to={`/work/requests/${request.id}`}>Back to {request.reference}</BackLink>
      <ErrorSummary problems={problems} />
      {flash && problems.length === 0 ? (
        <NotificationBanner success key={flash.key}>
          <p className="govuk-notification-banner__heading">{flash.message}</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">
        {request.reference}, {request.subjectName}
      </span>
      <h1 className="govuk-heading-l">Documents in scope</h1>
      {reader ? <ReviewStatusPanel status={status.state} /> : null}

      <section aria-labelledby="documents-heading">
        <h2 className="govuk-heading-m" id="documents-heading">
          Documents
        </h2>
        {documents.state.kind === 'loading' ? <Loading>Loading the documents…</Loading> : null}
        {documents.state.kind === 'error' ? (
          <p className="govuk-body">Could not load the documents: {documents.state.error.message}</p>
        ) : null}
        {documents.state.kind === 'ready' ? (
          <DocumentsTable documents={documents.state.data.documents} linked={reader} />
        ) : null}
      </section>

      {canUpload(user.role) ? (
        <UploadForm
          requestId={request.id}
          problems={problems}
          setProblems={setProblems}
          onUploaded={(result) => done(uploadedMessage(result), true)}
        />
      ) : null}

      {reader ? (
        <>
          <DocumentSearch requestId={request.id} />
          <StaffNames request={request} problems={problems} setProblems={setProblems} onChanged={done} />
        </>
      ) : null}
    </>
  );
}
