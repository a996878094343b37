import { useEffect, useState } from 'react';
import { Link } from '../router.tsx';
import {
  Details,
  Loading,
  NotificationBanner,
  SummaryList,
  Tag,
  useTitle,
  type SummaryRow,
} from '../components/ui.tsx';
import {
  channelLabels,
  formatDate,
  formatDateTime,
  formOfReleaseLabels,
  humanise,
  kindLabels,
  label,
  trackLabels,
  workingDaysText,
} from '../format.ts';
import type { ApiError } from '../api.ts';
import type { RequestDetail } from '../types.ts';
import { actionLabel, caseStepLinks } from './actions.ts';
import { useApi, useNow } from './hooks.ts';
import { AccessGate } from './AccessGate.tsx';
import { AccessLog, canReadAccessLog } from './AccessLog.tsx';
import { awaitingTriage } from './queue-state.ts';
import { clearFlash, peekFlash, STAFF_SERVICE, useSession } from './session.tsx';
import { DueTag, StatusTag, TriageCountdown } from './status.tsx';

/**
 * One request: who and what, the clock and how it was worked out, the timeline, and what may be done next.
 * The record is shown only once opening the person's record is explained (the interruption card).
 */
export function RequestPage({ id }: { id: string }) {
  const request = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);

  if (request.kind === 'loading') return <RequestLoading />;
  if (request.kind === 'error') return <RequestError error={request.error} />;
  const data = request.data;
  return (
    <AccessGate key={data.id} personId={data.subject.id} placeholder={<RequestPlaceholder data={data} />}>
      <RequestRecord data={data} />
    </AccessGate>
  );
}

function RequestLoading() {
  useTitle('Request', STAFF_SERVICE);
  return <Loading>Loading the request…</Loading>;
}

function RequestError({ error }: { error: ApiError }) {
  useTitle(error.status === 404 ? 'Request not found' : 'Could not load the request', STAFF_SERVICE);
  return (
    <>
      <h1 className="govuk-heading-l">
        {error.status === 404 ? 'Request not found' : 'Could not load the request'}
      </h1>
      <p className="govuk-body">
        {error.status === 404
          ? 'There is no request at this address, or you do not have access to it.'
          : error.message}
      </p>
      <p className="govuk-body">
        <Link to="/work">Back to the request queues</Link>
      </p>
    </>
  );
}

/** All that shows behind the interruption card: the reference, nothing about the person. */
function RequestPlaceholder({ data }: { data: RequestDetail }) {
  useTitle(`Request ${data.reference}`, STAFF_SERVICE);
  return <span className="govuk-caption-l">Request {data.reference}</span>;
}

