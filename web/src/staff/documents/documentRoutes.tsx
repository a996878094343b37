import type { ReactNode } from 'react';

/**
 * The pages for documents in scope and their review: the documents of a request, one document's review,
 * and the staff-name consultations waiting for the signed-in staff member. Null when the path is not one.
 */
export function documentRoute(pathname: string): ReactNode | null {
  void pathname;
  return null;
}
