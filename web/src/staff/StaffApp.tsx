import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api.ts';
import { Link, matchPath, navigate, useLocation, withQuery } from '../router.tsx';
import { Loading, SkipLink, useFocusOnNavigation, useTitle } from '../components/ui.tsx';
import type { Session } from '../types.ts';
import { roleLabels } from '../format.ts';
import { SessionContext, STAFF_SERVICE, useSession, type StaffSession } from './session.tsx';
import { SignInPage } from './SignInPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { RequestPage } from './RequestPage.tsx';
import { ActionPage } from './ActionPage.tsx';
import { ReceiptPage } from './ReceiptPage.tsx';
import { RecordFlow, RecordProvider } from './RecordFlow.tsx';
import { AdminUsersPage, AdminUserEditPage, AdminUserNewPage } from './AdminPages.tsx';
import { SettingsPage } from './SettingsPage.tsx';
import { canAudit, UsagePage, WeeklyReportPage } from './AuditPages.tsx';
import { PreferencesProvider, useShortcuts } from './shortcuts.tsx';
import { documentRoute } from './documents/documentRoutes.tsx';
import { releaseRoute } from './release/releaseRoutes.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out'; reason: string | null }
  | { kind: 'signed-in'; session: Session };

/** The staff workbench: sign-in, queues, request pages, recording, admin. */
export default function StaffApp() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const location = useLocation();

  useEffect(() => {
    const controller = new AbortController();
    api<Session>('GET', '/api/session', undefined, controller.signal).then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setState({ kind: 'signed-in', session });
      },
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setState({ kind: 'signed-out', reason: null });
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({
        kind: 'signed-out',
        reason: 'You have been signed out because the session ended. Sign in again to carry on.',
      });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ kind: 'signed-in', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/api/session');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    setCsrfToken(null);
    setState({ kind: 'signed-out', reason: null });
    navigate('/work/sign-in', { replace: true });
  }, []);

  const staffSession = useMemo<StaffSession | null>(
    () => (state.kind === 'signed-in' ? { user: state.session.user, signOut } : null),
    [state, signOut],
  );

  useFocusOnNavigation(location.pathname);

  if (state.kind === 'loading') {
    return (
      <Frame>
        <Loading />
      </Frame>
    );
  }
  if (state.kind === 'signed-out' || !staffSession) {
    const next =
      location.pathname === '/work/sign-in' ? (location.search.get('next') ?? '/work') : location.href;
    return (
      <Frame>
        <SignInPage
          next={safeNext(next)}
          reason={state.kind === 'signed-out' ? state.reason : null}
          onSignedIn={signedIn}
        />
      </Frame>
    );
  }
  return (
    <SessionContext.Provider value={staffSession}>
      <PreferencesProvider userId={staffSession.user.id}>
        <RecordProvider>
          <Frame signedIn>
            <StaffRoutes />
          </Frame>
        </RecordProvider>
      </PreferencesProvider>
    </SessionContext.Provider>
  );
}

/** Only same-app paths are followed after sign-in (no open redirect). */
function safeNext(next: string): string {
  if (!next.startsWith('/') || next.startsWith('//')) return '/work';
  if (next.startsWith('/work/sign-in')) return '/work';
  return next;
}

function StaffRoutes() {
  const { pathname } = useLocation();
  const { user } = useSession();
  useShortcuts();

  if (pathname === '/work/sign-in') return <Redirect to="/work" />;
  if (pathname === '/work' || pathname === '/work/') return <QueuePage />;
  if (pathname === '/work/settings') return <SettingsPage />;
  const receipt = matchPath('/work/requests/:id/receipt', pathname);
  if (receipt) return <ReceiptPage id={receipt.id ?? ''} />;
  const casework = documentRoute(pathname) ?? releaseRoute(pathname);
  if (casework) return casework;
  const action = matchPath('/work/requests/:id/:action', pathname);
  if (action) return <ActionPage id={action.id ?? ''} action={action.action ?? ''} />;
  const request = matchPath('/work/requests/:id', pathname);
  if (request) return <RequestPage id={request.id ?? ''} />;
  if (pathname === '/work/audit' || pathname === '/work/audit/')
    return canAudit(user.role) ? <WeeklyReportPage /> : <Forbidden />;
  if (pathname === '/work/audit/usage') return canAudit(user.role) ? <UsagePage /> : <Forbidden />;
  const record = matchPath('/work/record/*', pathname) ?? matchPath('/work/record', pathname);
  if (record) return canRecord(user.role) ? <RecordFlow step={record['*'] ?? ''} /> : <Forbidden />;
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    if (user.role !== 'admin') return <Forbidden />;
    if (pathname === '/admin' || pathname === '/admin/' || pathname === '/admin/users')
      return <AdminUsersPage />;
    if (pathname === '/admin/users/new') return <AdminUserNewPage />;
    const edit = matchPath('/admin/users/:id', pathname);
    if (edit) return <AdminUserEditPage id={edit.id ?? ''} />;
  }
  return <NotFound />;
}

