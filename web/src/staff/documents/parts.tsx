import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../../api.ts';
import { problemsFromApi, type Problem } from '../../components/forms.tsx';

// Small pieces the review pages share.

/**
 * The problems to show for a refused call: the server's field problems pinned to this form's inputs,
 * or its message pinned to `fallbackTarget` (the input the whole refusal is about), so the error summary
 * always links somewhere useful.
 */
export function problemsFromError(
  error: unknown,
  targets: Record<string, string>,
  fallbackTarget: string | null = null,
): Problem[] {
  if (!(error instanceof ApiError)) throw error;
  if (error.fields.length > 0) return problemsFromApi(error.fields, targets, error.message);
  return [{ target: fallbackTarget, message: error.message }];
}

/**
 * A GOV.UK details element holding a form; it opens by itself when the form has an error, so the error
 * summary's link can reach the input.
 */
export function FormDetails({
  summary,
  hasError,
  children,
}: {
  summary: ReactNode;
  hasError: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (hasError) setOpen(true);
  }, [hasError]);
  return (
    <details
      className="govuk-details app-form-details"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

/**
 * A polite live region for results of small in-place changes (a mark accepted), which keep focus where it
 * is rather than jumping to a banner.
 */
export function Announcer({ message }: { message: string }) {
  return (
    <p className="govuk-visually-hidden" role="status" aria-live="polite">
      {message}
    </p>
  );
}
