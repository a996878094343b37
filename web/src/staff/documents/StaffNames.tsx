import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  Form,
  problemFor,
  Radios,
  Select,
  TextArea,
  type Problem,
} from '../../components/forms.tsx';
import { InsetText, Loading, SummaryList, Tag, type SummaryRow } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import type { RequestDetail } from '../../types.ts';
import { useSession } from '../session.tsx';
import { groundOptions, groundText, STAFF_NAME_GROUND } from './grounds.ts';
import {
  canDetermine,
  canReview,
  requesterKnowsLabels,
  staffNameStatusColours,
  staffNameStatusLabels,
} from './labels.ts';
import { FormDetails, problemsFromError } from './parts.tsx';
import type { StaffNameReview } from './types.ts';
import { useResource } from './useResource.ts';

type Setter = (problems: Problem[]) => void;

/**
 * The staff-safety review of every staff name found in the documents (agency rule C.09.04): does the
 * requester know the name, the staff member's view when consulted, and the decision maker's determination.
 */
export function StaffNames({
  request,
  problems,
  setProblems,
  onChanged,
}: {
  request: RequestDetail;
  problems: Problem[];
  setProblems: Setter;
  onChanged: (message: string) => void;
}) {
  const reviews = useResource<{ reviews: StaffNameReview[] }>(
    `/api/requests/${encodeURIComponent(request.id)}/staff-names`,
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = reviews.state.kind === 'ready';

  useEffect(() => {
    // A link from a staff-name mark ends in #staff-names: land on this section once it is here.
    if (ready && window.location.hash === '#staff-names') {
      heading.current?.scrollIntoView();
      heading.current?.focus({ preventScroll: true });
    }
  }, [ready]);

  const changed = (review: StaffNameReview, message: string) => {
    reviews.replace((data) => ({
      reviews: data.reviews.map((item) => (item.id === review.id ? review : item)),
    }));
    onChanged(message);
  };

  return (
    <section aria-labelledby="staff-names-heading" id="staff-names">
      <h2 className="govuk-heading-m" id="staff-names-heading" tabIndex={-1} ref={heading}>
        Staff names
      </h2>
      <p className="govuk-body">
        Each staff member’s name found in the documents is reviewed under agency rule C.09.04: a name may be
        withheld only on s 49(1)(a)(i) (a serious threat to safety), never when the requester already knows
        it; when that is unclear, the staff member is consulted and the decision maker determines it.
      </p>
      {reviews.state.kind === 'loading' ? <Loading>Loading the staff names…</Loading> : null}
      {reviews.state.kind === 'error' ? (
        <p className="govuk-body">Could not load the staff names: {reviews.state.error.message}</p>
      ) : null}
      {reviews.state.kind === 'ready' && reviews.state.data.reviews.length === 0 ? (
        <p className="govuk-body">
          No staff names have been found. Suggesting marks on a document finds them.
        </p>
      ) : null}
      {reviews.state.kind === 'ready'
        ? reviews.state.data.reviews.map((review) => (
            <StaffNameCard
              key={review.id}
              review={review}
              track={request.track}
              problems={problems}
              setProblems={setProblems}
              onChanged={changed}
            />
          ))
        : null}
    </section>
  );
}

function StaffNameCard({
  review,
  track,
  problems,
  setProblems,
  onChanged,
}: {
  review: StaffNameReview;
  track: string | null;
  problems: Problem[];
  setProblems: Setter;
  onChanged: (review: StaffNameReview, message: string) => void;
}) {
  const { user } = useSession();
  const titleId = `staff-name-${review.id}-title`;
  const rows: SummaryRow[] = [
    { key: 'Staff member', value: review.staffUser ? review.staffUser.name : 'Not in the staff directory' },
    {
      key: 'Found',
      value: `${review.occurrences} ${review.occurrences === 1 ? 'time' : 'times'} in the documents`,
    },
    {
      key: 'Does the requester know it?',
      value: review.requesterKnows ? requesterKnowsLabels[review.requesterKnows] : 'Not answered yet',
    },
    {
      key: 'Ground proposed',
      value: review.proposedGround ? groundText(review.proposedGround) : 'None',
    },
  ];
  if (review.consultation) {
    const consultation = review.consultation;
    rows.push({
      key: 'Consultation',
      value: (
        <>
          <p className="govuk-body">
            Asked {formatDateTime(consultation.askedAt)}: {consultation.question}
          </p>
          <p className="govuk-body">
            {consultation.reply
              ? `Reply ${formatDateTime(consultation.repliedAt)}${consultation.view ? ` (their view: ${consultation.view === 'withhold' ? 'withhold the name' : 'the name can be released'})` : ''}: ${consultation.reply}`
              : 'No reply yet.'}
          </p>
        </>
      ),
    });
  }
  if (review.determination) {
    rows.push({
      key: 'Determination',
      value: `${review.determination === 'withhold' ? 'Withhold the name' : 'Release the name'}${review.determinedAt ? `, ${formatDateTime(review.determinedAt)}` : ''}${review.determinationReason ? `: ${review.determinationReason}` : ''}`,
    });
  }
  const open = review.status !== 'done';

  return (
    <div className="govuk-summary-card" aria-labelledby={titleId} role="group">
      <div className="govuk-summary-card__title-wrapper app-card-title">
        <h3 className="govuk-summary-card__title" id={titleId}>
          {review.name}
        </h3>
        <Tag colour={staffNameStatusColours[review.status]}>{staffNameStatusLabels[review.status]}</Tag>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList rows={rows} />
        <InsetText>
          <span className="govuk-!-font-weight-bold">C.09.04:</span> {review.ruling}
        </InsetText>
        {canReview(user.role) && open ? (
          <>
            <AnswerForm
              review={review}
              track={track}
              problems={problems}
              setProblems={setProblems}
              onChanged={onChanged}
            />
            {review.staffUser ? (
              <ConsultForm
                review={review}
                staffName={review.staffUser.name}
                problems={problems}
                setProblems={setProblems}
                onChanged={onChanged}
              />
            ) : (
              <p className="govuk-body">
                This name is not in the staff directory, so the person cannot be consulted through Tiaki.
              </p>
            )}
          </>
        ) : null}
        {canDetermine(user.role) && open ? (
          <DetermineForm
            review={review}
            problems={problems}
            setProblems={setProblems}
            onChanged={onChanged}
          />
        ) : null}
      </div>
    </div>
  );
}

interface FormProps {
  review: StaffNameReview;
  problems: Problem[];
  setProblems: Setter;
  onChanged: (review: StaffNameReview, message: string) => void;
}

function useSend({ review, setProblems, onChanged }: FormProps) {
  const [busy, setBusy] = useState(false);
  const send = async (
    action: 'answer' | 'consult' | 'determine',
    body: Record<string, unknown>,
    targets: Record<string, string>,
    message: string,
  ) => {
    setBusy(true);
    try {
      const updated = await api<StaffNameReview>(
        'POST',
        `/api/staff-names/${encodeURIComponent(review.id)}/${action}`,
        body,
      );
      onChanged(updated, message);
    } catch (error) {
      setProblems(problemsFromError(error, targets, Object.values(targets)[0] ?? null));
    } finally {
      setBusy(false);
    }
  };
  return { busy, send };
}

function AnswerForm(props: FormProps & { track: string | null }) {
  const { review, problems, setProblems, track } = props;
  const [knows, setKnows] = useState<string>(review.requesterKnows ?? '');
  const [ground, setGround] = useState(review.proposedGround ?? '');
  const { busy, send } = useSend(props);
  const knowsId = `knows-${review.id}`;
  const groundId = `proposed-${review.id}`;
  const error = problemFor(problems, knowsId) ?? problemFor(problems, groundId);

  const submit = () => {
    if (!knows) {
      setProblems([
        { target: knowsId, message: `Say whether the requester already knows ${review.name}’s name` },
      ]);
      return;
    }
    void send(
      'answer',
      { requesterKnows: knows, ...(ground ? { proposedGround: ground } : {}) },
      { requesterKnows: knowsId, proposedGround: groundId },
      `Answer saved for ${review.name}`,
    );
  };

  return (
    <FormDetails summary={`Answer the C.09.04 questions for ${review.name}`} hasError={!!error}>
      <Form onSubmit={submit} label={`C.09.04 questions for ${review.name}`}>
        <Radios
          id={knowsId}
          legend="Does the requester already know this name?"
          choices={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
            { value: 'unclear', label: 'It is not clear', hint: 'The staff member will be consulted.' },
          ]}
          value={knows}
          onChange={setKnows}
          error={problemFor(problems, knowsId)}
        />
        <Select
          id={groundId}
          label="Ground proposed for withholding the name"
          hint={`A staff name may be withheld only on ${groundText(STAFF_NAME_GROUND)}.`}
          value={ground}
          onChange={setGround}
          options={groundOptions(track, 'No ground proposed')}
          error={problemFor(problems, groundId)}
        />
        <ButtonGroup>
          <Button disabled={busy}>
            Save the answer<span className="govuk-visually-hidden"> for {review.name}</span>
          </Button>
        </ButtonGroup>
      </Form>
    </FormDetails>
  );
}

