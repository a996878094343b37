import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

// A small URL-state router: the address bar is the single source of truth for the page, its filters,
// sort and search, so every view can be shared as a link and survives a reload.

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

const snapshot = () => window.location.pathname + window.location.search + window.location.hash;

/**
 * Goes to another address inside the app without a page load.
 * @example navigate('/work?queue=triage')
 */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

/**
 * The current address; re-renders on every change.
 * @example const { pathname, search } = useLocation(); search.get('q')
 */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, 'http://app.invalid');
  return { pathname: url.pathname, search: url.searchParams, href };
}

/**
 * Matches a path against a pattern with `:name` segments; `*` at the end matches the rest.
 * @example matchPath('/work/requests/:id', '/work/requests/42') // { id: '42' }
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let index = 0; index < patternParts.length; index++) {
    const part = patternParts[index] ?? '';
    if (part === '*') {
      params['*'] = pathParts.slice(index).map(decodeURIComponent).join('/');
      return params;
    }
    const actual = pathParts[index];
    if (actual === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return pathParts.length === patternParts.length ? params : null;
}

/**
 * Builds an address from a path and query values, leaving out empty ones so links stay short.
 * @example withQuery('/work', { queue: 'triage', q: '' }) // '/work?queue=triage'
 */
export function withQuery(pathname: string, query: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `${pathname}?${text}` : pathname;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  to: string;
  children: ReactNode;
  replace?: boolean;
};

/** An ordinary link (works with a new tab, copy link, middle click) that navigates in place on a plain click. */
export function Link({ to, replace, onClick, children, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, { replace: replace ?? false });
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
