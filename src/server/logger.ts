import type { FastifyServerOptions } from 'fastify';

/** Fields that hold personal information or secrets: pino replaces them wherever they appear in a log line. */
export const redactedLogPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.name',
  '*.prn',
  '*.dateOfBirth',
  '*.address',
  '*.phone',
  '*.subject',
  '*.requester',
];

/** pino options: never request bodies, and never the query string (search terms are often names). */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactedLogPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
      }),
    },
  };
}