/** Who may record requests for a person (src/requests/requests.rules.ts rolesThatRecord). */
function canRecord(role: string): boolean {
  return role === 'intake' || role === 'officer';
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Frame({ children, signedIn }: { children: ReactNode; signedIn?: boolean }) {
  return (
    <>
      <SkipLink />
      <header className="app-header" role="banner">
        <div className="govuk-width-container app-width-container--wide app-header__container">
          <div>
            <Link to="/work" className="app-header__service">
              Tiaki
              <span className="app-header__tagline">Privacy workbench</span>
            </Link>
          </div>
          {signedIn ? <SignedInAs /> : null}
        </div>
      </header>
      {signedIn ? <PrimaryNavigation /> : null}
      <div className="govuk-width-container app-width-container--wide">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="app-footer" role="contentinfo">
        <div className="govuk-width-container app-width-container--wide">
          <ul className="app-footer__list">
            <li>
              <Link to="/work/settings">Settings and keyboard shortcuts</Link>
            </li>
            <li>
              <a href="/api/docs">API documentation</a>
            </li>
          </ul>
          <p>Tiaki is free software under the GNU Affero General Public License v3.0 or later.</p>
        </div>
      </footer>
    </>
  );
}

function SignedInAs() {
  const { user } = useSession();
  return (
    <p className="app-header__user">
      {user.name} <span className="govuk-visually-hidden">signed in as</span>(
      {roleLabels[user.role] ?? user.role})
    </p>
  );
}

function PrimaryNavigation() {
  const { pathname } = useLocation();
  const { user, signOut } = useSession();
  const items: Array<{ to: string; text: string; current: boolean }> = [
    {
      to: '/work',
      text: 'Requests',
      current: pathname === '/work' || pathname.startsWith('/work/requests'),
    },
  ];
  if (canRecord(user.role)) {
    items.push({
      to: '/work/record',
      text: 'Record a paper or spoken request',
      current: pathname.startsWith('/work/record'),
    });
  }
  items.push({
    to: '/work/consultations',
    text: 'Consultations',
    current: pathname.startsWith('/work/consultations'),
  });
  if (canAudit(user.role)) {
    items.push({ to: '/work/audit', text: 'Access audit', current: pathname.startsWith('/work/audit') });
  }
  if (user.role === 'admin')
    items.push({ to: '/admin', text: 'Staff accounts', current: pathname.startsWith('/admin') });
  items.push({ to: '/work/settings', text: 'Settings', current: pathname === '/work/settings' });
  return (
    <nav className="app-primary-navigation" aria-label="Main">
      <div className="govuk-width-container app-width-container--wide">
        <ul className="app-primary-navigation__list">
          {items.map((item) => (
            <li className="app-primary-navigation__item" key={item.to}>
              <Link
                className="app-primary-navigation__link"
                to={item.to}
                aria-current={item.current ? 'page' : undefined}
              >
                {item.text}
              </Link>
            </li>
          ))}
          <li className="app-primary-navigation__item">
            <button type="button" className="app-primary-navigation__link" onClick={() => void signOut()}>
              Sign out
            </button>
          </li>
        </ul>
      </div>
    </nav>
  );
}

function NotFound() {
  useTitle('Page not found', STAFF_SERVICE);
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link to="/work">Go to the request queues</Link>
      </p>
    </>
  );
}

function Forbidden() {
  useTitle('You cannot see this page', STAFF_SERVICE);
  return (
    <>
      <h1 className="govuk-heading-l">You cannot see this page</h1>
      <p className="govuk-body">
        Your role does not include this page. Ask an administrator if you need access.
      </p>
      <p className="govuk-body">
        <Link to={withQuery('/work', {})}>Go to the request queues</Link>
      </p>
    </>
  );
}
