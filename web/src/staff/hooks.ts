import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';

/** The current time, refreshed every `everyMs` (for countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export type Loadable<T> =
  { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; data: T };

/**
 * Loads a GET endpoint whenever the path (or `version`) changes; stale answers are dropped.
 * @example const state = useApi<RequestList>(`/api/requests?${query}`)
 */
export function useApi<T>(path: string | null, version = 0): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ kind: 'loading' });
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState({ kind: 'loading' });
    api<T>('GET', path, undefined, controller.signal).then(
      (data) => setState({ kind: 'ready', data }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setState({
          kind: 'error',
          error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [path, version]);
  return state;
}
