import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { navigate, useLocation } from '../router.tsx';
import { loadPreferences, savePreferences, type Preferences } from './prefs.ts';

// Single-key shortcuts (WCAG 2.1.4): they never fire while typing in a field and can be turned off in
// Settings, for speech-input users whose words might trigger them.

export const shortcutList: Array<{ keys: string[]; does: string }> = [
  { keys: ['/'], does: 'Search the requests' },
  { keys: ['g', 'q'], does: 'Go to the request queues' },
  { keys: ['g', 't'], does: 'Go to the triage queue' },
  { keys: ['n'], does: 'Record a new paper or spoken request' },
  { keys: ['?'], does: 'Show this list of shortcuts' },
];

interface PreferencesValue {
  preferences: Preferences;
  setPreferences: (preferences: Preferences) => void;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

export function PreferencesProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [preferences, setState] = useState<Preferences>(() => loadPreferences(userId));
  const value = useMemo<PreferencesValue>(
    () => ({
      preferences,
      setPreferences(next) {
        savePreferences(userId, next);
        setState(next);
      },
    }),
    [preferences, userId],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): PreferencesValue {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** Listens for the shortcuts while they are turned on. */
export function useShortcuts(): void {
  const { preferences } = usePreferences();
  const { pathname } = useLocation();
  const pending = useRef<{ key: string; at: number } | null>(null);

  useEffect(() => {
    if (!preferences.shortcuts) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingIn(event.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const key = event.key;
      const previous = pending.current;
      pending.current = null;
      if (previous && previous.key === 'g' && Date.now() - previous.at < 1500) {
        if (key === 'q') {
          event.preventDefault();
          navigate('/work');
        } else if (key === 't') {
          event.preventDefault();
          navigate('/work?queue=triage');
        }
        return;
      }
      switch (key) {
        case 'g':
          pending.current = { key, at: Date.now() };
          return;
        case '/': {
          const search = document.getElementById('q');
          event.preventDefault();
          if (search) search.focus();
          else navigate('/work?focus=search');
          return;
        }
        case 'n':
          event.preventDefault();
          navigate('/work/record');
          return;
        case '?':
          event.preventDefault();
          navigate('/work/settings#shortcuts');
          return;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [preferences.shortcuts, pathname]);
}
