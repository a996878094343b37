import { useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  Form,
  problemFor,
  Radios,
  TextArea,
  type Problem,
} from '../../components/forms.tsx';
import { Loading, NotificationBanner, SummaryList, useTitle } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { STAFF_SERVICE } from '../session.tsx';
import { problemsFromError } from './parts.tsx';
import type { StaffNameReview } from './types.ts';
import { useResource } from './useResource.ts';

type Consultation = StaffNameReview & { reference: string };

/**
 * Staff-name consultations waiting for the signed-in staff member's reply (C.09.04): their name is in
 * documents someone asked for, and the privacy officer wants their view before the decision maker decides.
 * Only the reference and the question are shown, never the requester's record.
 */
export function ConsultationsPage() {
  const consultations = useResource<{ reviews: Consultation[] }>('/api/staff-names/mine');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [flash, setFlash] = useState<{ message: string; key: number } | null>(null);
  useTitle('Consultations', STAFF_SERVICE, problems.length > 0);

  const replied = (review: StaffNameReview, reference: string) => {
    setProblems([]);
    consultations.replace((data) => ({ reviews: data.reviews.filter((item) => item.id !== review.id) }));
    setFlash((current) => ({ message: `Reply sent for request ${reference}`, key: (current?.key ?? 0) + 1 }));
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} />
        {flash && problems.length === 0 ? (
          <NotificationBanner success key={flash.key}>
            <p className="govuk-notification-banner__heading">{flash.message}</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Consultations</h1>
        <p className="govuk-body">
          Your name appears in documents that someone has asked for. Before deciding whether to release it,
          the privacy officer asks for your view (agency rule C.09.04). A name can be withheld only when
          releasing it would pose a serious threat to your safety, and not when the requester already knows
          it.
        </p>
        {consultations.state.kind === 'loading' ? <Loading>Loading your consultations…</Loading> : null}
        {consultations.state.kind === 'error' ? (
          <p className="govuk-body">Could not load your consultations: {consultations.state.error.message}</p>
        ) : null}
        {consultations.state.kind === 'ready' && consultations.state.data.reviews.length === 0 ? (
          <p className="govuk-body">There are no consultations waiting for your reply.</p>
        ) : null}
        {consultations.state.kind === 'ready'
          ? consultations.state.data.reviews.map((review) => (
              <ConsultationCard
                key={review.id}
                review={review}
                problems={problems}
                setProblems={setProblems}
                onReplied={replied}
              />
            ))
          : null}
      </div>
    </div>
  );
}

function ConsultationCard({
  review,
  problems,
  setProblems,
  onReplied,
}: {
  review: Consultation;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onReplied: (review: StaffNameReview, reference: string) => void;
}) {
  const [view, setView] = useState('');
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const viewId = `view-${review.id}`;
  const replyId = `reply-${review.id}`;
  const titleId = `consultation-${review.id}-title`;

  const submit = async () => {
    const found: Problem[] = [];
    if (!view)
      found.push({ target: viewId, message: 'Choose whether your name should be withheld or released' });
    if (!reply.trim()) found.push({ target: replyId, message: 'Enter your reply' });
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    setBusy(true);
    try {
      const updated = await api<StaffNameReview>(
        'POST',
        `/api/staff-names/${encodeURIComponent(review.id)}/reply`,
        { view, reply: reply.trim() },
      );
      onReplied(updated, review.reference);
    } catch (error) {
      setProblems(problemsFromError(error, { view: viewId, reply: replyId }, viewId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-summary-card" role="group" aria-labelledby={titleId}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={titleId}>
          Request {review.reference}
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Name in the documents', value: review.name },
            {
              key: 'Found',
              value: `${review.occurrences} ${review.occurrences === 1 ? 'time' : 'times'}`,
            },
            {
              key: 'Question',
              value: review.consultation
                ? `${review.consultation.question} (asked ${formatDateTime(review.consultation.askedAt)})`
                : 'No question recorded',
            },
          ]}
        />
        <Form onSubmit={() => void submit()} label={`Reply for request ${review.reference}`}>
          <Radios
            id={viewId}
            legend="Should your name be withheld?"
            choices={[
              {
                value: 'withhold',
                label: 'Withhold my name',
                hint: 'Releasing it would pose a serious threat to my safety.',
              },
              { value: 'release', label: 'My name can be released' },
            ]}
            value={view}
            onChange={setView}
            error={problemFor(problems, viewId)}
          />
          <TextArea
            id={replyId}
            label="Your reply"
            hint="Say whether you think the requester already knows your name, and why. The decision maker reads this."
            value={reply}
            onChange={setReply}
            error={problemFor(problems, replyId)}
            rows={4}
          />
          <ButtonGroup>
            <Button disabled={busy}>
              Send the reply<span className="govuk-visually-hidden"> for request {review.reference}</span>
            </Button>
          </ButtonGroup>
        </Form>
      </div>
    </div>
  );
}
