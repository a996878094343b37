import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api.ts';

export type Resource<T> =
  { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; data: T; refreshing: boolean };

/**
 * Loads a GET endpoint like useApi, but a reload keeps showing the last answer until the new one arrives,
 * so the controls a reviewer is using stay on the page (and keep focus) while the list refreshes.
 * @example const marks = useResource<{ marks: Mark[] }>(`/api/documents/${id}/marks`); marks.reload()
 */
export function useResource<T>(path: string | null): {
  state: Resource<T>;
  reload: () => void;
  replace: (update: (data: T) => T) => void;
} {
  const [state, setState] = useState<Resource<T>>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  // Which address the shown answer came from: a reload of it keeps it on screen, a new address does not.
  const loadedPath = useRef<string | null>(null);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((current) =>
      current.kind === 'ready' && loadedPath.current === path
        ? { ...current, refreshing: true }
        : { kind: 'loading' },
    );
    api<T>('GET', path, undefined, controller.signal).then(
      (data) => {
        loadedPath.current = path;
        setState({ kind: 'ready', data, refreshing: false });
      },
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

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  const replace = useCallback(
    (update: (data: T) => T) =>
      setState((current) =>
        current.kind === 'ready' ? { ...current, data: update(current.data) } : current,
      ),
    [],
  );
  return { state, reload, replace };
}
