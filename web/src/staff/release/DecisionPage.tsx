import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  Form,
  problemFor,
  TextArea,
  type Problem,
} from '../../components/forms.tsx';
import { BackLink, InsetText, NotificationBanner, Panel, useTitle } from '../../components/ui.tsx';
import { Link } from '../../router.tsx';
import { formatDateTime } from '../../format.ts';
import type { RequestDetail } from '../../types.ts';
import { useApi } from '../hooks.ts';
import { STAFF_SERVICE, useSession } from '../session.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { DecisionStatusTag, DecisionSummary } from './DecisionSummary.tsx';
import { decisionInputIds } from './decision-form.ts';
import { Letters } from './Letters.tsx';
import { outcomeLabels, releasingOutcomes, words } from './labels.ts';
import { usePageCommand, type RunCommand } from './page-command.ts';
import { RequestFrame, SectionState } from './RequestFrame.tsx';
import type { Decision, DecisionAnswer } from './types.ts';

/** Where the server's field paths show on this page. */
const pageTargets: Record<string, string> = { ...decisionInputIds, note: 'approval-note' };

/** Statuses in which no new decision is drafted. */
const finishedStatuses = ['released', 'closed', 'withdrawn', 'transferred'];

/** /work/requests/:id/decision: the decision, its approval (C.09.05), its history and the letters. */
export function DecisionPage({ id }: { id: string }) {
  return (
    <RequestFrame id={id} pageName="Decision">
      {(request) => <DecisionWork request={request} />}
    </RequestFrame>
  );
}

function DecisionWork({ request }: { request: RequestDetail }) {
  const { user } = useSession();
  const { problems, setProblems, busy, announcement, version, run } = usePageCommand(pageTargets);
  const answer = useApi<DecisionAnswer>(`/api/requests/${encodeURIComponent(request.id)}/decision`, version);
  useTitle(`Decision – ${request.reference}`, STAFF_SERVICE, problems.length > 0);
  const back = `/work/requests/${encodeURIComponent(request.id)}`;

  const [handedBack, setHandedBack] = useState<HandedBack | null>(null);
  const current = answer.kind === 'ready' ? answer.data.decision : null;
  const canDraft =
    user.role === 'officer' &&
    !finishedStatuses.includes(request.status) &&
    (current === null || current.status === 'draft' || current.status === 'returned');

  if (handedBack) return <HandedBackPanel request={request} handedBack={handedBack} />;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={back}>Back to {request.reference}</BackLink>
        {announcement ? (
          <NotificationBanner success key={announcement.key}>
            <p className="govuk-notification-banner__heading">{announcement.message}</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary problems={problems} />
        <span className="govuk-caption-l">
          {request.reference}, {request.subjectName}
        </span>
        <h1 className="govuk-heading-l">Decision</h1>
        {answer.kind !== 'ready' ? (
          <SectionState state={answer} what="the decision" />
        ) : (
          <>
            <section aria-labelledby="current-decision-heading">
              <h2 className="govuk-heading-m" id="current-decision-heading">
                Current decision
              </h2>
              {current ? (
                <>
                  <DecisionSummary decision={current} />
                  <CurrentDecisionActions
                    decision={current}
                    request={request}
                    role={user.role}
                    busy={busy}
                    problems={problems}
                    onProblems={setProblems}
                    onHandedBack={setHandedBack}
                    run={run}
                  />
                </>
              ) : (
                <p className="govuk-body">No decision has been drafted yet.</p>
              )}
            </section>
            {canDraft ? (
              <section aria-labelledby="draft-heading">
                <h2 className="govuk-heading-m" id="draft-heading">
                  {current ? 'Change the draft' : 'Draft the decision'}
                </h2>
                <DecisionForm
                  key={current?.id ?? 'new'}
                  request={request}
                  current={current}
                  suggestedGrounds={answer.data.suggestedGrounds}
                  problems={problems}
                  busy={busy}
                  onProblems={setProblems}
                  onSave={(body) =>
                    void run(
                      () => api('POST', `/api/requests/${encodeURIComponent(request.id)}/decision`, body),
                      'Draft decision saved',
                    )
                  }
                />
              </section>
            ) : null}
            <Letters request={request} letters={answer.data.letters} role={user.role} busy={busy} run={run} />
            <History history={answer.data.history.filter((decision) => decision.id !== current?.id)} />
          </>
        )}
      </div>
    </div>
  );
}

function CurrentDecisionActions({
  decision,
  request,
  role,
  busy,
  problems,
  onProblems,
  onHandedBack,
  run,
}: {
  decision: Decision;
  request: RequestDetail;
  role: string;
  busy: boolean;
  problems: Problem[];
  onProblems: (problems: Problem[]) => void;
  onHandedBack: (handedBack: HandedBack) => void;
  run: RunCommand;
}) {
  const [note, setNote] = useState('');
  const decisionPath = `/api/decisions/${encodeURIComponent(decision.id)}`;

  if (decision.status === 'draft' && role === 'officer') {
    return (
      <>
        <InsetText>
          {decision.needsApproval
            ? 'When you submit it, the decision maker is asked to approve it (C.09.05). The request waits for their decision.'
            : 'This decision needs no approval: it takes effect when you submit it.'}
        </InsetText>
        <ButtonGroup>
          <Button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(
                () => api('POST', `${decisionPath}/submit`),
                decision.needsApproval ? 'Decision submitted to the decision maker' : 'Decision made',
              )
            }
          >
            {decision.needsApproval ? 'Submit to the decision maker' : 'Submit the decision'}
          </Button>
        </ButtonGroup>
      </>
    );
  }
  if (decision.status === 'submitted' && role === 'decision-maker') {
    // Once decided (or back with the officer) the request leaves the decision maker's sight, so the page
    // says what happened instead of reloading what they may no longer read.
    const approve = () =>
      void run(
        () => api('POST', `${decisionPath}/approve`, note.trim() ? { note: note.trim() } : {}),
        'Decision approved and the decision letter made',
        { reload: false },
      ).then((ok) => ok && onHandedBack({ kind: 'approved', outcome: decision.outcome }));
    const sendBack = () => {
      if (!note.trim()) {
        onProblems([
          { target: 'approval-note', message: 'Say what needs to change before returning the decision' },
        ]);
        return;
      }
      void run(
        () => api('POST', `${decisionPath}/return`, { note: note.trim() }),
        'Decision returned to the officer',
        { reload: false },
      ).then((ok) => ok && onHandedBack({ kind: 'returned', outcome: decision.outcome }));
    };
    return (
      <section aria-labelledby="approval-heading">
        <h2 className="govuk-heading-m" id="approval-heading">
          Approve or return this decision
        </h2>
        <p className="govuk-body">
          You decide every refusal and partial release (C.09.05). Approving it makes the decision letter.
        </p>
        <Form onSubmit={approve} label="Approve or return this decision">
          <TextArea
            id="approval-note"
            label="Note"
            hint="Optional when you approve. When you return it, say what needs to change."
            value={note}
            onChange={setNote}
            error={problemFor(problems, 'approval-note')}
            rows={3}
          />
          <ButtonGroup>
            <Button disabled={busy}>Approve the decision</Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={sendBack}>
              Return to the officer
            </Button>
          </ButtonGroup>
        </Form>
      </section>
    );
  }
  if (decision.status === 'submitted') {
    return <p className="govuk-body">Waiting for the decision maker to approve or return it.</p>;
  }
  if (decision.status === 'approved' && releasingOutcomes.includes(decision.outcome)) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={`/work/requests/${encodeURIComponent(request.id)}/release`}>
          Build and send the release package
        </Link>
      </p>
    );
  }
  return null;
}

