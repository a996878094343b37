import { useEffect, useState, type ReactNode } from 'react';
import { Button, Form, TextInput } from '../../components/forms.tsx';
import { Loading } from '../../components/ui.tsx';
import { Link, navigate, useLocation, withQuery } from '../../router.tsx';
import { useApi, type Loadable } from '../hooks.ts';
import type { SearchHit } from './types.ts';

/**
 * Searches the text of every page (OCR text included). The words live in the address (`?q=`), so a
 * search can be shared and survives a reload, as the queues' search does.
 */
export function DocumentSearch({ requestId }: { requestId: string }) {
  const { pathname, search } = useLocation();
  const q = search.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const results = useApi<{ hits: SearchHit[] }>(
    q ? `/api/requests/${encodeURIComponent(requestId)}/documents/search?q=${encodeURIComponent(q)}` : null,
  );

  return (
    <section aria-labelledby="search-heading">
      <h2 className="govuk-heading-m" id="search-heading">
        Search the documents
      </h2>
      <Form
        onSubmit={() => navigate(withQuery(pathname, { q: typed.trim() }), { replace: false })}
        label="Search the documents"
      >
        <div className="app-search">
          <TextInput
            id="search-q"
            type="search"
            label="Words to find in the text of every page"
            value={typed}
            onChange={setTyped}
          />
          <Button>Search</Button>
        </div>
      </Form>
      {q ? <SearchResults q={q} results={results} /> : null}
    </section>
  );
}

function SearchResults({ q, results }: { q: string; results: Loadable<{ hits: SearchHit[] }> }) {
  if (results.kind === 'loading') return <Loading>Searching…</Loading>;
  if (results.kind === 'error') {
    return (
      <p className="govuk-body" role="status">
        Could not search: {results.error.message}
      </p>
    );
  }
  const hits = results.data.hits;
  return (
    <>
      <p className="govuk-body" role="status">
        {hits.length === 0
          ? `No pages contain “${q}”.`
          : `${hits.length} ${hits.length === 1 ? 'page contains' : 'pages contain'} “${q}”.`}
      </p>
      {hits.length > 0 ? (
        <ol className="govuk-list app-search-results">
          {hits.map((hit) => (
            <li key={`${hit.documentId}-${hit.page}`}>
              <Link
                className="govuk-link"
                to={withQuery(`/work/documents/${hit.documentId}`, { page: String(hit.page) })}
              >
                {hit.title}, page {hit.page}
              </Link>
              <p className="govuk-body-s app-break govuk-!-margin-bottom-2">{highlight(hit.snippet, q)}</p>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

/** The snippet with the searched words shown in bold (the words are also in the results line above). */
function highlight(snippet: string, q: string): ReactNode {
  const words = q
    .split(/\s+/)
    .filter((word) => word.length > 1)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return snippet;
  const parts = snippet.split(new RegExp(`(${words.join('|')})`, 'giu'));
  return parts.map((part, index) => (index % 2 === 1 ? <strong key={index}>{part}</strong> : part));
}