function RequestRecord({ data }: { data: RequestDetail }) {
  const [flash] = useState(() => peekFlash());
  useEffect(() => clearFlash(), []);
  const now = useNow();
  const { user } = useSession();
  useTitle(`${data.reference} – ${data.subjectName}`, STAFF_SERVICE);
  const actions = data.allowedActions.filter(
    (action) => action !== 'clarification-answered' || data.clarification,
  );
  // The decision and the release have their own pages: the next of those steps comes first.
  const steps = data.caseSteps.map((step) => ({ step, ...caseStepLinks[step] }));

  const headerRows: SummaryRow[] = [
    { key: 'Reference', value: data.reference },
    { key: 'Status', value: <StatusTag status={data.status} /> },
    { key: 'Track', value: data.track ? label(trackLabels, data.track) : 'Not triaged yet' },
    {
      key: 'Due date',
      value: (
        <>
          <p className="govuk-body">
            {data.decisionDueDate ? formatDate(data.decisionDueDate, { weekday: true }) : 'Not set'}
            {data.workingDaysLeft !== null && data.dueState !== 'closed'
              ? ` (${workingDaysText(data.workingDaysLeft)})`
              : ''}{' '}
            <DueTag state={data.dueState} workingDaysLeft={data.workingDaysLeft} />
          </p>
          {data.dueExplanation ? (
            <DueExplanation explanation={data.dueExplanation} extended={!!data.extension} />
          ) : null}
        </>
      ),
    },
    {
      key: 'With',
      value: data.officer ? data.officer.name : 'Not assigned',
    },
  ];
  if (awaitingTriage(data) && data.triageDueAt) {
    headerRows.splice(3, 0, {
      key: 'Triage by',
      value: (
        <>
          {formatDateTime(data.triageDueAt)}
          <br />
          <TriageCountdown dueAt={data.triageDueAt} now={now} />
        </>
      ),
    });
  }

  const detailRows: SummaryRow[] = [
    { key: 'Kind', value: label(kindLabels, data.kind) },
    { key: 'Channel', value: label(channelLabels, data.channel) },
    { key: 'Received', value: formatDateTime(data.receivedAt) },
    {
      key: 'Person',
      value: (
        <>
          {data.subject.name}
          {data.subject.prn ? (
            <>
              <br />
              PRN {data.subject.prn}
            </>
          ) : null}
          {data.subject.dateOfBirth ? (
            <>
              <br />
              Born {formatDate(data.subject.dateOfBirth)}
            </>
          ) : null}
          {data.subject.site ? (
            <>
              <br />
              {[data.subject.site, data.subject.unit].filter(Boolean).join(', ')}
            </>
          ) : null}
        </>
      ),
    },
    { key: 'Requester', value: requesterText(data.requester) },
    {
      key: 'Form of release wanted',
      value: data.formOfRelease ? label(formOfReleaseLabels, data.formOfRelease) : 'Not said',
    },
  ];
  if (data.assistance) detailRows.push({ key: 'Help needed', value: data.assistance });
  if (data.urgency?.requested) {
    detailRows.push({
      key: 'Urgency',
      value: (
        <>
          Asked for{data.urgency.reason ? `: ${data.urgency.reason}` : ''}
          <br />
          {data.urgency.decision
            ? `Decision: ${humanise(data.urgency.decision)}${data.urgency.decisionReason ? ` (${data.urgency.decisionReason})` : ''}`
            : 'Not decided yet'}
        </>
      ),
    });
  }
  if (data.routingReason) detailRows.push({ key: 'Routing', value: data.routingReason });
  if (data.extension) {
    detailRows.push({
      key: 'Extension',
      value: `Extended to ${formatDate(data.extension.newDueDate)} (${extensionGrounds[data.extension.ground] ?? humanise(data.extension.ground)}), notice dated ${formatDate(data.extension.noticeDate)}: ${data.extension.reason}`,
    });
  }
  if (data.transfer) {
    detailRows.push({
      key: 'Transfer',
      value: `To ${data.transfer.agency}, notice dated ${formatDate(data.transfer.noticeDate)}: ${data.transfer.reason}`,
    });
  }
  if (data.clarification) {
    detailRows.push({
      key: 'Clarification',
      value: (
        <>
          Asked: {data.clarification.question}
          {data.clarification.answer ? (
            <>
              <br />
              Answer: {data.clarification.answer}
            </>
          ) : null}
        </>
      ),
    });
  }
  if (data.lastReleaseDate) detailRows.push({ key: 'Last release to this person', value: formatDate(data.lastReleaseDate) });

  return (
    <>
      {flash ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{flash}</p>
        </NotificationBanner>
      ) : null}
      <div className="app-identity govuk-!-margin-bottom-6">
        <div>
          <span className="govuk-caption-l">Request {data.reference}</span>
          <h1 className="govuk-heading-l app-identity__heading">
            {data.subjectName}
            {data.urgent ? (
              <>
                {' '}
                <Tag colour="red">Urgent</Tag>
              </>
            ) : null}
            {data.escalatedToComplaint ? (
              <>
                {' '}
                <Tag colour="orange">Now a complaint</Tag>
              </>
            ) : null}
          </h1>
          <SummaryList rows={headerRows} noBorder />
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">What they asked for</h2>
          <p className="govuk-body app-break" style={{ whiteSpace: 'pre-wrap' }}>
            {data.description}
          </p>
          <SummaryList rows={detailRows} />
          <h2 className="govuk-heading-m" id="timeline">
            Timeline
          </h2>
          {data.timeline.length === 0 ? (
            <p className="govuk-body">Nothing has happened yet.</p>
          ) : (
            <ol className="moj-timeline" aria-labelledby="timeline">
              {[...data.timeline].reverse().map((entry, index) => (
                <li className="moj-timeline__item" key={`${entry.at}-${index}`}>
                  <div className="moj-timeline__header">
                    <h3 className="moj-timeline__title">{humanise(entry.type)}</h3>
                    <p className="moj-timeline__byline"> by {entry.actor?.name ?? 'Tiaki'}</p>
                  </div>
                  <p className="moj-timeline__date">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </p>
                  {entry.summary ? <p className="moj-timeline__description">{entry.summary}</p> : null}
                </li>
              ))}
            </ol>
          )}
          {data.kind === 'access' && canReadAccessLog(user.role) ? (
            <AccessLog personId={data.subject.id} />
          ) : null}
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Actions</h2>
          {actions.length === 0 && steps.length === 0 ? (
            <p className="govuk-body">There is nothing your role can do on this request now.</p>
          ) : (
            <ul className="app-side-actions">
              {steps.map(({ step, label, page }) => (
                <li key={step}>
                  <Link
                    className="govuk-link govuk-!-font-weight-bold"
                    to={`/work/requests/${data.id}/${page}`}
                  >
                    {label}
                  </Link>
                </li>
              ))}
              {actions.map((action) => (
                <li key={action}>
                  <Link className="govuk-link" to={`/work/requests/${data.id}/${action}`}>
                    {actionLabel(action)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <ul className="app-side-actions">
            <li>
              <Link className="govuk-link" to={`/work/requests/${data.id}/receipt`}>
                Print the receipt
              </Link>
            </li>
            <li>
              <a className="govuk-link" href={`/api/requests/${data.id}/receipt.pdf`}>
                Receipt as a PDF
              </a>
            </li>
          </ul>
          <h2 className="govuk-heading-m" id="case-work-heading">
            Case work
          </h2>
          <ul className="app-side-actions" aria-labelledby="case-work-heading">
            <li>
              <Link className="govuk-link" to={`/work/requests/${data.id}/documents`}>
                Documents
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={`/work/requests/${data.id}/decision`}>
                Decision
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to={`/work/requests/${data.id}/release`}>
                Release
              </Link>
            </li>
          </ul>
          {data.earlierRequests.length > 0 ? (
            <>
              <h2 className="govuk-heading-s">Earlier requests by this person</h2>
              <ul className="govuk-list">
                {data.earlierRequests.map((earlier) => (
                  <li key={earlier.id}>
                    <Link className="govuk-link" to={`/work/requests/${earlier.id}`}>
                      {earlier.reference}
                    </Link>{' '}
                    <span className="app-secondary-text">
                      {formatDate(earlier.receivedAt)}, {humanise(earlier.status)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

const extensionGrounds: Record<string, string> = {
  'large-quantity': 'large quantity of information or search',
  consultations: 'consultations needed',
};

function requesterText(requester: RequestDetail['requester']): string {
  if (!requester || requester.relationship !== 'agent') return 'The person themselves';
  const authority = requester.authorityConfirmed
    ? 'authority confirmed'
    : requester.authorityMethod
      ? `authority given by ${requester.authorityMethod === 'document' ? 'document' : 'recorded confirmation'}, not yet checked`
      : 'authority not yet confirmed';
  return `${requester.name ?? 'Someone'} acting for them (${authority})${requester.contact ? `, contact: ${requester.contact}` : ''}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function DueExplanation({
  explanation,
  extended,
}: {
  explanation: NonNullable<RequestDetail['dueExplanation']>;
  extended: boolean;
}) {
  return (
    <Details summary="How this date was worked out">
      {extended && explanation.from ? (
        <p className="govuk-body">
          The original due date, {formatDate(explanation.from, { weekday: true })}, was extended by{' '}
          {explanation.workingDays} working days ({explanation.rule ?? 'Privacy Act 2020 s 48'}), counted from
          the day after it. The new due date is {formatDate(explanation.due, { weekday: true })}.
        </p>
      ) : (
        <p className="govuk-body">
          Received on {formatDate(explanation.received, { weekday: true })}. The decision is due on the{' '}
          {ordinal(explanation.workingDays)} working day after the day it was received (
          {explanation.rule ?? 'Privacy Act 2020 s 44'}), counted from the day after:{' '}
          {formatDate(explanation.due, { weekday: true })}.
        </p>
      )}
      {extended ? (
        <p className="govuk-body">
          The time limit has since been extended (s 48); the due date above is the new one.
        </p>
      ) : null}
    </Details>
  );
}