interface HandedBack {
  kind: 'approved' | 'returned';
  outcome: string;
}

/** The decision maker's confirmation once the request has left their hands. */
function HandedBackPanel({ request, handedBack }: { request: RequestDetail; handedBack: HandedBack }) {
  const approved = handedBack.kind === 'approved';
  const title = approved ? 'Decision approved' : 'Decision returned to the officer';
  useTitle(`${title} – ${request.reference}`, STAFF_SERVICE);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const officer = request.officer?.name ?? 'The officer';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div tabIndex={-1} ref={panel} className="app-focus-target">
          <Panel title={title}>
            Request {request.reference}: {words(outcomeLabels, handedBack.outcome).toLowerCase()}
          </Panel>
        </div>
        <p className="govuk-body">
          {approved
            ? `The request is decided and the decision letter is made. ${officer} can now build and send the release.`
            : `The request is open again. ${officer} will see your note and draft the decision again.`}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/work">
            Back to the request queues
          </Link>
        </p>
      </div>
    </div>
  );
}

function History({ history }: { history: Decision[] }) {
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 className="govuk-heading-m" id="history-heading">
        Earlier drafts
      </h2>
      <div
        className="app-table-scroll app-table-scroll--narrow"
        role="region"
        aria-labelledby="history-caption"
        tabIndex={0}
      >
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden" id="history-caption">
            Earlier drafts of the decision, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col" className="govuk-table__header">
                Drafted
              </th>
              <th scope="col" className="govuk-table__header">
                Decision
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Note
              </th>
            </tr>
          </thead>
          <tbody>
            {[...history]
              .sort((a, b) => b.draftedAt.localeCompare(a.draftedAt))
              .map((decision) => (
                <tr key={decision.id}>
                  <td className="govuk-table__cell">
                    {formatDateTime(decision.draftedAt)}
                    {decision.draftedBy ? (
                      <>
                        <br />
                        {decision.draftedBy.name}
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">{words(outcomeLabels, decision.outcome)}</td>
                  <td className="govuk-table__cell">
                    <DecisionStatusTag status={decision.status} />
                  </td>
                  <td className="govuk-table__cell app-preserve-lines">{decision.approvalNote ?? ''}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
