import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import type { AppDependencies } from '../server/app.ts';
import { errorResponses } from '../server/schemas.ts';
import { STATEMENT_LIMITS } from './corrections.rules.ts';
import {
  notifyRecipient,
  recordStatement,
  statementsForPerson,
  statementsForRequest,
} from './corrections.service.ts';

const text = (max: number) =>
  z.string().trim().min(1, 'Must not be empty').max(max, `Must be at most ${max} characters`);

const statementResponse = z.object({
  id: z.string().uuid(),
  personId: z.string().uuid(),
  requestId: z.string().uuid(),
  reference: z.string(),
  information: z.string(),
  statement: z.string(),
  recipients: z.array(
    z.object({
      recipient: z.string(),
      disclosedAt: z.string(),
      notifiedAt: z.string().nullable(),
      notifiedBy: z.string().nullable(),
    }),
  ),
  recordedAt: z.string(),
  recordedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const listResponse = z.object({ statements: z.array(statementResponse) });

/** Statements of correction (IPP 7): record, read, and tell earlier recipients. */
export async function correctionRoutes(root: FastifyInstance, { db }: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/requests/:requestId/correction-statements',
    {
      schema: {
        tags: ['corrections'],
        summary:
          'Attach the person’s statement of correction to their information (IPP 7; after an approved refusal or partial correction)',
        params: z.object({ requestId: z.string().uuid() }),
        body: z.strictObject({
          information: text(STATEMENT_LIMITS.information),
          statement: text(STATEMENT_LIMITS.statement),
        }),
        response: { 201: statementResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await recordStatement(
        db,
        requireStaff(request, 'officer'),
        request.params.requestId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/requests/:requestId/correction-statements',
    {
      schema: {
        tags: ['corrections'],
        summary:
          'The statements of correction attached to the information of the request’s subject (audited)',
        params: z.object({ requestId: z.string().uuid() }),
        response: { 200: listResponse, ...errorResponses },
      },
    },
    async (request) => statementsForRequest(db, requireStaff(request), request.params.requestId),
  );

  app.get(
    '/api/people/:personId/correction-statements',
    {
      schema: {
        tags: ['corrections'],
        summary:
          'The statements of correction attached to a person’s information (audited; who may read the person)',
        params: z.object({ personId: z.string().uuid() }),
        response: { 200: listResponse, ...errorResponses },
      },
    },
    async (request) => statementsForPerson(db, requireStaff(request), request.params.personId),
  );

  app.post(
    '/api/correction-statements/:statementId/notify',
    {
      schema: {
        tags: ['corrections'],
        summary:
          'Mark an earlier recipient told of the statement; e-mails it when the recipient is an address',
        params: z.object({ statementId: z.string().uuid() }),
        body: z.strictObject({ recipient: text(500) }),
        response: { 200: statementResponse, ...errorResponses },
      },
    },
    async (request) =>
      notifyRecipient(
        db,
        requireStaff(request, 'officer'),
        request.params.statementId,
        request.body.recipient,
      ),
  );
}
