import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  Form,
  problemFor,
  Select,
  TextInput,
  type Problem,
} from '../../components/forms.tsx';
import { SummaryList, Tag, type SummaryRow } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { Link } from '../../router.tsx';
import { catalogueFor, groundOptions, groundText, sectionText, STAFF_NAME_GROUND } from './grounds.ts';
import { markStatusColours, markStatusLabels, markTypeText, scoreText } from './labels.ts';
import { problemsFromError } from './parts.tsx';
import { rectText } from './text-marks.ts';
import type { DocumentDetail, Mark } from './types.ts';

/**
 * The key two mark texts share when they are the same words, as the server compares them for "decide all"
 * (spacing and case aside).
 * @example textKey('  Rāwiri\nTE Awa ') // 'rāwiri te awa'
 */
export function textKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** How many suggested marks of the document there are of each text (by `textKey`). */
export function suggestedTextCounts(marks: readonly Mark[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mark of marks) {
    if (mark.status !== 'suggested' || !mark.text) continue;
    const key = textKey(mark.text);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The marks on one page, in reading order, each with its ground, note, and Accept / Reject; a suggestion
 * whose text is suggested more than once in the document also offers Accept all / Reject all.
 */
export function MarkCards({
  document,
  marks,
  documentMarks,
  pageNumber,
  track,
  editable,
  problems,
  setProblems,
  onChanged,
  onManyChanged,
}: {
  document: DocumentDetail;
  marks: readonly Mark[];
  /** Every mark of the document, to count the suggestions of the same text on other pages too. */
  documentMarks: readonly Mark[];
  pageNumber: number;
  track: string | null;
  editable: boolean;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onChanged: (mark: Mark, message: string) => void;
  onManyChanged: (marks: Mark[], message: string) => void;
}) {
  const counts = useMemo(() => suggestedTextCounts(documentMarks), [documentMarks]);
  const ordered = [...marks].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'text' ? -1 : 1) ||
      (a.startOffset ?? 0) - (b.startOffset ?? 0) ||
      (a.rect?.[1] ?? 0) - (b.rect?.[1] ?? 0),
  );
  return (
    <section aria-labelledby="marks-heading" className="app-marks">
      <h2 className="govuk-heading-m" id="marks-heading">
        Marks on page {pageNumber}
      </h2>
      {ordered.length === 0 ? (
        <p className="govuk-body">There are no marks on this page.</p>
      ) : (
        <ul className="govuk-list app-mark-list">
          {ordered.map((mark) => (
            <li key={mark.id}>
              <MarkCard
                mark={mark}
                documentId={document.id}
                sameText={
                  mark.status === 'suggested' && mark.text ? (counts.get(textKey(mark.text)) ?? 0) : 0
                }
                requestId={document.requestId}
                track={track}
                editable={editable}
                problems={problems}
                setProblems={setProblems}
                onChanged={onChanged}
                onManyChanged={onManyChanged}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a mark covers, as a short phrase for headings and button names. */
export function markName(mark: Mark): string {
  if (mark.kind === 'area') return mark.rect ? `area ${rectText(mark.rect)}` : 'area';
  return mark.text ? `“${mark.text}”` : 'text';
}

function MarkCard({
  mark,
  documentId,
  sameText,
  requestId,
  track,
  editable,
  problems,
  setProblems,
  onChanged,
  onManyChanged,
}: {
  mark: Mark;
  documentId: string;
  /** Suggested marks of the document with this mark's text (this one included). */
  sameText: number;
  requestId: string;
  track: string | null;
  editable: boolean;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onChanged: (mark: Mark, message: string) => void;
  onManyChanged: (marks: Mark[], message: string) => void;
}) {
  const [ground, setGround] = useState(() => {
    if (mark.ground) return mark.ground;
    const staffGroundOffered = catalogueFor(track).some((item) => item.code === STAFF_NAME_GROUND);
    return mark.staffName && staffGroundOffered ? STAFF_NAME_GROUND : '';
  });
  const [note, setNote] = useState(mark.note ?? '');
  const [busy, setBusy] = useState(false);
  // After "Accept all" or "Reject all" those buttons go; focus moves to this card's own Accept button.
  const [refocus, setRefocus] = useState(false);
  const groundId = `mark-ground-${mark.id}`;
  const noteId = `mark-note-${mark.id}`;
  const titleId = `mark-${mark.id}-title`;
  const acceptId = `mark-accept-${mark.id}`;
  const name = markName(mark);
  const offerAll = mark.kind === 'text' && mark.text !== null && sameText > 1;

  useEffect(() => {
    if (!refocus || offerAll) return;
    setRefocus(false);
    window.document.getElementById(acceptId)?.focus();
  }, [refocus, offerAll, acceptId]);

  const decision = (status: 'accepted' | 'rejected') => ({
    status,
    ...(ground ? { ground } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  });

  /** Whether the decision may be sent: accepting needs a ground, else the error summary says so. */
  const ready = (status: 'accepted' | 'rejected') => {
    if (status === 'accepted' && !ground) {
      setProblems([{ target: groundId, message: `Choose the ground for withholding ${name}` }]);
      return false;
    }
    return true;
  };

  const refused = (error: unknown) =>
    setProblems(
      problemsFromError(
        error,
        { ground: groundId, note: noteId, status: groundId, text: groundId },
        groundId,
      ),
    );

  const decide = async (status: 'accepted' | 'rejected') => {
    if (!ready(status)) return;
    setBusy(true);
    try {
      const updated = await api<Mark>('PATCH', `/api/marks/${encodeURIComponent(mark.id)}`, decision(status));
      onChanged(
        updated,
        status === 'accepted'
          ? `Accepted: ${name} is withheld on ${sectionText(updated.ground ?? ground)}.`
          : `Rejected: ${name} is released.`,
      );
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  /** Decides every suggestion of this text in the document, on the ground chosen here. */
  const decideAll = async (status: 'accepted' | 'rejected') => {
    if (!ready(status) || mark.text === null) return;
    setBusy(true);
    try {
      const answer = await api<{ decided: number; marks: Mark[] }>(
        'POST',
        `/api/documents/${encodeURIComponent(documentId)}/marks/decide-matching`,
        { text: mark.text, ...decision(status) },
      );
      const decided = answer.marks.find((item) => item.id === mark.id);
      setRefocus(true);
      onManyChanged(
        answer.marks,
        status === 'accepted'
          ? `Accepted: all ${answer.decided} ${name} are withheld on ${sectionText(decided?.ground ?? ground)}.`
          : `Rejected: all ${answer.decided} ${name} are released.`,
      );
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  };

  const rows: SummaryRow[] = [
    { key: 'Type', value: markTypeText(mark) },
    {
      key: 'Found by',
      value: mark.source === 'detector' ? `Tiaki’s detector, ${scoreText(mark.score)} sure` : 'An officer',
    },
  ];
  if (mark.kind === 'area' && mark.rect) rows.push({ key: 'Where', value: rectText(mark.rect) });
  if (mark.ground)
    rows.push({
      key: mark.status === 'suggested' ? 'Ground proposed' : 'Ground',
      value: mark.groundLabel ? `${sectionText(mark.ground)}: ${mark.groundLabel}` : groundText(mark.ground),
    });
  if (mark.note) rows.push({ key: 'Note', value: mark.note });
  if (mark.decidedAt) rows.push({ key: 'Decided', value: formatDateTime(mark.decidedAt) });

  return (
    <div
      className={`govuk-summary-card app-mark-card app-mark-card--${mark.status}`}
      role="group"
      aria-labelledby={titleId}
    >
      <div className="govuk-summary-card__title-wrapper app-card-title">
        <h3 className="govuk-summary-card__title app-break" id={titleId}>
          {mark.kind === 'area' ? 'Area of the page' : name}
        </h3>
        <Tag colour={markStatusColours[mark.status]}>{markStatusLabels[mark.status]}</Tag>
        {mark.staffName ? (
          <Link
            className="govuk-tag govuk-tag--purple app-tag-link"
            to={`/work/requests/${requestId}/documents#staff-names`}
          >
            Staff name — C.09.04 review
          </Link>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
        {editable ? (
          <Form onSubmit={() => void decide('accepted')} label={`Decide on ${name}`}>
            <Select
              id={groundId}
              label="Ground for withholding"
              hint={
                mark.staffName
                  ? `A staff name may be withheld only on ${sectionText(STAFF_NAME_GROUND)}, as the staff-name review decides (C.09.04).`
                  : undefined
              }
              value={ground}
              onChange={setGround}
              options={groundOptions(track)}
              error={problemFor(problems, groundId)}
            />
            <TextInput
              id={noteId}
              label="Note (optional)"
              value={note}
              onChange={setNote}
              error={problemFor(problems, noteId)}
            />
            <ButtonGroup>
              <Button disabled={busy} id={acceptId}>
                Accept<span className="govuk-visually-hidden"> and withhold {name}</span>
              </Button>
              <Button
                type="button"
                variant="secondary"
                disabled={busy}
                onClick={() => void decide('rejected')}
              >
                Reject<span className="govuk-visually-hidden"> and release {name}</span>
              </Button>
            </ButtonGroup>
            {offerAll ? (
              <>
                <p className="govuk-body">
                  {name} is suggested {sameText} times in this document.
                </p>
                <ButtonGroup>
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={busy}
                    onClick={() => void decideAll('accepted')}
                  >
                    Accept all {sameText}
                    <span className="govuk-visually-hidden"> {name} and withhold them</span>
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={busy}
                    onClick={() => void decideAll('rejected')}
                  >
                    Reject all {sameText}
                    <span className="govuk-visually-hidden"> {name} and release them</span>
                  </Button>
                </ButtonGroup>
              </>
            ) : null}
          </Form>
        ) : null}
      </div>
    </div>
  );
}
