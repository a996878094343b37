import type { ReactNode } from 'react';
import { matchPath } from '../../router.tsx';
import { ConsultationsPage } from './ConsultationsPage.tsx';
import { DocumentReviewPage } from './DocumentReviewPage.tsx';
import { DocumentsPage } from './DocumentsPage.tsx';

/**
 * The pages for documents in scope and their review: the documents of a request, one document's review,
 * and the staff-name consultations waiting for the signed-in staff member. Null when the path is not one.
 */
export function documentRoute(pathname: string): ReactNode | null {
  if (pathname === '/work/consultations' || pathname === '/work/consultations/') return <ConsultationsPage />;
  const documents = matchPath('/work/requests/:id/documents', pathname);
  if (documents) return <DocumentsPage key={documents.id} requestId={documents.id ?? ''} />;
  const review = matchPath('/work/documents/:id', pathname);
  if (review) return <DocumentReviewPage key={review.id} documentId={review.id ?? ''} />;
  return null;
}
