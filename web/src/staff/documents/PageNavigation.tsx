import { useEffect, useRef, useState } from 'react';
import { Button, Form, Select } from '../../components/forms.tsx';
import { Link, navigate, useLocation, withQuery } from '../../router.tsx';
import type { Mark } from './types.ts';

/**
 * Page N of M with previous and next links (ordinary links: Tab and Enter, or open in a new tab) and a
 * "go to page" list that says which pages still have suggestions waiting. The page is in the address.
 */
export function PageNavigation({
  pageNumber,
  pageCount,
  marks,
}: {
  pageNumber: number;
  pageCount: number;
  marks: readonly Mark[];
}) {
  const { pathname } = useLocation();
  const current = useRef<HTMLParagraphElement>(null);
  const [chosen, setChosen] = useState(String(pageNumber));
  useEffect(() => setChosen(String(pageNumber)), [pageNumber]);

  useEffect(() => {
    // On the last page the "Next" link goes away: if it had focus, keep the reader here, not at the top.
    const active = document.activeElement;
    if (!active || active === document.body) current.current?.focus({ preventScroll: true });
  }, [pageNumber]);

  const to = (page: number) => withQuery(pathname, { page: String(page) });
  const waiting = new Map<number, number>();
  for (const mark of marks) {
    if (mark.status === 'suggested') waiting.set(mark.page, (waiting.get(mark.page) ?? 0) + 1);
  }
  const options = Array.from({ length: pageCount }, (_, index) => {
    const page = index + 1;
    const count = waiting.get(page) ?? 0;
    return { value: String(page), label: `Page ${page}${count > 0 ? ` (${count} suggested)` : ''}` };
  });

  return (
    <nav className="app-page-nav" aria-label="Pages of the document">
      <ul className="app-page-nav__list">
        <li className="app-page-nav__item">
          {pageNumber > 1 ? (
            <Link className="govuk-link" to={to(pageNumber - 1)} rel="prev">
              Previous page<span className="govuk-visually-hidden">: page {pageNumber - 1}</span>
            </Link>
          ) : null}
        </li>
        <li className="app-page-nav__item">
          <p className="app-page-nav__current" tabIndex={-1} ref={current} aria-live="polite">
            Page {pageNumber} of {pageCount}
          </p>
        </li>
        <li className="app-page-nav__item">
          {pageNumber < pageCount ? (
            <Link className="govuk-link" to={to(pageNumber + 1)} rel="next">
              Next page<span className="govuk-visually-hidden">: page {pageNumber + 1}</span>
            </Link>
          ) : null}
        </li>
      </ul>
      {pageCount > 1 ? (
        <Form onSubmit={() => navigate(to(Number(chosen)))} label="Go to a page" className="app-page-nav__go">
          <Select id="go-to-page" label="Go to page" value={chosen} onChange={setChosen} options={options} />
          <Button variant="secondary">Go</Button>
        </Form>
      ) : null}
    </nav>
  );
}
