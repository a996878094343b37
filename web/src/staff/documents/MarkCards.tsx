import { useState } from 'react';
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

/** The marks on one page, in reading order, each with its ground, note, and Accept / Reject. */
export function MarkCards({
  document,
  marks,
  pageNumber,
  track,
  editable,
  problems,
  setProblems,
  onChanged,
}: {
  document: DocumentDetail;
  marks: readonly Mark[];
  pageNumber: number;
  track: string | null;
  editable: boolean;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onChanged: (mark: Mark, message: string) => void;
}) {
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
                requestId={document.requestId}
                track={track}
                editable={editable}
                problems={problems}
                setProblems={setProblems}
                onChanged={onChanged}
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
  requestId,
  track,
  editable,
  problems,
  setProblems,
  onChanged,
}: {
  mark: Mark;
  requestId: string;
  track: string | null;
  editable: boolean;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onChanged: (mark: Mark, message: string) => void;
}) {
  const [ground, setGround] = useState(() => {
    if (mark.ground) return mark.ground;
    const staffGroundOffered = catalogueFor(track).some((item) => item.code === STAFF_NAME_GROUND);
    return mark.staffName && staffGroundOffered ? STAFF_NAME_GROUND : '';
  });
  const [note, setNote] = useState(mark.note ?? '');
  const [busy, setBusy] = useState(false);
  const groundId = `mark-ground-${mark.id}`;
  const noteId = `mark-note-${mark.id}`;
  const titleId = `mark-${mark.id}-title`;
  const name = markName(mark);

  const decide = async (status: 'accepted' | 'rejected') => {
    if (status === 'accepted' && !ground) {
      setProblems([{ target: groundId, message: `Choose the ground for withholding ${name}` }]);
      return;
    }
    setBusy(true);
    try {
      const updated = await api<Mark>('PATCH', `/api/marks/${encodeURIComponent(mark.id)}`, {
        status,
        ...(ground ? { ground } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onChanged(
        updated,
        status === 'accepted'
          ? `Accepted: ${name} is withheld on ${sectionText(updated.ground ?? ground)}.`
          : `Rejected: ${name} is released.`,
      );
    } catch (error) {
      setProblems(problemsFromError(error, { ground: groundId, note: noteId, status: groundId }, groundId));
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
              <Button disabled={busy}>
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
          </Form>
        ) : null}
      </div>
    </div>
  );
}
