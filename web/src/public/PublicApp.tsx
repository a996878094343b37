import { useMemo, useState } from 'react';
import { Link, useLocation } from '../router.tsx';
import { SkipLink, useFocusOnNavigation, useTitle } from '../components/ui.tsx';
import type { PublicCreated } from '../types.ts';
import {
  freshPublicAnswers,
  PublicContext,
  PUBLIC_SERVICE,
  type PublicAnswers,
  type PublicValue,
} from './state.tsx';
import {
  RequestQuestion,
  RequestCheck,
  RequestConfirmation,
  RequestStart,
  NotAgent,
  questionSteps,
  type QuestionStep,
} from './RequestPages.tsx';
import { TrackPage } from './TrackPage.tsx';

export default function PublicApp() {
  const [answers, setAnswers] = useState<PublicAnswers>(freshPublicAnswers);
  const [sent, setSent] = useState<(PublicCreated & { email: string }) | null>(null);
  const value = useMemo<PublicValue>(
    () => ({
      answers,
      update: (patch) => setAnswers((current) => ({ ...current, ...patch })),
      sent,
      setSent,
      reset: () => setAnswers(freshPublicAnswers()),
    }),
    [answers, sent],
  );
  const { pathname } = useLocation();
  useFocusOnNavigation(pathname);
  return (
    <PublicContext.Provider value={value}>
      <SkipLink />
      <header className="app-header">
        <div className="govuk-width-container app-header__container">
          <Link to="/" className="app-header__service">
            Tiaki
            <span className="app-header__tagline">Privacy requests</span>
          </Link>
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          <PublicRoutes pathname={pathname} />
        </main>
      </div>
      <footer className="app-footer">
        <div className="govuk-width-container">
          <ul className="app-footer__list">
            <li>
              <Link to="/request">Make a request</Link>
            </li>
            <li>
              <Link to="/request/track">Track a request</Link>
            </li>
            <li>
              <Link to="/work">Staff sign in</Link>
            </li>
          </ul>
          <p>
            Your information is used only to answer your request, under the Privacy Act 2020. There is no
            charge to ask for your own information.
          </p>
        </div>
      </footer>
    </PublicContext.Provider>
  );
}

function PublicRoutes({ pathname }: { pathname: string }) {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return <Home />;
  if (path === '/request') return <RequestStart />;
  if (path === '/request/track') return <TrackPage />;
  if (path === '/request/check') return <RequestCheck />;
  if (path === '/request/confirmation') return <RequestConfirmation />;
  if (path === '/request/not-an-agent') return <NotAgent />;
  const step = path.replace(/^\/request\//, '');
  if ((questionSteps as readonly string[]).includes(step))
    return <RequestQuestion key={step} step={step as QuestionStep} />;
  return <NotFound />;
}

function Home() {
  useTitle('Home', 'Tiaki');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Privacy requests</h1>
        <p className="govuk-body-l">
          Ask for the personal information we hold about you, ask us to correct it, or check on a request.
        </p>
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" to="/request">
              Ask for your personal information, or to correct it
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/request/track">
              Track a request you have made
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to="/work">
              Staff: sign in to the privacy workbench
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}

function NotFound() {
  useTitle('Page not found', PUBLIC_SERVICE);
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        <Link to="/request">Go to the start of the request form</Link>
      </p>
    </>
  );
}
