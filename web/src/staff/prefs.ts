// Per-user workbench preferences, kept in this browser's localStorage under the user's id (never on the
// kiosk or public pages). Saved views hold only a query string: filters, sort and search.

export interface SavedView {
  name: string;
  query: string;
}

export interface Preferences {
  shortcuts: boolean;
}

const prefsKey = (userId: string) => `tiaki:prefs:${userId}`;
const viewsKey = (userId: string) => `tiaki:views:${userId}`;

function read<T>(key: string, fallback: T): T {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: preferences are a convenience, the page still works.
  }
}

/** This user's preferences (shortcuts on unless they turned them off). */
export function loadPreferences(userId: string): Preferences {
  const stored = read<Partial<Preferences>>(prefsKey(userId), {});
  return { shortcuts: stored.shortcuts !== false };
}

export function savePreferences(userId: string, preferences: Preferences): void {
  write(prefsKey(userId), preferences);
}

/** This user's saved views, in the order they saved them. */
export function loadViews(userId: string): SavedView[] {
  const views = read<unknown>(viewsKey(userId), []);
  if (!Array.isArray(views)) return [];
  return views.filter(
    (view): view is SavedView =>
      !!view &&
      typeof view === 'object' &&
      typeof (view as SavedView).name === 'string' &&
      typeof (view as SavedView).query === 'string',
  );
}

/** Adds (or replaces, by name) a saved view. */
export function saveView(userId: string, view: SavedView): SavedView[] {
  const views = loadViews(userId).filter((existing) => existing.name !== view.name);
  views.push(view);
  write(viewsKey(userId), views);
  return views;
}

export function deleteView(userId: string, name: string): SavedView[] {
  const views = loadViews(userId).filter((existing) => existing.name !== name);
  write(viewsKey(userId), views);
  return views;
}
