import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import { correctionStatementShownSchema } from '../corrections/corrections.shown.ts';
import { listActiveOfficers } from '../auth/auth.repo.ts';
import { isIsoDate } from '../law/calendar.ts';
import { addWorkingDays, OutsideKnownCalendarError } from '../law/working-days.ts';
import { REQUEST_STATUSES, TRACKS } from '../law/lifecycle.ts';
import type { AppDependencies } from '../server/app.ts';
import { invalid } from '../server/errors.ts';
import { errorResponses } from '../server/schemas.ts';
import {
  caseSteps,
  eventsWithTheirOwnPage,
  formsOfRelease,
  requestChannels,
  requestKinds,
  rolesThatRecord,
} from './requests.rules.ts';
import { applyRequestEvent, createRequest, getRequest, listRequests } from './requests.service.ts';
import { renderReceiptPdf } from './receipt.pdf.ts';

const isoDate = z.string().refine(isIsoDate, 'Must be a real date written YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);

export const createRequestBody = z.strictObject({
  kind: z.enum(requestKinds),
  channel: z.enum(requestChannels),
  receivedAt: z.iso.datetime({
    offset: true,
    message: 'Must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T09:30:00+13:00',
  }),
  subject: z.strictObject({
    name: text(200),
    prn: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{3,20}$/, 'Must be 3–20 letters or digits')
      .optional(),
    dateOfBirth: isoDate.optional(),
    site: text(100).optional(),
    unit: text(100).optional(),
    contact: text(300).optional(),
  }),
  requester: z
    .strictObject({
      name: text(200),
      relationship: z.enum(['self', 'agent']),
      authorityConfirmed: z.boolean().optional(),
      authorityMethod: z.enum(['document', 'recorded-confirmation']).optional(),
      contact: text(300).optional(),
    })
    .optional(),
  description: text(10_000),
  urgent: z.boolean().optional(),
  urgencyReason: text(2000).optional(),
  formOfRelease: z.enum(formsOfRelease).optional(),
  assistance: text(2000).optional(),
  aboutOtherPeople: z.boolean().optional(),
});

const createdResponse = z.object({
  id: z.string().uuid(),
  reference: z.string(),
  status: z.string(),
  kind: z.string(),
  receivedAt: z.string(),
  triageDueAt: z.string(),
  decisionDueDate: z.string(),
  transferDueDate: z.string(),
});

const summary = z.object({
  id: z.string().uuid(),
  reference: z.string(),
  status: z.enum(REQUEST_STATUSES),
  track: z.enum(TRACKS).nullable(),
  proposedTrack: z.string().nullable(),
  kind: z.string(),
  channel: z.string(),
  subjectName: z.string(),
  site: z.string().nullable(),
  officer: z.object({ id: z.string(), name: z.string() }).nullable(),
  receivedAt: z.string(),
  triageDueAt: z.string(),
  decisionDueDate: z.string(),
  workingDaysLeft: z.number().int(),
  dueState: z.enum(['on-track', 'due-soon', 'overdue', 'closed']),
  urgent: z.boolean(),
});

const skipped = z.array(z.object({ date: z.string(), reason: z.string() }));

const detailResponse = summary.extend({
  subjectPrn: z.string().nullable(),
  description: z.string(),
  subject: z.object({
    id: z.string(),
    name: z.string(),
    prn: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    site: z.string().nullable(),
    unit: z.string().nullable(),
  }),
  requester: z.object({
    name: z.string().nullable(),
    relationship: z.string().nullable(),
    contact: z.string().nullable(),
    authorityMethod: z.string().nullable(),
    authorityConfirmed: z.boolean(),
  }),
  routingReason: z.string().nullable(),
  formOfRelease: z.string().nullable(),
  assistance: z.string().nullable(),
  urgency: z.object({
    requested: z.boolean(),
    reason: z.string().nullable(),
    decision: z.string().nullable(),
    decisionReason: z.string().nullable(),
  }),
  extension: z
    .object({
      ground: z.string(),
      newDueDate: z.string(),
      noticeDate: z.string(),
      workingDays: z.number(),
      reason: z.string(),
    })
    .nullable(),
  transfer: z.object({ agency: z.string(), noticeDate: z.string(), reason: z.string() }).nullable(),
  clarification: z
    .object({
      question: z.string(),
      askedAt: z.string(),
      answer: z.string().nullable(),
      answeredAt: z.string().nullable(),
    })
    .nullable(),
  transferDueDate: z.string(),
  originalDueDate: z.string(),
  decisionOutcome: z.string().nullable(),
  escalatedToComplaint: z.boolean(),
  dueExplanation: z.object({
    received: z.string(),
    from: z.string(),
    workingDays: z.number(),
    due: z.string(),
    skipped,
    rule: z.string(),
  }),
  allowedActions: z.array(z.string()).describe('Generic lifecycle events the caller may send to /events now'),
  caseSteps: z
    .array(z.enum(caseSteps))
    .describe(
      'Steps the caller may take now on their own pages: draft-decision and approve-decision on the decision page, release on the release page',
    ),
  earlierRequests: z.array(
    z.object({ id: z.string(), reference: z.string(), receivedAt: z.string(), status: z.string() }),
  ),
  lastReleaseDate: z.string().nullable(),
  timeline: z.array(
    z.object({
      at: z.string(),
      actor: z.object({ id: z.string(), name: z.string() }).nullable(),
      type: z.string(),
      summary: z.string(),
    }),
  ),
  correctionStatements: z.array(correctionStatementShownSchema),
});

