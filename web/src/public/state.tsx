import { createContext, useContext, type ReactNode } from 'react';
import { emptyDate, type DateParts } from '../components/forms.tsx';
import type { FormOfRelease, PublicCreated } from '../types.ts';

export const PUBLIC_SERVICE = 'Ask for your personal information';

// The public request pages. Answers are held in memory for this tab only: nothing goes to storage, and
// they are dropped once the request is sent.

export interface PublicAnswers {
  aboutWhom: '' | 'self' | 'someone-else';
  isAgent: '' | 'yes' | 'no';
  authority: { filename: string; contentBase64: string; size: number } | null;
  subjectName: string;
  subjectDob: DateParts;
  kind: '' | 'access' | 'correction';
  description: string;
  formOfRelease: '' | FormOfRelease;
  requesterName: string;
  email: string;
  phone: string;
}

export const freshPublicAnswers = (): PublicAnswers => ({
  aboutWhom: '',
  isAgent: '',
  authority: null,
  subjectName: '',
  subjectDob: emptyDate,
  kind: '',
  description: '',
  formOfRelease: '',
  requesterName: '',
  email: '',
  phone: '',
});

export interface PublicValue {
  answers: PublicAnswers;
  update: (patch: Partial<PublicAnswers>) => void;
  sent: (PublicCreated & { email: string }) | null;
  setSent: (sent: (PublicCreated & { email: string }) | null) => void;
  reset: () => void;
}

export const PublicContext = createContext<PublicValue | null>(null);

export function usePublic(): PublicValue {
  const value = useContext(PublicContext);
  if (!value) throw new Error('usePublic outside PublicApp');
  return value;
}

export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}
