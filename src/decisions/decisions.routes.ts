import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import { OUTCOMES_BY_TRACK } from '../law/lifecycle.ts';
import { letterKinds } from '../letters/letter-text.ts';
import type { AppDependencies } from '../server/app.ts';
import { errorResponses } from '../server/schemas.ts';
import { decisionStatuses } from './decisions.rules.ts';
import {
  approveDecision,
  createLetter,
  draftDecision,
  getDecision,
  readLetterPdf,
  returnDecision,
  submitDecision,
} from './decisions.service.ts';

const decidedOutcomes = [
  ...new Set([
    ...OUTCOMES_BY_TRACK['privacy-access'],
    ...OUTCOMES_BY_TRACK['official-information'],
    ...OUTCOMES_BY_TRACK['privacy-correction'],
  ]),
] as [string, ...string[]];

const longText = (max: number) => z.string().max(max, `At most ${max} characters`);

export const decisionBody = z.strictObject({
  outcome: z.enum(decidedOutcomes),
  grounds: z.array(z.string().trim().min(1, 'Must not be empty').max(40)).max(40).default([]),
  reasons: longText(20_000).optional(),
  withholdReasons: z.boolean().optional(),
  formOfRelease: z.string().max(40).nullable().optional(),
  formDiffersReason: longText(4000).nullable().optional(),
  conditions: longText(10_000).nullable().optional(),
  correction: z
    .strictObject({
      information: longText(10_000),
      correctionSought: longText(10_000),
      correctionMade: longText(10_000).nullable().optional(),
    })
    .nullable()
    .optional(),
});

const person = z.object({ id: z.string(), name: z.string() }).nullable();

const decisionSchema = z.object({
  id: z.string().uuid(),
  requestId: z.string().uuid(),
  outcome: z.string(),
  grounds: z.array(z.string()),
  groundLabels: z.array(z.object({ code: z.string(), label: z.string(), citation: z.string() })),
  reasons: z.string(),
  withholdReasons: z.boolean(),
  formOfRelease: z.string().nullable(),
  formAsked: z.string().nullable(),
  formDiffersReason: z.string().nullable(),
  conditions: z.string().nullable(),
  correction: z
    .object({ information: z.string(), correctionSought: z.string(), correctionMade: z.string().nullable() })
    .nullable(),
  status: z.enum(decisionStatuses),
  needsApproval: z.boolean(),
  draftedBy: person,
  draftedAt: z.string(),
  approvedBy: person,
  approvedAt: z.string().nullable(),
  approvalNote: z.string().nullable(),
});

const letterSchema = z.object({
  id: z.string().uuid(),
  requestId: z.string().uuid(),
  kind: z.enum(letterKinds),
  decisionId: z.string().uuid().nullable(),
  createdAt: z.string(),
  url: z.string(),
  body: z.string(),
});

const requestParams = z.object({ requestId: z.string().uuid() });
const decisionParams = z.object({ decisionId: z.string().uuid() });

export async function decisionRoutes(root: FastifyInstance, deps: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/requests/:requestId/decision',
    {
      schema: {
        tags: ['decisions'],
        summary:
          'The current decision on a request, its history, its letters and the grounds review suggests',
        params: requestParams,
        response: {
          200: z.object({
            decision: decisionSchema.nullable(),
            history: z.array(decisionSchema),
            letters: z.array(letterSchema),
            suggestedGrounds: z.array(z.string()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => getDecision(deps, requireStaff(request), request.params.requestId),
  );

  app.post(
    '/api/requests/:requestId/decision',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Draft a decision (officer); an earlier draft or returned decision is superseded',
        params: requestParams,
        body: decisionBody,
        response: { 201: decisionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const drafted = await draftDecision(
        deps,
        requireStaff(request),
        request.params.requestId,
        request.body,
      );
      return reply.status(201).send(drafted);
    },
  );

  app.post(
    '/api/decisions/:decisionId/submit',
    {
      schema: {
        tags: ['decisions'],
        summary:
          'Submit a draft (officer): a grant in full or a correction made in full is finalised at once; anything else goes to the decision maker (C.09.05)',
        params: decisionParams,
        // No body, or an empty JSON object.
        body: z.strictObject({}).nullish(),
        response: { 200: decisionSchema, ...errorResponses },
      },
    },
    async (request) => submitDecision(deps, requireStaff(request), request.params.decisionId),
  );

  app.post(
    '/api/decisions/:decisionId/approve',
    {
      schema: {
        tags: ['decisions'],
        summary:
          'Approve a submitted decision (decision maker, C.09.05): the request is decided and the letter written',
        params: decisionParams,
        body: z.strictObject({ note: longText(4000).nullable().optional() }).nullish(),
        response: { 200: decisionSchema, ...errorResponses },
      },
    },
    async (request) =>
      approveDecision(deps, requireStaff(request), request.params.decisionId, request.body?.note ?? null),
  );

  app.post(
    '/api/decisions/:decisionId/return',
    {
      schema: {
        tags: ['decisions'],
        summary:
          'Return a submitted decision to the officer with a note (decision maker); the request is open again',
        params: decisionParams,
        body: z.strictObject({
          note: z.string().trim().min(1, 'Tell the officer why the decision is returned').max(4000),
        }),
        response: { 200: decisionSchema, ...errorResponses },
      },
    },
    async (request) =>
      returnDecision(deps, requireStaff(request), request.params.decisionId, request.body.note),
  );

  app.post(
    '/api/requests/:requestId/letters',
    {
      schema: {
        tags: ['decisions'],
        summary: 'Write a letter or notice: decision, extension (s 48), transfer (s 43) or correction',
        params: requestParams,
        body: z.strictObject({ kind: z.enum(letterKinds) }),
        response: { 201: letterSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const letter = await createLetter(
        deps,
        requireStaff(request),
        request.params.requestId,
        request.body.kind,
      );
      return reply.status(201).send(letter);
    },
  );

  app.get(
    '/api/letters/:letterId/pdf',
    {
      schema: {
        tags: ['decisions'],
        summary: 'A letter as PDF',
        params: z.object({ letterId: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const { bytes, filename } = await readLetterPdf(deps, requireStaff(request), request.params.letterId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .send(Buffer.from(bytes));
    },
  );
}
