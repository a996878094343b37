import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import {
  Button,
  ErrorSummary,
  Form,
  problemFor,
  Select,
  TextInput,
  type Problem,
} from '../components/forms.tsx';
import { Details, Loading, NotificationBanner, Tag, useTitle } from '../components/ui.tsx';
import { channelLabels, formatDate, label, trackLabels, workingDaysText } from '../format.ts';
import type { RequestList, RequestSummary, StaffMember } from '../types.ts';
import { useApi, useNow } from './hooks.ts';
import { deleteView, loadViews, saveView, type SavedView } from './prefs.ts';
import {
  apiQuery,
  awaitingTriage,
  parseQueueState,
  queueQuery,
  queues,
  sortRequests,
  type FilterKey,
  type QueueState,
  type SortKey,
} from './queue-state.ts';
import { STAFF_SERVICE, useSession } from './session.tsx';
import { DueTag, StatusTag, statusText, TriageCountdown } from './status.tsx';

/** The lifecycle's statuses (src/law/lifecycle.ts REQUEST_STATUSES), in order. */
const knownStatuses = [
  'awaiting-triage',
  'open',
  'awaiting-clarification',
  'awaiting-decision',
  'decided',
  'released',
  'closed',
  'transferred',
  'withdrawn',
  'escalated-to-complaint',
];

