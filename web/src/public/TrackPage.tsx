import { useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Link } from '../router.tsx';
import {
  Button,
  ErrorSummary,
  Form,
  problemFor,
  problemsFromApi,
  TextInput,
  type Problem,
} from '../components/forms.tsx';
import { SummaryList, useTitle } from '../components/ui.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import type { TrackAnswer } from '../types.ts';
import { PublicFrame, PUBLIC_SERVICE } from './state.tsx';

/** Track a request with its reference and the verification code emailed to the requester. */
export function TrackPage() {
  const [reference, setReference] = useState('');
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<TrackAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useTitle(
    result ? `Request ${result.reference}` : 'Track your request',
    PUBLIC_SERVICE,
    problems.length > 0,
  );

  const submit = async () => {
    const found: Problem[] = [];
    if (!reference.trim()) found.push({ target: 'reference', message: 'Enter your reference number' });
    if (!code.trim()) found.push({ target: 'code', message: 'Enter the verification code from your email' });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const answer = await api<TrackAnswer>('POST', '/api/public/track', {
        reference: reference.trim().toUpperCase(),
        code: code.trim(),
      });
      setResult(answer);
      setCode('');
      window.setTimeout(() => resultHeading.current?.focus(), 0);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 404) {
        setProblems([
          {
            target: 'reference',
            message:
              'We could not find a request with that reference number and code. Check both and try again.',
          },
        ]);
      } else if (error.status === 429) {
        setProblems([{ target: null, message: 'Too many tries. Wait a few minutes, then try again.' }]);
      } else {
        setProblems(problemsFromApi(error.fields, { reference: 'reference', code: 'code' }, error.message));
      }
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <PublicFrame>
        <span className="govuk-caption-l">Track your request</span>
        <h1 className="govuk-heading-l" tabIndex={-1} ref={resultHeading}>
          Request {result.reference}
        </h1>
        <SummaryList
          rows={[
            { key: 'Reference', value: result.reference },
            { key: 'Where it is up to', value: result.statusText },
            { key: 'We will reply by', value: formatDate(result.decisionDueDate, { weekday: true }) },
          ]}
        />
        <h2 className="govuk-heading-m" id="steps">
          What has happened
        </h2>
        {result.steps.length === 0 ? (
          <p className="govuk-body">Nothing yet.</p>
        ) : (
          <ol className="moj-timeline" aria-labelledby="steps">
            {[...result.steps].reverse().map((step, index) => (
              <li className="moj-timeline__item" key={`${step.at}-${index}`}>
                <p className="moj-timeline__title">{step.text}</p>
                <p className="moj-timeline__date">
                  <time dateTime={step.at}>{formatDateTime(step.at)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
        <p className="govuk-body">
          <button type="button" className="app-link-button" onClick={() => setResult(null)}>
            Track another request
          </button>
        </p>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame>
      <ErrorSummary problems={problems} />
      <h1 className="govuk-heading-l">Track your request</h1>
      <p className="govuk-body">
        Enter the reference number we gave you and the verification code we emailed to you when you made the
        request.
      </p>
      <Form onSubmit={() => void submit()}>
        <TextInput
          id="reference"
          label="Reference number"
          hint="For example, TK-2026-000123"
          value={reference}
          onChange={setReference}
          width="20"
          error={problemFor(problems, 'reference')}
        />
        <TextInput
          id="code"
          label="Verification code"
          autoComplete="one-time-code"
          value={code}
          onChange={setCode}
          width="10"
          error={problemFor(problems, 'code')}
        />
        <Button disabled={busy}>Show my request</Button>
      </Form>
      <p className="govuk-body">
        Lost your code? Contact the privacy team, or <Link to="/request">make a new request</Link>.
      </p>
    </PublicFrame>
  );
}
