import { api, ApiError, type FieldProblem } from '../../api.ts';
import type { Session } from '../../types.ts';
import type { UploadResult } from './types.ts';

// Uploads send the file's raw bytes (the API sniffs the type from the content), so they cannot go through
// api(), which sends JSON. The CSRF token is read from the session answer: api.ts keeps its copy private.

/**
 * Adds a file to a request's documents (an e-mail's attachments become documents too).
 * @example await uploadDocument(requestId, file, 'Incident report 12 March') // UploadResult
 */
export async function uploadDocument(requestId: string, file: File, title: string): Promise<UploadResult> {
  const session = await api<Session>('GET', '/api/session');
  const query = new URLSearchParams({ filename: file.name });
  if (title.trim()) query.set('title', title.trim());
  let response: Response;
  try {
    response = await fetch(`/api/requests/${encodeURIComponent(requestId)}/documents?${query.toString()}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/octet-stream',
        'x-csrf-token': session.csrfToken,
      },
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check the connection and try again.');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as UploadResult;
  const error = readError(parsed);
  throw new ApiError(
    response.status,
    error.code ?? 'unknown',
    error.message ?? fallbackMessage(response.status),
    error.fields,
  );
}

function fallbackMessage(status: number): string {
  if (status === 413) return 'The file is too large to upload';
  if (status === 415) return 'Tiaki cannot read this type of file';
  return `The server answered ${status}`;
}

function readError(value: unknown): { code?: string; message?: string; fields: FieldProblem[] } {
  if (!value || typeof value !== 'object' || !('error' in value)) return { fields: [] };
  const error = value.error;
  if (!error || typeof error !== 'object') return { fields: [] };
  const record = error as Record<string, unknown>;
  const fields = Array.isArray(record.fields)
    ? record.fields.filter(
        (field): field is FieldProblem =>
          !!field &&
          typeof field === 'object' &&
          typeof (field as FieldProblem).path === 'string' &&
          typeof (field as FieldProblem).message === 'string',
      )
    : [];
  return {
    ...(typeof record.code === 'string' ? { code: record.code } : {}),
    ...(typeof record.message === 'string' ? { message: record.message } : {}),
    fields,
  };
}
