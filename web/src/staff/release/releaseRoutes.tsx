import type { ReactNode } from 'react';

/**
 * The pages for a request's decision, letters, release package, disclosure log and statements of
 * correction. Null when the path is not one of them.
 */
export function releaseRoute(pathname: string): ReactNode | null {
  void pathname;
  return null;
}
