import { useState } from 'react';
import { api } from '../../api.ts';
import { Button, ButtonGroup, Form, problemFor, TextArea, type Problem } from '../../components/forms.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useApi } from '../hooks.ts';
import type { RunCommand } from './page-command.ts';
import { SectionState } from './RequestFrame.tsx';
import type { CorrectionRecipient, CorrectionStatement, DecisionAnswer } from './types.ts';

/** Outcomes after which the person may have a statement of correction attached (IPP 7, s 63). */
const statementOutcomes = ['correction-refused', 'corrected-in-part'];

/**
 * The person's statements of correction, recorded when the agency does not correct the information
 * (IPP 7): the statement, and the earlier recipients of the information to tell where practicable.
 */
export function CorrectionStatements({
  requestId,
  role,
  version,
  problems,
  busy,
  onProblems,
  run,
}: {
  requestId: string;
  role: string;
  version: number;
  problems: Problem[];
  busy: boolean;
  onProblems: (problems: Problem[]) => void;
  run: RunCommand;
}) {
  const path = `/api/requests/${encodeURIComponent(requestId)}`;
  const statements = useApi<{ statements: CorrectionStatement[] }>(`${path}/correction-statements`, version);
  const decision = useApi<DecisionAnswer>(role === 'officer' ? `${path}/decision` : null, version);
  const current = decision.kind === 'ready' ? decision.data.decision : null;
  const mayRecord =
    role === 'officer' && current?.status === 'approved' && statementOutcomes.includes(current.outcome);

  return (
    <section aria-labelledby="statements-heading">
      <h2 className="govuk-heading-m" id="statements-heading">
        Statements of correction
      </h2>
      <p className="govuk-body">
        When information is not corrected as asked, the person may have a statement of the correction they
        sought attached to it. It is shown wherever that information is displayed or later released, and
        earlier recipients are told where practicable (IPP 7).
      </p>
      {statements.kind !== 'ready' ? (
        <SectionState state={statements} what="the statements of correction" />
      ) : statements.data.statements.length === 0 ? (
        <p className="govuk-body">No statement of correction has been recorded for this person.</p>
      ) : (
        statements.data.statements.map((statement) => (
          <StatementCard key={statement.id} statement={statement} role={role} busy={busy} run={run} />
        ))
      )}
      {mayRecord ? (
        <StatementForm
          requestId={requestId}
          problems={problems}
          busy={busy}
          onProblems={onProblems}
          run={run}
        />
      ) : role === 'officer' ? (
        <p className="govuk-body">
          A statement can be recorded once a decision refusing the correction, in whole or in part, is
          approved.
        </p>
      ) : null}
    </section>
  );
}

function StatementForm({
  requestId,
  problems,
  busy,
  onProblems,
  run,
}: {
  requestId: string;
  problems: Problem[];
  busy: boolean;
  onProblems: (problems: Problem[]) => void;
  run: RunCommand;
}) {
  const [information, setInformation] = useState('');
  const [statement, setStatement] = useState('');
  const submit = () => {
    const found: Problem[] = [];
    if (!information.trim())
      found.push({
        target: 'statement-information',
        message: 'Enter which information the statement is about',
      });
    if (!statement.trim()) found.push({ target: 'statement-text', message: 'Enter the person’s statement' });
    if (found.length > 0) {
      onProblems(found);
      return;
    }
    void run(
      () =>
        api('POST', `/api/requests/${encodeURIComponent(requestId)}/correction-statements`, {
          information: information.trim(),
          statement: statement.trim(),
        }),
      'Statement of correction recorded',
    ).then((ok) => {
      if (!ok) return;
      setInformation('');
      setStatement('');
    });
  };
  return (
    <Form onSubmit={submit} label="Record a statement of correction">
      <h3 className="govuk-heading-s">Record a statement of correction</h3>
      <TextArea
        id="statement-information"
        label="Which information is the statement about?"
        value={information}
        onChange={setInformation}
        error={problemFor(problems, 'statement-information')}
        rows={3}
      />
      <TextArea
        id="statement-text"
        label="The person’s statement"
        hint="In their words: the correction they asked for and was not made."
        value={statement}
        onChange={setStatement}
        error={problemFor(problems, 'statement-text')}
      />
      <ButtonGroup>
        <Button disabled={busy}>Record the statement</Button>
      </ButtonGroup>
    </Form>
  );
}

function StatementCard({
  statement,
  role,
  busy,
  run,
}: {
  statement: CorrectionStatement;
  role: string;
  busy: boolean;
  run: RunCommand;
}) {
  const headingId = `statement-${statement.id}-heading`;
  const captionId = `statement-${statement.id}-recipients`;
  const notify = (recipient: string) =>
    void run(
      () =>
        api('POST', `/api/correction-statements/${encodeURIComponent(statement.id)}/notify`, { recipient }),
      `Recorded that ${recipient} was told of the statement`,
    );
  return (
    <section className="govuk-summary-card" aria-labelledby={headingId}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" id={headingId}>
          Statement recorded {formatDateTime(statement.recordedAt)} (request {statement.reference})
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Information</dt>
            <dd className="govuk-summary-list__value app-preserve-lines">{statement.information}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Statement</dt>
            <dd className="govuk-summary-list__value app-preserve-lines">{statement.statement}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Recorded by</dt>
            <dd className="govuk-summary-list__value">{statement.recordedBy?.name ?? 'Not recorded'}</dd>
          </div>
        </dl>
        {statement.recipients.length === 0 ? (
          <p className="govuk-body">
            The information has not been disclosed to anyone, so there is no one to tell.
          </p>
        ) : (
          <div
            className="app-table-scroll app-table-scroll--narrow"
            role="region"
            aria-labelledby={captionId}
            tabIndex={0}
          >
            <table className="govuk-table">
              <caption className="govuk-table__caption" id={captionId}>
                Earlier recipients to tell
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="govuk-table__header">
                    Recipient
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Disclosed
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Told
                  </th>
                </tr>
              </thead>
              <tbody>
                {statement.recipients.map((recipient) => (
                  <tr key={recipient.recipient}>
                    <td className="govuk-table__cell app-break">{recipient.recipient}</td>
                    <td className="govuk-table__cell">{formatDate(recipient.disclosedAt)}</td>
                    <td className="govuk-table__cell">
                      <Told recipient={recipient} />
                      {!recipient.notifiedAt && role === 'officer' ? (
                        <Button
                          type="button"
                          variant="secondary"
                          disabled={busy}
                          onClick={() => notify(recipient.recipient)}
                        >
                          Mark as told<span className="govuk-visually-hidden"> ({recipient.recipient})</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

function Told({ recipient }: { recipient: CorrectionRecipient }) {
  if (!recipient.notifiedAt) return <p className="govuk-body-s">Not yet</p>;
  const by = recipient.notifiedBy ? ` by ${recipient.notifiedBy}` : '';
  return <>{`${formatDateTime(recipient.notifiedAt)}${by}`}</>;
}