/** The queues: tabs, search, filters, saved views and the sortable table, all held in the address. */
export function QueuePage() {
  const { user } = useSession();
  const location = useLocation();
  const state = parseQueueState(location.search, user.role);
  const queueName = queues.find((queue) => queue.id === state.queue)?.label ?? 'Requests';
  useTitle(`${queueName} – requests`, STAFF_SERVICE);

  const [extra, setExtra] = useState<{ key: string; items: RequestSummary[]; cursor: string | null } | null>(
    null,
  );
  const [moreError, setMoreError] = useState<string | null>(null);
  const baseQuery = apiQuery(state, null);
  const page = useApi<RequestList>(`/api/requests?${baseQuery}`);
  const staff = useApi<{ items: StaffMember[] }>('/api/staff');
  const now = useNow();

  useEffect(() => {
    if (location.search.get('focus') === 'search') {
      document.getElementById('q')?.focus();
      const params = new URLSearchParams(location.search);
      params.delete('focus');
      navigate(`/work?${params.toString()}`, { replace: true });
    }
  }, [location.search]);

  const loaded = useMemo(() => {
    if (page.kind !== 'ready') return null;
    const more = extra && extra.key === baseQuery ? extra : null;
    return {
      items: [...page.data.items, ...(more?.items ?? [])],
      cursor: more ? more.cursor : page.data.nextCursor,
    };
  }, [page, extra, baseQuery]);

  const go = (next: QueueState) => navigate(`/work?${queueQuery(next)}`);

  const loadMore = async () => {
    if (!loaded?.cursor) return;
    setMoreError(null);
    try {
      const more = await api<RequestList>('GET', `/api/requests?${apiQuery(state, loaded.cursor)}`);
      setExtra({
        key: baseQuery,
        items: [...(extra && extra.key === baseQuery ? extra.items : []), ...more.items],
        cursor: more.nextCursor,
      });
    } catch (error) {
      setMoreError(error instanceof ApiError ? error.message : 'Could not load more requests');
    }
  };

  const officers =
    staff.kind === 'ready' ? staff.data.items.filter((member) => member.role === 'officer') : [];
  const sites =
    staff.kind === 'ready' ? [...new Set(staff.data.items.map((member) => member.site).filter(Boolean))] : [];

  if (user.role === 'admin') {
    return (
      <>
        <h1 className="govuk-heading-l">Requests</h1>
        <p className="govuk-body">
          Administrators manage staff accounts and do not see requests.{' '}
          <Link to="/admin">Go to staff accounts</Link>.
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className="govuk-heading-l">Requests</h1>
      <SavedViews userId={user.id} state={state} />
      <nav className="moj-sub-navigation" aria-label="Request queues">
        <ul className="moj-sub-navigation__list">
          {queues.map((queue) => (
            <li className="moj-sub-navigation__item" key={queue.id}>
              <Link
                className="moj-sub-navigation__link"
                to={`/work?${queueQuery({ ...state, queue: queue.id })}`}
                aria-current={queue.id === state.queue ? 'page' : undefined}
              >
                {queue.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <SearchAndFilters state={state} officers={officers} sites={sites as string[]} onApply={go} />
      {page.kind === 'loading' ? <Loading>Loading requests…</Loading> : null}
      {page.kind === 'error' ? (
        <NotificationBanner title="Could not load requests">
          <p className="govuk-body">{page.error.message}</p>
        </NotificationBanner>
      ) : null}
      {loaded ? (
        <RequestsTable
          items={sortRequests(loaded.items, state.sort, state.dir)}
          state={state}
          queueName={queueName}
          now={now}
          onSort={(sort) =>
            go({ ...state, sort, dir: state.sort === sort && state.dir === 'asc' ? 'desc' : 'asc' })
          }
        />
      ) : null}
      {loaded?.cursor ? (
        <div className="app-pagination">
          <Button type="button" variant="secondary" onClick={() => void loadMore()}>
            Show more requests
          </Button>
          {moreError ? <p className="govuk-error-message">{moreError}</p> : null}
        </div>
      ) : null}
    </>
  );
}

function SearchAndFilters({
  state,
  officers,
  sites,
  onApply,
}: {
  state: QueueState;
  officers: StaffMember[];
  sites: string[];
  onApply: (state: QueueState) => void;
}) {
  const [q, setQ] = useState(state.q);
  const [filters, setFilters] = useState(state.filters);
  const stateKey = queueQuery(state);
  useEffect(() => {
    // The address changed (a tab, a removed filter, Back): the form shows what is applied.
    const applied = parseQueueState(new URLSearchParams(stateKey), 'admin');
    setQ(applied.q);
    setFilters(applied.filters);
  }, [stateKey]);
  const set = (key: FilterKey) => (value: string) => setFilters({ ...filters, [key]: value || undefined });
  const active = Object.entries(state.filters).filter(([, value]) => value) as Array<[FilterKey, string]>;
  const describe = (key: FilterKey, value: string): string => {
    switch (key) {
      case 'status':
        return `Status: ${statusText(value)}`;
      case 'track':
        return `Track: ${label(trackLabels, value)}`;
      case 'channel':
        return `Channel: ${label(channelLabels, value)}`;
      case 'officer':
        return `Officer: ${officers.find((officer) => officer.id === value)?.name ?? 'selected officer'}`;
      case 'site':
        return `Site: ${value}`;
    }
  };
  return (
    <div className="app-filter">
      <Form onSubmit={() => onApply({ ...state, q: q.trim(), filters })} label="Search and filter requests">
        <div className="app-search">
          <TextInput
            id="q"
            type="search"
            label="Search by reference, name or PRN"
            value={q}
            onChange={setQ}
          />
          <Button>Search</Button>
        </div>
        {active.length > 0 || state.q ? (
          <div className="app-filter__selected">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Selected filters</h2>
            <ul className="moj-filter-tags">
              {state.q ? (
                <li>
                  <button
                    type="button"
                    className="moj-filter__tag"
                    onClick={() => onApply({ ...state, q: '' })}
                  >
                    <span className="govuk-visually-hidden">Remove this filter </span>Search: {state.q}
                  </button>
                </li>
              ) : null}
              {active.map(([key, value]) => (
                <li key={key}>
                  <button
                    type="button"
                    className="moj-filter__tag"
                    onClick={() => onApply({ ...state, filters: { ...state.filters, [key]: undefined } })}
                  >
                    <span className="govuk-visually-hidden">Remove this filter </span>
                    {describe(key, value)}
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="app-link-button"
              onClick={() => onApply({ ...state, q: '', filters: {} })}
            >
              Clear filters
            </button>
          </div>
        ) : null}
        <Details summary="Filter requests" id="filters">
          <div className="app-filter__grid">
            <Select
              id="filter-status"
              label="Status"
              value={filters.status ?? ''}
              onChange={set('status')}
              options={[
                { value: '', label: 'Any status' },
                ...knownStatuses.map((value) => ({ value, label: statusText(value) })),
              ]}
            />
            <Select
              id="filter-track"
              label="Track"
              value={filters.track ?? ''}
              onChange={set('track')}
              options={[
                { value: '', label: 'Any track' },
                ...Object.entries(trackLabels).map(([value, text]) => ({ value, label: text })),
              ]}
            />
            <Select
              id="filter-channel"
              label="Channel"
              value={filters.channel ?? ''}
              onChange={set('channel')}
              options={[
                { value: '', label: 'Any channel' },
                ...Object.entries(channelLabels).map(([value, text]) => ({ value, label: text })),
              ]}
            />
            <Select
              id="filter-officer"
              label="Officer"
              value={filters.officer ?? ''}
              onChange={set('officer')}
              options={[
                { value: '', label: 'Any officer' },
                ...officers.map((officer) => ({ value: officer.id, label: officer.name })),
              ]}
            />
            {sites.length > 0 ? (
              <Select
                id="filter-site"
                label="Site"
                value={filters.site ?? ''}
                onChange={set('site')}
                options={[
                  { value: '', label: 'Any site' },
                  ...sites.map((site) => ({ value: site, label: site })),
                ]}
              />
            ) : null}
          </div>
          <Button variant="secondary">Apply filters</Button>
        </Details>
      </Form>
    </div>
  );
}

const columns: Array<{ key: SortKey; text: string }> = [
  { key: 'reference', text: 'Reference' },
  { key: 'person', text: 'Person' },
  { key: 'track', text: 'Track' },
  { key: 'channel', text: 'Channel' },
  { key: 'status', text: 'Status' },
  { key: 'officer', text: 'Officer' },
  { key: 'due', text: 'Due' },
];

function RequestsTable({
  items,
  state,
  queueName,
  now,
  onSort,
}: {
  items: RequestSummary[];
  state: QueueState;
  queueName: string;
  now: number;
  onSort: (key: SortKey) => void;
}) {
  if (items.length === 0) {
    return (
      <p className="govuk-body" role="status">
        No requests in this queue
        {state.q || Object.keys(state.filters).length > 0 ? ' match the search and filters' : ''}.
      </p>
    );
  }
  const ariaSort = (key: SortKey) =>
    state.sort === key ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div className="app-table-scroll" role="region" aria-labelledby="queue-caption" tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption" id="queue-caption">
          {queueName}: {items.length} {items.length === 1 ? 'request' : 'requests'} shown
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                scope="col"
                className="govuk-table__header"
                key={column.key}
                aria-sort={ariaSort(column.key)}
              >
                <button type="button" onClick={() => onSort(column.key)}>
                  {column.text}
                  <span className="app-sort-arrow" aria-hidden="true">
                    {state.sort === column.key ? (state.dir === 'asc' ? '▲' : '▼') : '▲▼'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/work/requests/${item.id}`}>
                  {item.reference}
                </Link>
                {item.urgent ? (
                  <>
                    {' '}
                    <Tag colour="red">Urgent</Tag>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {item.subjectName}
                {item.subjectPrn ? (
                  <>
                    <br />
                    <span className="app-secondary-text">PRN {item.subjectPrn}</span>
                  </>
                ) : null}
              </td>
              <td className="govuk-table__cell">
                {item.track ? label(trackLabels, item.track) : 'Not triaged'}
              </td>
              <td className="govuk-table__cell">{label(channelLabels, item.channel)}</td>
              <td className="govuk-table__cell">
                <StatusTag status={item.status} />
              </td>
              <td className="govuk-table__cell">{item.officer?.name ?? 'Not assigned'}</td>
              <td className="govuk-table__cell">
                {item.decisionDueDate ? (
                  <span className="app-nowrap">{formatDate(item.decisionDueDate)}</span>
                ) : (
                  'Not set'
                )}
                {item.workingDaysLeft !== null && item.dueState !== 'closed' ? (
                  <>
                    <br />
                    <span className="app-secondary-text">{workingDaysText(item.workingDaysLeft)}</span>
                  </>
                ) : null}
                <br />
                <DueTag state={item.dueState} workingDaysLeft={item.workingDaysLeft} />
                {awaitingTriage(item) && item.triageDueAt ? (
                  <>
                    <br />
                    <TriageCountdown dueAt={item.triageDueAt} now={now} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SavedViews({ userId, state }: { userId: string; state: QueueState }) {
  const [views, setViews] = useState<SavedView[]>(() => loadViews(userId));
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const save = () => {
    if (!name.trim()) {
      setProblems([{ target: 'view-name', message: 'Enter a name for this view' }]);
      return;
    }
    setProblems([]);
    setViews(saveView(userId, { name: name.trim(), query: queueQuery(state) }));
    setSaved(name.trim());
    setName('');
  };
  return (
    <div className="govuk-!-margin-bottom-4">
      {views.length > 0 ? (
        <>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Your saved views</h2>
          <ul className="govuk-list">
            {views.map((view) => (
              <li key={view.name}>
                <Link className="govuk-link" to={`/work?${view.query}`}>
                  {view.name}
                </Link>{' '}
                <button
                  type="button"
                  className="app-link-button govuk-!-font-size-16"
                  onClick={() => setViews(deleteView(userId, view.name))}
                >
                  Delete<span className="govuk-visually-hidden"> saved view {view.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Details summary="Save this view">
        <ErrorSummary problems={problems} />
        {saved ? (
          <p className="govuk-body" role="status">
            Saved as “{saved}”.
          </p>
        ) : null}
        <Form onSubmit={save} label="Save this view">
          <TextInput
            id="view-name"
            label="Name for this view"
            hint="The queue, search, filters and sort are saved in this browser, for you only."
            value={name}
            onChange={setName}
            width="20"
            error={problemFor(problems, 'view-name')}
          />
          <Button variant="secondary">Save view</Button>
        </Form>
      </Details>
    </div>
  );
}
