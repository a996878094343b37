import type { RequestSummary, StaffRole } from '../types.ts';

// The queue page's state lives in the address: which queue, filters, search and sort. Pure functions so
// e2e/web-logic.test.ts can check them without a browser.

export const queues = [
  { id: 'mine', label: 'My work' },
  { id: 'triage', label: 'Triage' },
  { id: 'awaiting-decision', label: 'Awaiting decision' },
  { id: 'due-soon', label: 'Due soon' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'all', label: 'All' },
] as const;

export type QueueId = (typeof queues)[number]['id'];

export const sortKeys = [
  'reference',
  'person',
  'track',
  'channel',
  'status',
  'officer',
  'due',
  'received',
] as const;
export type SortKey = (typeof sortKeys)[number];

export const filterKeys = ['status', 'track', 'channel', 'officer', 'site'] as const;
export type FilterKey = (typeof filterKeys)[number];

export interface QueueState {
  queue: QueueId;
  q: string;
  filters: Partial<Record<FilterKey, string>>;
  sort: SortKey;
  dir: 'asc' | 'desc';
}

/**
 * The queue someone lands on when the address names none: intake officers triage, officers see their own work.
 * @example defaultQueue('intake') // 'triage'
 */
export function defaultQueue(role: StaffRole): QueueId {
  switch (role) {
    case 'intake':
      return 'triage';
    case 'officer':
      return 'mine';
    case 'decision-maker':
      return 'awaiting-decision';
    case 'manager':
    case 'auditor':
    case 'admin':
      return 'all';
  }
}

/**
 * Reads the queue state from the address's query, ignoring anything unknown.
 * @example parseQueueState(new URLSearchParams('queue=overdue&sort=person'), 'officer').sort // 'person'
 */
export function parseQueueState(search: URLSearchParams, role: StaffRole): QueueState {
  const queueParam = search.get('queue');
  const queue = queues.some((entry) => entry.id === queueParam)
    ? (queueParam as QueueId)
    : defaultQueue(role);
  const sortParam = search.get('sort');
  const sort = (sortKeys as readonly string[]).includes(sortParam ?? '') ? (sortParam as SortKey) : 'due';
  const dir = search.get('dir') === 'desc' ? 'desc' : 'asc';
  const filters: QueueState['filters'] = {};
  for (const key of filterKeys) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return { queue, q: search.get('q') ?? '', filters, sort, dir };
}

/**
 * The address's query for a state (defaults left out, so links stay short and stable).
 * @example queueQuery({ queue: 'triage', q: '', filters: {}, sort: 'due', dir: 'asc' }) // 'queue=triage'
 */
export function queueQuery(state: QueueState): string {
  const params = new URLSearchParams();
  params.set('queue', state.queue);
  if (state.q) params.set('q', state.q);
  for (const key of filterKeys) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  if (state.sort !== 'due') params.set('sort', state.sort);
  if (state.dir !== 'asc') params.set('dir', state.dir);
  return params.toString();
}

/**
 * The API call for a state: due-soon and overdue are views over all requests.
 * @example apiQuery({ queue: 'overdue', q: 'smith', filters: {}, sort: 'due', dir: 'asc' }, null) // 'queue=all&due=overdue&q=smith&limit=50'
 */
export function apiQuery(state: QueueState, cursor: string | null, limit = 50): string {
  const params = new URLSearchParams();
  if (state.queue === 'due-soon' || state.queue === 'overdue') {
    params.set('queue', 'all');
    params.set('due', state.queue);
  } else {
    params.set('queue', state.queue);
  }
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const key of filterKeys) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return params.toString();
}

function sortValue(item: RequestSummary, key: SortKey): string | number {
  switch (key) {
    case 'reference':
      return item.reference;
    case 'person':
      return item.subjectName.toLocaleLowerCase('en-NZ');
    case 'track':
      return item.track ?? '';
    case 'channel':
      return item.channel;
    case 'status':
      return item.status;
    case 'officer':
      return item.officer?.name.toLocaleLowerCase('en-NZ') ?? '\uffff';
    case 'due':
      return item.decisionDueDate ?? '9999-12-31';
    case 'received':
      return item.receivedAt;
  }
}

/**
 * The loaded rows in the chosen order (the server already sends them by due date, then reference).
 * @example sortRequests(items, 'person', 'asc')
 */
export function sortRequests(items: RequestSummary[], key: SortKey, dir: 'asc' | 'desc'): RequestSummary[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    if (left < right) return -1 * sign;
    if (left > right) return 1 * sign;
    return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;
  });
}

/** Whether a request still waits for triage (its 24-hour clock is running). */
export function awaitingTriage(item: Pick<RequestSummary, 'status' | 'triageDueAt'>): boolean {
  return item.status === 'awaiting-triage' && item.triageDueAt !== null;
}
