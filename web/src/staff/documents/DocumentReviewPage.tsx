import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Button, ErrorSummary, type Problem } from '../../components/forms.tsx';
import { BackLink, Loading, NotificationBanner, Tag, useTitle } from '../../components/ui.tsx';
import { useLocation } from '../../router.tsx';
import type { RequestDetail } from '../../types.ts';
import { STAFF_SERVICE, useSession } from '../session.tsx';
import { AddMarkForms } from './AddMarkForms.tsx';
import { DispositionForm } from './DispositionForm.tsx';
import { canReview, dispositionColours, dispositionLabels, sourceTypeLabels } from './labels.ts';
import { MarkCards } from './MarkCards.tsx';
import { PageImage } from './PageImage.tsx';
import { PageNavigation } from './PageNavigation.tsx';
import { PageText } from './PageText.tsx';
import { Announcer, problemsFromError } from './parts.tsx';
import { LoadError, RequestGate } from './RequestGate.tsx';
import type { RectInput } from './text-marks.ts';
import type { TextSelection } from './selection.ts';
import type { DocumentDetail, DocumentSummary, Mark } from './types.ts';
import { useResource, type Resource } from './useResource.ts';

/** One document's review, page by page: the page image and text with marks, and the decisions on them. */
export function DocumentReviewPage({ documentId }: { documentId: string }) {
  const document = useResource<DocumentDetail>(`/api/documents/${encodeURIComponent(documentId)}`);
  if (document.state.kind === 'loading') return <DocumentLoading />;
  if (document.state.kind === 'error') return <LoadError error={document.state.error} what="document" />;
  const data = document.state.data;
  return (
    <RequestGate requestId={data.requestId} loadingText="Loading the request…">
      {(request) => (
        <DocumentReview
          document={data}
          request={request}
          reloadDocument={document.reload}
          replaceDocument={document.replace}
        />
      )}
    </RequestGate>
  );
}

function DocumentLoading() {
  useTitle('Document', STAFF_SERVICE);
  return <Loading>Loading the document…</Loading>;
}

/** The page number asked for in the address, kept within the document. */
function pageFrom(search: URLSearchParams, pageCount: number): number {
  const asked = Number(search.get('page') ?? '1');
  if (!Number.isInteger(asked) || asked < 1) return 1;
  return Math.min(asked, Math.max(pageCount, 1));
}

const emptyArea: RectInput = { x0: '', y0: '', x1: '', y1: '' };

