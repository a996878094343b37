/** The closed set of error codes the API answers with. */
export const errorCodes = {
  invalid: 400, // the input failed validation; `fields` names each bad field by path
  malformed: 400, // the body could not be parsed (e.g. broken JSON)
  unauthenticated: 401, // no valid session
  forbidden: 403, // the caller's role may not do this
  'csrf-failed': 403, // a mutating request lacked the session's CSRF token
  'not-found': 404, // missing, or not visible to the caller (the two look the same)
  conflict: 409, // the record's state does not allow this (the message says why)
  'payload-too-large': 413, // the body is over the configured limit
  'unsupported-media-type': 415, // the body is not JSON (or the type the route takes)
  'rate-limited': 429, // too many attempts; try again later
  internal: 500, // something failed on our side; details are in the server log only
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldProblem {
  path: string;
  message: string;
}

/** An expected failure of a use case, shaped into `{"error":{"code","message","fields"?}}` by the error handler. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export const notFound = (what = 'Record') => new AppError('not-found', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this') => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const invalid = (fields: FieldProblem[]) =>
  new AppError('invalid', fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
