import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorCodes, type ErrorCode, type FieldProblem } from './errors.ts';

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
}

function validationFields(error: {
  validation: Array<{
    instancePath: string;
    message?: string;
    keyword: string;
    params: Record<string, unknown>;
  }>;
}): FieldProblem[] {
  const fields: FieldProblem[] = [];
  for (const issue of error.validation) {
    const base = fieldPath(issue.instancePath);
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys)) {
      for (const key of issue.params.keys as string[]) {
        fields.push({ path: base ? `${base}.${key}` : key, message: 'Unknown field' });
      }
    } else {
      fields.push({ path: base || '(body)', message: issue.message ?? 'Invalid value' });
    }
  }
  return fields;
}

const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed',
};

const frameworkMessages: Partial<Record<ErrorCode, string>> = {
  'payload-too-large': 'The request body is larger than this server accepts',
  'unsupported-media-type': 'Send the body as application/json',
  malformed: 'The request body is not valid JSON',
};

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, fields?: FieldProblem[]) {
  return reply.status(errorCodes[code]).send({ error: { code, message, ...(fields ? { fields } : {}) } });
}

/** The one error handler: every failure becomes `{"error":{"code","message","fields"?}}`, never a stack trace. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return sendError(reply, error.code, error.message, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = validationFields(error);
      return sendError(
        reply,
        'invalid',
        `Check these fields: ${fields.map((f) => f.path).join(', ')}`,
        fields,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendError(reply, 'internal', 'Something went wrong on our side. It has been logged.');
    }
    const known = error.code ? frameworkCodes[error.code] : undefined;
    if (known) return sendError(reply, known, frameworkMessages[known] ?? error.message);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendError(reply, 'malformed', 'The request body is not valid JSON');
    }
    if (error.statusCode === 429)
      return sendError(reply, 'rate-limited', 'Too many requests; try again later');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, 'invalid', 'The request could not be accepted');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal', 'Something went wrong on our side. It has been logged.');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'not-found', 'No such page or endpoint'));
}
