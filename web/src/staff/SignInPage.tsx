import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { navigate } from '../router.tsx';
import {
  Button,
  ErrorSummary,
  Form,
  problemFor,
  problemsFromApi,
  TextInput,
  type Problem,
} from '../components/forms.tsx';
import { NotificationBanner, useTitle } from '../components/ui.tsx';
import type { Session } from '../types.ts';
import { STAFF_SERVICE } from './session.tsx';

/** Staff sign-in: email and passphrase; the session cookie is HttpOnly, the CSRF token stays in memory. */
export function SignInPage({
  next,
  reason,
  onSignedIn,
}: {
  next: string;
  reason: string | null;
  onSignedIn: (session: Session) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useTitle('Sign in', STAFF_SERVICE, problems.length > 0);

  const submit = async () => {
    const found: Problem[] = [];
    if (!email.trim()) found.push({ target: 'email', message: 'Enter your email address' });
    if (!password) found.push({ target: 'password', message: 'Enter your password' });
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    setBusy(true);
    try {
      const session = await api<Session>('POST', '/api/session', { email: email.trim(), password });
      setPassword('');
      onSignedIn(session);
      navigate(next, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401) {
        setProblems([{ target: 'email', message: 'Email or password is not right' }]);
      } else if (error.status === 429) {
        setProblems([{ target: null, message: error.message }]);
      } else {
        setProblems(problemsFromApi(error.fields, { email: 'email', password: 'password' }, error.message));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {reason ? (
          <NotificationBanner>
            {<p className="govuk-notification-banner__heading">{reason}</p>}
          </NotificationBanner>
        ) : null}
        <ErrorSummary problems={problems} />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in with your work email address and passphrase.</p>
        <Form onSubmit={() => void submit()}>
          <TextInput
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={problemFor(problems, 'email')}
          />
          <TextInput
            id="password"
            label="Passphrase"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={problemFor(problems, 'password')}
          />
          <Button disabled={busy}>Sign in</Button>
        </Form>
        <p className="govuk-body">
          Forgotten your passphrase, or locked out? Ask an administrator to reset your account.
        </p>
      </div>
    </div>
  );
}