/**
 * The generic lifecycle events. Going for decision, deciding and releasing are not here: they need a decision
 * record or a verified release package, so sending one names the page and API to use instead.
 */
export const requestEventBody = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('triage'), track: z.enum(TRACKS) }),
    z.strictObject({ type: z.literal('assign'), officerId: z.string().uuid() }),
    z.strictObject({ type: z.literal('ask-clarification'), question: text(4000) }),
    z.strictObject({ type: z.literal('clarification-answered'), answer: text(4000) }),
    z.strictObject({ type: z.literal('set-urgency'), granted: z.boolean(), reason: text(2000) }),
    z.strictObject({
      type: z.literal('extend'),
      ground: z.enum(['large-quantity', 'consultations']),
      newDueDate: isoDate,
      reason: text(4000),
      noticeDate: isoDate.optional(),
    }),
    z.strictObject({
      type: z.literal('transfer'),
      agency: text(200),
      reason: text(4000),
      noticeDate: isoDate.optional(),
    }),
    z.strictObject({ type: z.literal('route-to-oia'), reason: text(2000) }),
    z.strictObject({ type: z.literal('withdraw'), reason: text(2000) }),
    z.strictObject({ type: z.literal('close') }),
  ],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const type: unknown = (issue.input as { type?: unknown } | null)?.type;
      return typeof type === 'string' ? eventsWithTheirOwnPage[type] : undefined;
    },
  },
);

const listQuery = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value) => value?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(REQUEST_STATUSES)).optional()),
  track: z.enum(TRACKS).optional(),
  channel: z.enum(requestChannels).optional(),
  officer: z.string().uuid().optional(),
  site: z.string().max(100).optional(),
  due: z.enum(['overdue', 'due-soon']).optional(),
  dueBefore: isoDate.optional(),
  q: z.string().max(200).optional(),
  queue: z.enum(['mine', 'triage', 'awaiting-decision', 'all']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export async function requestRoutes(root: FastifyInstance, { db }: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Record a request (any channel) and start its clocks',
        body: createRequestBody,
        response: { 201: createdResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request, ...rolesThatRecord);
      const body = request.body;
      const created = await createRequest(
        db,
        { kind: 'staff', actor },
        { ...body, receivedAt: new Date(body.receivedAt) },
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'A page of the requests visible to the caller, by due date',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(summary), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => listRequests(db, requireStaff(request), request.query),
  );

  app.get(
    '/api/requests/:id',
    {
      schema: {
        tags: ['requests'],
        summary: 'A request with its timeline',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: detailResponse, ...errorResponses },
      },
    },
    async (request) => getRequest(db, requireStaff(request), request.params.id),
  );

  app.get(
    '/api/requests/:id/receipt.pdf',
    {
      schema: {
        tags: ['requests'],
        summary: 'The printable one-page receipt for the person',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const detail = await getRequest(db, requireStaff(request), request.params.id);
      const pdf = await renderReceiptPdf(detail);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="receipt-${detail.reference}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/requests/:id/events',
    {
      schema: {
        tags: ['requests'],
        summary: 'Move a request through its lifecycle (triage, assign, extend, transfer…)',
        params: z.object({ id: z.string().uuid() }),
        body: requestEventBody,
        response: { 200: detailResponse, ...errorResponses },
      },
    },
    async (request) => applyRequestEvent(db, requireStaff(request), request.params.id, request.body),
  );

  app.get(
    '/api/deadline',
    {
      schema: {
        tags: ['requests'],
        summary: 'The Nth working day after a date, with the days skipped and why',
        querystring: z.strictObject({
          received: isoDate,
          workingDays: z.coerce.number().int().min(1).max(400).default(20),
        }),
        response: {
          200: z.object({ received: z.string(), workingDays: z.number(), due: z.string(), skipped }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireStaff(request);
      try {
        const result = addWorkingDays(request.query.received, request.query.workingDays);
        return {
          received: request.query.received,
          workingDays: request.query.workingDays,
          due: result.due,
          skipped: result.skipped,
        };
      } catch (error) {
        if (error instanceof OutsideKnownCalendarError)
          throw invalid([{ path: 'received', message: error.message }]);
        throw error;
      }
    },
  );

  app.get(
    '/api/staff',
    {
      schema: {
        tags: ['requests'],
        summary: 'Active staff who can be assigned requests',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                role: z.string(),
                team: z.string().nullable(),
                site: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireStaff(request);
      return { items: await listActiveOfficers(db) };
    },
  );
}
