import { ApiError } from '../../api.ts';
import { problemsFromApi, type Problem } from '../../components/forms.tsx';

/**
 * A refused call as error-summary problems: the server's field paths pinned to this form's inputs, or its
 * message for the form as a whole. Anything that is not an API refusal is a bug and is thrown on.
 * @example problemsFromError(new ApiError(400, 'invalid', 'Bad', [{ path: 'reasons', message: 'Required' }]), { reasons: 'reasons' })
 */
export function problemsFromError(error: unknown, targets: Record<string, string>): Problem[] {
  if (!(error instanceof ApiError)) throw error;
  if (error.fields.length > 0) return problemsFromApi(error.fields, targets, error.message);
  return [{ target: null, message: error.message }];
}
