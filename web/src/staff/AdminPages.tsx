import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Link, navigate } from '../router.tsx';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  Form,
  problemFor,
  problemsFromApi,
  Radios,
  TextInput,
  type Problem,
} from '../components/forms.tsx';
import { BackLink, Loading, NotificationBanner, Tag, useTitle } from '../components/ui.tsx';
import { roleLabels } from '../format.ts';
import { staffRoles, type StaffAccount, type StaffRole } from '../types.ts';
import { useApi } from './hooks.ts';
import { clearFlash, peekFlash, setFlash, STAFF_SERVICE, useSession } from './session.tsx';

const roleHints: Record<StaffRole, string> = {
  intake: 'Records paper and spoken requests, triages new requests',
  officer: 'Works on requests: gathers, reviews, drafts',
  'decision-maker': 'Decides refusals and partial releases',
  manager: 'Receives reports of unusual access by their staff',
  auditor: 'Reads the audit trail and statistics',
  admin: 'Manages staff accounts',
};

const roleChoices = staffRoles.map((role) => ({
  value: role,
  label: roleLabels[role] ?? role,
  hint: roleHints[role],
}));

/** Staff accounts: who has access, with which role, and whether the account is disabled. */
export function AdminUsersPage() {
  const users = useApi<{ items: StaffAccount[] }>('/api/users');
  const [flash] = useState(() => peekFlash());
  useEffect(() => clearFlash(), []);
  useTitle('Staff accounts', STAFF_SERVICE);
  return (
    <>
      {flash ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">{flash}</p>
        </NotificationBanner>
      ) : null}
      <h1 className="govuk-heading-l">Staff accounts</h1>
      <Link className="govuk-button" to="/admin/users/new" draggable={false}>
        Add a staff account
      </Link>
      {users.kind === 'loading' ? <Loading /> : null}
      {users.kind === 'error' ? <p className="govuk-body">{users.error.message}</p> : null}
      {users.kind === 'ready' ? (
        <div className="app-table-scroll" role="region" aria-labelledby="accounts-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption" id="accounts-caption">
              {users.data.items.length} accounts
            </caption>
            <thead>
              <tr>
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Email
                </th>
                <th scope="col" className="govuk-table__header">
                  Role
                </th>
                <th scope="col" className="govuk-table__header">
                  Team and site
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id}>
                  <td className="govuk-table__cell">{user.name}</td>
                  <td className="govuk-table__cell app-break">{user.email}</td>
                  <td className="govuk-table__cell">{roleLabels[user.role] ?? user.role}</td>
                  <td className="govuk-table__cell">
                    {[user.team, user.site].filter(Boolean).join(', ') || 'None'}
                  </td>
                  <td className="govuk-table__cell">
                    {user.disabled ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag>}
                  </td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/admin/users/${user.id}`}>
                      Change<span className="govuk-visually-hidden"> {user.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

const accountTargets = {
  email: 'email',
  name: 'name',
  role: 'role',
  password: 'password',
  team: 'team',
  site: 'site',
};

/** A new staff account. The first passphrase is given to the person, who should change it. */
export function AdminUserNewPage() {
  const [values, setValues] = useState({ email: '', name: '', role: '', team: '', site: '', password: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useTitle('Add a staff account', STAFF_SERVICE, problems.length > 0);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = async () => {
    const found: Problem[] = [];
    if (!values.name.trim()) found.push({ target: 'name', message: 'Enter their full name' });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email.trim())) {
      found.push({
        target: 'email',
        message: 'Enter an email address in the correct format, like name@example.govt.nz',
      });
    }
    if (!values.role) found.push({ target: 'role', message: 'Select a role' });
    if ([...values.password].length < 16)
      found.push({ target: 'password', message: 'Passphrase must be at least 16 characters' });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api('POST', '/api/users', {
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
        password: values.password,
        ...(values.team.trim() ? { team: values.team.trim() } : {}),
        ...(values.site.trim() ? { site: values.site.trim() } : {}),
      });
      setFlash(`Account added for ${values.name.trim()}`);
      navigate('/admin');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblems(problemsFromApi(error.fields, accountTargets, error.message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin">Back to staff accounts</BackLink>
        <ErrorSummary problems={problems} />
        <h1 className="govuk-heading-l">Add a staff account</h1>
        <Form onSubmit={() => void submit()}>
          <TextInput
            id="name"
            label="Full name"
            value={values.name}
            onChange={set('name')}
            width="30"
            error={problemFor(problems, 'name')}
          />
          <TextInput
            id="email"
            label="Work email address"
            type="email"
            value={values.email}
            onChange={set('email')}
            width="30"
            error={problemFor(problems, 'email')}
          />
          <Radios
            id="role"
            legend="Role"
            choices={roleChoices}
            value={values.role}
            onChange={set('role')}
            error={problemFor(problems, 'role')}
          />
          <TextInput
            id="team"
            label="Team (optional)"
            hint="Officers see their team’s requests"
            value={values.team}
            onChange={set('team')}
            width="20"
          />
          <TextInput
            id="site"
            label="Site (optional)"
            value={values.site}
            onChange={set('site')}
            width="20"
          />
          <TextInput
            id="password"
            label="First passphrase"
            hint="At least 16 characters. Give it to them privately."
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
            width="30"
            error={problemFor(problems, 'password')}
          />
          <ButtonGroup>
            <Button disabled={busy}>Add account</Button>
            <Link className="govuk-link" to="/admin">
              Cancel
            </Link>
          </ButtonGroup>
        </Form>
      </div>
    </div>
  );
}

/** Change a staff account's name, role, team, site, or disable it. */
export function AdminUserEditPage({ id }: { id: string }) {
  const users = useApi<{ items: StaffAccount[] }>('/api/users');
  const { user: me } = useSession();
  const account =
    users.kind === 'ready' ? users.data.items.find((candidate) => candidate.id === id) : undefined;
  useTitle(account ? `Change ${account.name}` : 'Change a staff account', STAFF_SERVICE);
  if (users.kind === 'loading') return <Loading />;
  if (!account) {
    return (
      <>
        <h1 className="govuk-heading-l">Account not found</h1>
        <p className="govuk-body">
          <Link to="/admin">Back to staff accounts</Link>
        </p>
      </>
    );
  }
  return <AccountForm account={account} isSelf={account.id === me.id} />;
}

function AccountForm({ account, isSelf }: { account: StaffAccount; isSelf: boolean }) {
  const [values, setValues] = useState<{
    name: string;
    role: string;
    team: string;
    site: string;
    status: string;
  }>({
    name: account.name,
    role: account.role,
    team: account.team ?? '',
    site: account.site ?? '',
    status: account.disabled ? 'disabled' : 'active',
  });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useTitle(`Change ${account.name}`, STAFF_SERVICE, problems.length > 0);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = async () => {
    const found: Problem[] = [];
    if (!values.name.trim()) found.push({ target: 'name', message: 'Enter their full name' });
    if (isSelf && values.status === 'disabled')
      found.push({ target: 'status', message: 'You cannot disable your own account' });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await api('PATCH', `/api/users/${encodeURIComponent(account.id)}`, {
        name: values.name.trim(),
        role: values.role,
        team: values.team.trim() || null,
        site: values.site.trim() || null,
        disabled: values.status === 'disabled',
      });
      setFlash(`Account for ${values.name.trim()} changed`);
      navigate('/admin');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblems(problemsFromApi(error.fields, { ...accountTargets, disabled: 'status' }, error.message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin">Back to staff accounts</BackLink>
        <ErrorSummary problems={problems} />
        <span className="govuk-caption-l app-break">{account.email}</span>
        <h1 className="govuk-heading-l">Change {account.name}</h1>
        <Form onSubmit={() => void submit()}>
          <TextInput
            id="name"
            label="Full name"
            value={values.name}
            onChange={set('name')}
            width="30"
            error={problemFor(problems, 'name')}
          />
          <Radios
            id="role"
            legend="Role"
            choices={roleChoices}
            value={values.role}
            onChange={set('role')}
            error={problemFor(problems, 'role')}
          />
          <TextInput
            id="team"
            label="Team (optional)"
            value={values.team}
            onChange={set('team')}
            width="20"
          />
          <TextInput
            id="site"
            label="Site (optional)"
            value={values.site}
            onChange={set('site')}
            width="20"
          />
          <Radios
            id="status"
            legend="Can this person sign in?"
            hint="Disabling ends their sessions. Their history stays in the audit trail."
            choices={[
              { value: 'active', label: 'Yes, the account is active' },
              { value: 'disabled', label: 'No, disable the account' },
            ]}
            value={values.status}
            onChange={set('status')}
            error={problemFor(problems, 'status')}
          />
          <ButtonGroup>
            <Button disabled={busy}>Save changes</Button>
            <Link className="govuk-link" to="/admin">
              Cancel
            </Link>
          </ButtonGroup>
        </Form>
      </div>
    </div>
  );
}
