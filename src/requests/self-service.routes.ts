import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../law/calendar.ts';
import type { AppDependencies } from '../server/app.ts';
import { AppError, notFound } from '../server/errors.ts';
import { errorResponses } from '../server/schemas.ts';
import { kioskAddressCheck } from '../web/web.routes.ts';
import { formsOfRelease } from './requests.rules.ts';
import {
  createKioskRequest,
  createPublicRequest,
  kioskLookup,
  trackPublicRequest,
} from './self-service.service.ts';

const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);
const prn = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{3,20}$/, 'Enter your PRN: 3 to 20 letters or numbers');
const reference = z
  .string()
  .trim()
  .regex(/^TK-\d{4}-\d{6}$/i, 'Enter the reference as it is on your receipt, like TK-2026-000123');
const created = z.object({ reference: z.string(), decisionDueDate: z.string() });
const statusBody = z.object({
  reference: z.string(),
  status: z.string(),
  statusText: z.string(),
  decisionDueDate: z.string(),
});

/** The kiosk may be limited to configured device addresses; an empty list allows any. */
function requireKioskDevice(request: FastifyRequest, allowed: string[]) {
  if (!kioskAddressCheck(allowed)(request.ip)) {
    throw new AppError('forbidden', 'This kiosk service is only available on the agency’s kiosk devices');
  }
}

export async function selfServiceRoutes(
  root: FastifyInstance,
  { db, config }: AppDependencies,
): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const noStore = { 'cache-control': 'no-store' };

  app.post(
    '/api/kiosk/requests',
    {
      schema: {
        tags: ['kiosk'],
        summary: 'A person at a unit kiosk asks for, or to correct, their own information',
        body: z.strictObject({
          name: text(200),
          prn,
          kind: z.enum(['access', 'correction']),
          description: text(4000),
          language: z.enum(['en', 'mi']).optional(),
        }),
        response: { 201: created, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireKioskDevice(request, config.KIOSK_ALLOWED_ADDRESSES);
      const result = await createKioskRequest(db, request.body, request.ip);
      return reply.status(201).headers(noStore).send(result);
    },
  );

  app.post(
    '/api/kiosk/lookup',
    {
      schema: {
        tags: ['kiosk'],
        summary: 'Check a request with its reference and the person’s PRN',
        body: z.strictObject({ reference, prn }),
        response: { 200: z.object({ items: z.array(statusBody) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireKioskDevice(request, config.KIOSK_ALLOWED_ADDRESSES);
      const found = await kioskLookup(db, request.body, request.ip);
      if (!found) throw notFound('A request with that reference and PRN');
      return reply.headers(noStore).send({ items: [found] });
    },
  );

  app.post(
    '/api/public/requests',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['public'],
        summary: 'Ask for personal information, or its correction, on the public request pages',
        body: z.strictObject({
          aboutWhom: z.enum(['self', 'someone-else']),
          subject: z.strictObject({
            name: text(200),
            dateOfBirth: z.string().refine(isIsoDate, 'Enter a real date').optional(),
          }),
          requester: z.strictObject({
            name: text(200),
            email: z
              .string()
              .trim()
              .email('Enter an email address in the right format, like name@example.com')
              .max(320),
            phone: z.string().trim().max(40).optional(),
            relationship: z.enum(['self', 'agent']),
          }),
          authorityDocument: z
            .strictObject({ filename: text(200), contentBase64: z.string().min(1).max(7_000_000) })
            .optional(),
          kind: z.enum(['access', 'correction']),
          description: text(10_000),
          formOfRelease: z.enum(formsOfRelease),
        }),
        response: { 201: created, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .headers(noStore)
        .send(
          await createPublicRequest(db, request.body, request.ip, {
            perHour: config.PUBLIC_REQUESTS_PER_HOUR,
          }),
        ),
  );

  app.post(
    '/api/public/track',
    {
      schema: {
        tags: ['public'],
        summary: 'Track a request with its reference and the verification code sent to the requester',
        body: z.strictObject({ reference, code: z.string().trim().min(4).max(20) }),
        response: {
          200: statusBody.extend({ steps: z.array(z.object({ at: z.string(), text: z.string() })) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const found = await trackPublicRequest(db, request.body, request.ip);
      if (!found) throw notFound('A request with that reference and code');
      return reply.headers(noStore).send(found);
    },
  );
}
