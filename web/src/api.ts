// The one way the app talks to the server: same origin, JSON, never cached (answers hold personal
// information, and the kiosk must leave nothing behind), CSRF token on every change.

export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed call, carrying the server's `{error:{code,message,fields}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers (in memory only) the session's CSRF token for later changes; null forgets it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: (() => void) | null = null;

/** Called when a staff call answers 401 (the session ended), so the app can ask to sign in again. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Calls the API and returns the parsed JSON answer (undefined for 204).
 * @example const page = await api<RequestPage>('GET', '/api/requests?queue=triage')
 */
export async function api<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Could not reach the server. Check the connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = readError(parsed);
    if (response.status === 401 && !path.startsWith('/api/session')) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error?.code ?? 'unknown',
      error?.message ?? `The server answered ${response.status}`,
      error?.fields ?? [],
    );
  }
  return parsed as T;
}

function readError(value: unknown): { code?: string; message?: string; fields?: FieldProblem[] } | null {
  if (!value || typeof value !== 'object' || !('error' in value)) return null;
  const error = value.error;
  if (!error || typeof error !== 'object') return null;
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
