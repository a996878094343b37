import type { ReactNode } from 'react';
import { matchPath } from '../../router.tsx';
import { DecisionPage } from './DecisionPage.tsx';
import { ReleasePage } from './ReleasePage.tsx';

/**
 * The pages for a request's decision, letters, release package, disclosure log and statements of
 * correction. Null when the path is not one of them.
 */
export function releaseRoute(pathname: string): ReactNode | null {
  const decision = matchPath('/work/requests/:id/decision', pathname);
  if (decision) return <DecisionPage key={decision.id} id={decision.id ?? ''} />;
  const release = matchPath('/work/requests/:id/release', pathname);
  if (release) return <ReleasePage key={release.id} id={release.id ?? ''} />;
  return null;
}