function DocumentReview({
  document,
  request,
  reloadDocument,
  replaceDocument,
}: {
  document: DocumentDetail;
  request: RequestDetail;
  reloadDocument: () => void;
  replaceDocument: (update: (data: DocumentDetail) => DocumentDetail) => void;
}) {
  const { user } = useSession();
  const { search } = useLocation();
  const pageNumber = pageFrom(search, document.pageCount);
  const page = document.pages.find((item) => item.page === pageNumber) ?? null;
  const marks = useResource<{ marks: Mark[] }>(`/api/documents/${encodeURIComponent(document.id)}/marks`);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [flash, setFlash] = useState<{ message: string; key: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [area, setArea] = useState<RectInput>(emptyArea);
  const [busy, setBusy] = useState(false);
  const reviewer = canReview(user.role);
  useEffect(() => {
    // A selection or an area belongs to the page it was made on.
    setSelection(null);
    setArea(emptyArea);
  }, [pageNumber]);
  useTitle(
    `Page ${pageNumber} of ${document.title} – ${document.reference}`,
    STAFF_SERVICE,
    problems.length > 0,
  );

  const reloadMarks = marks.reload;
  const replaceMarks = marks.replace;
  const banner = useCallback((message: string) => {
    setProblems([]);
    setFlash((current) => ({ message, key: (current?.key ?? 0) + 1 }));
  }, []);

  /** A mark changed in place: the list updates, focus stays, and a screen reader hears what happened. */
  const markChanged = useCallback(
    (mark: Mark, message: string) => {
      setProblems([]);
      // An earlier banner ("4 new marks suggested") would now describe the page wrongly.
      setFlash(null);
      replaceMarks((data) => {
        const known = data.marks.some((item) => item.id === mark.id);
        return {
          marks: known
            ? data.marks.map((item) => (item.id === mark.id ? mark : item))
            : [...data.marks, mark],
        };
      });
      setAnnouncement(message);
      reloadDocument();
    },
    [replaceMarks, reloadDocument],
  );

  /** Several marks changed at once ("Accept all"): the answer is the document's marks as they now are. */
  const marksReplaced = useCallback(
    (all: Mark[], message: string) => {
      setProblems([]);
      setFlash(null);
      replaceMarks(() => ({ marks: all }));
      setAnnouncement(message);
      reloadDocument();
    },
    [replaceMarks, reloadDocument],
  );

  const suggest = async () => {
    setBusy(true);
    try {
      const answer = await api<{ created: number; marks: Mark[] }>(
        'POST',
        `/api/documents/${encodeURIComponent(document.id)}/suggestions`,
      );
      reloadMarks();
      reloadDocument();
      banner(
        answer.created === 0
          ? 'No new marks were suggested'
          : `${answer.created} new ${answer.created === 1 ? 'mark' : 'marks'} suggested`,
      );
    } catch (error) {
      setProblems(problemsFromError(error, {}, 'suggest-marks'));
    } finally {
      setBusy(false);
    }
  };

  const dispositionSaved = (summary: DocumentSummary) => {
    replaceDocument((current) => ({ ...current, ...summary }));
    banner(`Decision for this document saved: ${dispositionLabels[summary.disposition]}`);
  };

  const markList: Mark[] = marks.state.kind === 'ready' ? marks.state.data.marks : [];
  const pageMarks = markList.filter((mark) => mark.page === pageNumber);

  return (
    <>
      <BackLink to={`/work/requests/${document.requestId}/documents`}>
        Back to the documents of {document.reference}
      </BackLink>
      <ErrorSummary problems={problems} />
      {flash && problems.length === 0 ? (
        <NotificationBanner success key={flash.key}>
          <p className="govuk-notification-banner__heading">{flash.message}</p>
        </NotificationBanner>
      ) : null}
      <Announcer message={announcement} />
      <span className="govuk-caption-l">
        {document.reference}, {request.subjectName}
      </span>
      <h1 className="govuk-heading-l app-break">Review: {document.title}</h1>
      <DocumentFacts document={document} />

      {reviewer ? (
        <div className="app-suggest">
          <Button
            type="button"
            variant="secondary"
            onClick={() => void suggest()}
            disabled={busy}
            id="suggest-marks"
          >
            {busy ? 'Looking for information to withhold…' : 'Suggest marks'}
          </Button>
          <p className="govuk-hint">
            Tiaki reads every page for names, identifiers, phone numbers, addresses, dates of birth and
            vehicle plates, and suggests them. The requester’s own information is not suggested. Suggestions
            are only withheld once you accept them.
          </p>
        </div>
      ) : null}

      <PageNavigation pageNumber={pageNumber} pageCount={document.pageCount} marks={markList} />
      <MarksLoadState marks={marks.state} />

      {page ? (
        <div className="app-page-review">
          <PageImage
            document={document}
            page={page}
            marks={pageMarks}
            drawing={reviewer}
            onDrawn={(rect) => {
              setArea(rect);
              setAnnouncement('Area copied into the form “Withhold an area of the page”.');
            }}
          />
          <PageText
            page={page}
            marks={pageMarks}
            selectable={reviewer}
            onSelect={setSelection}
            key={`text-${page.page}`}
          />
        </div>
      ) : (
        <p className="govuk-body">This document has no pages to show.</p>
      )}

      <MarkCards
        document={document}
        marks={pageMarks}
        documentMarks={markList}
        pageNumber={pageNumber}
        track={request.track}
        editable={reviewer}
        problems={problems}
        setProblems={setProblems}
        onChanged={markChanged}
        onManyChanged={marksReplaced}
      />

      {reviewer && page ? (
        <AddMarkForms
          key={`add-${page.page}`}
          documentId={document.id}
          page={page}
          track={request.track}
          selection={selection}
          clearSelection={() => setSelection(null)}
          area={area}
          setArea={setArea}
          problems={problems}
          setProblems={setProblems}
          onAdded={markChanged}
        />
      ) : null}

      <DispositionForm
        document={document}
        track={request.track}
        editable={reviewer}
        problems={problems}
        setProblems={setProblems}
        onSaved={dispositionSaved}
      />
    </>
  );
}

function MarksLoadState({ marks }: { marks: Resource<{ marks: Mark[] }> }) {
  if (marks.kind === 'loading') return <Loading>Loading the marks…</Loading>;
  if (marks.kind === 'error')
    return <p className="govuk-body">Could not load the marks: {marks.error.message}</p>;
  return null;
}

function DocumentFacts({ document }: { document: DocumentDetail }) {
  const id = encodeURIComponent(document.id);
  return (
    <>
      <p className="govuk-body">
        {sourceTypeLabels[document.sourceType] ?? document.sourceType}, {document.pageCount}{' '}
        {document.pageCount === 1 ? 'page' : 'pages'}
        {document.ocrPages > 0 ? ` (${document.ocrPages} read by OCR)` : ''}. Decision:{' '}
        <Tag colour={dispositionColours[document.disposition]}>{dispositionLabels[document.disposition]}</Tag>{' '}
        Marks: {document.marks.suggested} suggested, {document.marks.accepted} accepted,{' '}
        {document.marks.rejected} rejected.
      </p>
      <ul className="govuk-list app-inline-list">
        <li>
          <a className="govuk-link" href={`/api/documents/${id}/original`}>
            Download the original ({document.originalFilename})
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/api/documents/${id}/pdf`}>
            Download the working PDF
          </a>
        </li>
      </ul>
    </>
  );
}
