import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import type { AppDependencies } from '../server/app.ts';
import { errorResponses } from '../server/schemas.ts';
import { correctionStatementShownSchema } from '../corrections/corrections.shown.ts';
import { accessLog, getPerson } from './people.service.ts';

const personResponse = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prn: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  site: z.string().nullable(),
  unit: z.string().nullable(),
  contact: z.string().nullable(),
  highProfile: z.boolean(),
  requests: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      kind: z.string(),
      status: z.string(),
      receivedAt: z.string(),
    }),
  ),
  access: z.object({ needsReason: z.boolean(), reasons: z.array(z.string()), reasonGiven: z.boolean() }),
  correctionStatements: z.array(correctionStatementShownSchema),
});

const accessLogResponse = z.object({
  personId: z.string().uuid(),
  accesses: z.array(
    z.object({ date: z.string(), role: z.string(), action: z.string(), count: z.number().int() }),
  ),
});

/** GET /api/people/:id and GET /api/people/:id/access-log. */
export async function peopleRoutes(root: FastifyInstance, { db }: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags: ['people'],
        summary:
          'A person’s record and their requests (audited read; managers, auditors, officers with a relationship)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: personResponse, ...errorResponses },
      },
    },
    async (request) => getPerson(db, requireStaff(request), request.params.id),
  );

  app.get(
    '/api/people/:id/access-log',
    {
      schema: {
        tags: ['people'],
        summary: 'Who looked at this record: staff roles and dates, never names (audited)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: accessLogResponse, ...errorResponses },
      },
    },
    async (request) => accessLog(db, requireStaff(request), request.params.id),
  );
}
