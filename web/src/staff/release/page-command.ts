import { useCallback, useState } from 'react';
import type { Problem } from '../../components/forms.tsx';
import { problemsFromError } from './problems.ts';

export interface Announcement {
  message: string;
  /** Changes with every announcement, so the banner is new (and takes focus) each time. */
  key: number;
}

/**
 * Runs one change against the API for a page: disables its buttons while it runs, shows a success
 * banner and reloads on success, and turns a refusal into the error summary.
 */
export function usePageCommand(targets: Record<string, string>) {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [version, setVersion] = useState(0);
  const run = useCallback(
    async (command: () => Promise<unknown>, done: string, options: RunOptions = {}): Promise<boolean> => {
      setBusy(true);
      setAnnouncement(null);
      // The last attempt's problems no longer describe the page while this one runs.
      setProblems([]);
      try {
        await command();
        setProblems([]);
        setAnnouncement({ message: done, key: Date.now() });
        if (options.reload !== false) setVersion((n) => n + 1);
        return true;
      } catch (error) {
        setProblems(problemsFromError(error, targets));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [targets],
  );
  return { problems, setProblems, busy, announcement, version, run };
}

export interface RunOptions {
  /** False when the change takes the request out of the caller's sight, so reloading would only fail. */
  reload?: boolean;
}

/** Runs one change; resolves true when it worked. */
export type RunCommand = (
  command: () => Promise<unknown>,
  done: string,
  options?: RunOptions,
) => Promise<boolean>;
