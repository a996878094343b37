import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.ts';
import { navigate } from '../router.tsx';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  Form,
  problemFor,
  problemsFromApi,
  TextArea,
  type Problem,
} from '../components/forms.tsx';
import { Loading } from '../components/ui.tsx';

// The "reason when no relationship" interruption card (docs/audit-api.md): before a person's record is
// shown, the server says whether a work relationship explains opening it; when none does, the staff
// member says why. Until then the record is not rendered at all (not merely hidden), so nothing of it
// reaches the screen, a screen reader or the DOM.

/** The answer of GET /api/audit/access-check (and `access` in GET /api/people/:id). */
export interface AccessCheck {
  needsReason: boolean;
  reasons: string[];
  reasonGiven: boolean;
}

type GateState =
  { kind: 'checking' } | { kind: 'error'; error: ApiError } | { kind: 'needs-reason' } | { kind: 'open' };

/** The shortest and longest reason the card accepts (the server trims and asks for at least 5 characters). */
export const REASON_MIN = 5;
export const REASON_MAX = 1000;

/**
 * What the card says about a reason as typed, or null when it may be sent.
 * @example reasonProblem('  no ') // 'Say why you need to open this record, in at least 5 characters'
 */
export function reasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text.length === 0) return 'Say why you need to open this person’s record';
  if (text.length < REASON_MIN)
    return `Say why you need to open this record, in at least ${REASON_MIN} characters`;
  if (text.length > REASON_MAX) return `Reason must be ${REASON_MAX} characters or fewer`;
  return null;
}

/**
 * Shows `children` (the record) only once opening the person's record is explained: checks with the
 * server first (or takes `known`, as a person page gets it in its own answer), and otherwise shows the
 * interruption card. `placeholder` (a reference, never the record) is shown above the card.
 */
export function AccessGate({
  personId,
  known,
  placeholder,
  children,
}: {
  personId: string;
  known?: AccessCheck;
  placeholder: ReactNode;
  children: ReactNode;
}) {
  const [state, setState] = useState<GateState>(() =>
    known ? (known.needsReason ? { kind: 'needs-reason' } : { kind: 'open' }) : { kind: 'checking' },
  );
  const [attempt, setAttempt] = useState(0);
  const knownNeedsReason = known?.needsReason;

  useEffect(() => {
    if (knownNeedsReason !== undefined) return;
    const controller = new AbortController();
    setState({ kind: 'checking' });
    api<AccessCheck>(
      'GET',
      `/api/audit/access-check?personId=${encodeURIComponent(personId)}`,
      undefined,
      controller.signal,
    ).then(
      (check) => setState(check.needsReason ? { kind: 'needs-reason' } : { kind: 'open' }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        // Fail closed: a check that could not be made never shows the record.
        setState({
          kind: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [personId, knownNeedsReason, attempt]);

  if (state.kind === 'open') return <>{children}</>;
  if (state.kind === 'checking') {
    return (
      <>
        {placeholder}
        <Loading>Checking your access to this record…</Loading>
      </>
    );
  }
  if (state.kind === 'error') {
    return (
      <>
        {placeholder}
        <h1 className="govuk-heading-l">Could not check your access to this record</h1>
        <p className="govuk-body">{state.error.message}</p>
        <ButtonGroup>
          <Button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </Button>
        </ButtonGroup>
      </>
    );
  }
  return (
    <>
      {placeholder}
      <InterruptionCard personId={personId} onGiven={() => setState({ kind: 'open' })} />
    </>
  );
}

/** The card itself: one question, a text box, Continue and Go back. */
export function InterruptionCard({ personId, onGiven }: { personId: string; onGiven: () => void }) {
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The card replaces what the person came for: say so first (unless an error summary takes focus).
    heading.current?.focus();
  }, []);

  useEffect(() => {
    document.title = `${problems.length > 0 ? 'Error: ' : ''}Why do you need this record? – Tiaki workbench`;
  }, [problems]);

  const submit = async () => {
    const problem = reasonProblem(reason);
    if (problem) {
      setProblems([{ target: 'access-reason', message: problem }]);
      return;
    }
    setBusy(true);
    try {
      await api('POST', '/api/audit/access-reasons', { personId, reason: reason.trim() });
      onGiven();
      // The record replaces the card: start reading it from the top.
      window.setTimeout(() => document.getElementById('main-content')?.focus(), 0);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblems(
        error.fields.length > 0
          ? problemsFromApi(error.fields, { reason: 'access-reason' })
          : [{ target: null, message: error.message }],
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary problems={problems} />
        <div className="app-interruption-card" role="region" aria-labelledby="interruption-heading">
          <h1 className="govuk-heading-l" id="interruption-heading" tabIndex={-1} ref={heading}>
            Why do you need this record?
          </h1>
          <p className="govuk-body" id="interruption-text">
            You have no recorded work reason to open this person’s record. Why do you need it?
          </p>
          <p className="govuk-body">
            What you write is recorded and shown to your manager and the auditors with this access. It
            explains the access for their review; it does not approve it.
          </p>
          <Form onSubmit={() => void submit()} label="Why you need this record">
            <TextArea
              id="access-reason"
              label="Your reason"
              hint={`Between ${REASON_MIN} and ${REASON_MAX} characters. For example, the unit manager asked you to check a release date.`}
              value={reason}
              onChange={setReason}
              error={problemFor(problems, 'access-reason')}
              rows={4}
            />
            <ButtonGroup>
              <Button disabled={busy}>Continue</Button>
              <Button type="button" variant="secondary" onClick={() => navigate('/work')}>
                Go back
              </Button>
            </ButtonGroup>
          </Form>
        </div>
      </div>
    </div>
  );
}