function ConsultForm(props: FormProps & { staffName: string }) {
  const { review, problems, setProblems, staffName } = props;
  const [question, setQuestion] = useState('');
  const { busy, send } = useSend(props);
  const questionId = `question-${review.id}`;
  const error = problemFor(problems, questionId);

  const submit = () => {
    if (!question.trim()) {
      setProblems([{ target: questionId, message: `Enter the question for ${staffName}` }]);
      return;
    }
    void send(
      'consult',
      { question: question.trim() },
      { question: questionId },
      `Question sent to ${staffName}`,
    );
  };

  return (
    <FormDetails summary={`Consult ${staffName}`} hasError={!!error}>
      <Form onSubmit={submit} label={`Consult ${staffName}`}>
        <TextArea
          id={questionId}
          label={`Question for ${staffName}`}
          hint="They are e-mailed and answer on their Consultations page. Ask whether the requester knows their name, and whether releasing it would put their safety at serious risk."
          value={question}
          onChange={setQuestion}
          error={error}
          rows={4}
        />
        <ButtonGroup>
          <Button disabled={busy}>
            Send the question<span className="govuk-visually-hidden"> to {staffName}</span>
          </Button>
        </ButtonGroup>
      </Form>
    </FormDetails>
  );
}

function DetermineForm(props: FormProps) {
  const { review, problems, setProblems } = props;
  const [determination, setDetermination] = useState('');
  const [reason, setReason] = useState('');
  const { busy, send } = useSend(props);
  const determinationId = `determination-${review.id}`;
  const reasonId = `reason-${review.id}`;
  const error = problemFor(problems, determinationId) ?? problemFor(problems, reasonId);

  const submit = () => {
    const found: Problem[] = [];
    if (!determination)
      found.push({
        target: determinationId,
        message: `Choose whether to withhold or release ${review.name}’s name`,
      });
    if (!reason.trim()) found.push({ target: reasonId, message: 'Enter the reasons for the determination' });
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    void send(
      'determine',
      { determination, reason: reason.trim() },
      { determination: determinationId, reason: reasonId },
      `Determination recorded for ${review.name}`,
    );
  };

  return (
    <FormDetails summary={`Record the determination for ${review.name}`} hasError={!!error}>
      <Form onSubmit={submit} label={`Determination for ${review.name}`}>
        <Radios
          id={determinationId}
          legend="Determination"
          choices={[
            {
              value: 'withhold',
              label: 'Withhold the name',
              hint: `On ${groundText(STAFF_NAME_GROUND)}`,
            },
            { value: 'release', label: 'Release the name' },
          ]}
          value={determination}
          onChange={setDetermination}
          error={problemFor(problems, determinationId)}
        />
        <TextArea
          id={reasonId}
          label="Reasons"
          value={reason}
          onChange={setReason}
          error={problemFor(problems, reasonId)}
          rows={4}
        />
        <ButtonGroup>
          <Button disabled={busy}>
            Record the determination<span className="govuk-visually-hidden"> for {review.name}</span>
          </Button>
        </ButtonGroup>
      </Form>
    </FormDetails>
  );
}
