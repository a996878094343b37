import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from '../router.tsx';

// Small GOV.UK / MoJ display components. Colour never carries meaning alone: every tag says it in words.

export type TagColour =
  'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  action?: { to: string; text: string; hidden: string } | undefined;
}

/** Key–value rows (check-your-answers, request header), with an optional "Change" link per row. */
export function SummaryList({ rows, noBorder }: { rows: SummaryRow[]; noBorder?: boolean }) {
  const anyAction = rows.some((row) => row.action);
  return (
    <dl className={`govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}`}>
      {rows.map((row, index) => (
        <div
          className={`govuk-summary-list__row${anyAction && !row.action ? ' govuk-summary-list__row--no-actions' : ''}`}
          key={index}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.action.to}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.hidden}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

/** A message at the top of a page after something worked (or a neutral notice); it takes focus when it is news. */
export function NotificationBanner({
  title = 'Important',
  success,
  children,
}: {
  title?: string;
  success?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="notification-banner-title"
      tabIndex={success ? -1 : undefined}
      ref={ref}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {success ? 'Success' : title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** The green confirmation panel. */
export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {children ? <div className="govuk-panel__body">{children}</div> : null}
    </div>
  );
}

export function Details({ summary, children, id }: { summary: ReactNode; children: ReactNode; id?: string }) {
  return (
    <details className="govuk-details" id={id}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function BackLink({ to, children = 'Back' }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

/**
 * Sets the page title (every page has its own; "Error: " first while the page shows errors).
 * @example useTitle('Triage queue', 'Tiaki workbench', problems.length > 0)
 */
export function useTitle(title: string, service: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – ${service}`;
  }, [title, service, hasErrors]);
}

/** Shown while something loads; announced politely. */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <p className="govuk-body app-loading" role="status">
      {children}
    </p>
  );
}

/** The skip link: moves focus to the main content (without changing the address). */
export function SkipLink() {
  return (
    <a
      href="#main-content"
      className="govuk-skip-link"
      onClick={(event) => {
        event.preventDefault();
        const main = document.getElementById('main-content');
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      Skip to main content
    </a>
  );
}

/**
 * Moves focus to the top of the main content when the page (path) changes, as a full page load would,
 * so screen-reader users hear the new page; query-only changes (filters) leave focus where it is.
 */
export function useFocusOnNavigation(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main-content');
    window.scrollTo(0, 0);
    main?.focus({ preventScroll: true });
  }, [pathname]);
}
