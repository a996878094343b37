import { createContext, useContext } from 'react';
import type { SessionUser } from '../types.ts';

export interface StaffSession {
  user: SessionUser;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<StaffSession | null>(null);

/** The signed-in staff member (only used below StaffApp, which renders sign-in otherwise). */
export function useSession(): StaffSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in staff page');
  return session;
}

// A one-shot message for the next page ("Request triaged"), kept in memory rather than in history state
// so it never outlives the tab or reappears on Back.
let flash: string | null = null;

/** Leaves a success message for the next page to show once. */
export function setFlash(message: string): void {
  flash = message;
}

/** The waiting success message, if any (read in render; cleared by clearFlash in an effect). */
export function peekFlash(): string | null {
  return flash;
}

/** Forgets the waiting message once the page has shown it. */
export function clearFlash(): void {
  flash = null;
}

const SERVICE = 'Tiaki workbench';
export { SERVICE as STAFF_SERVICE };
