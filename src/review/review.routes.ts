import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import type { StaffRole } from '../auth/auth.schema.ts';
import type { AppDependencies } from '../server/app.ts';
import { errorResponses } from '../server/schemas.ts';
import { DISPOSITIONS, MARK_STATUSES, REQUESTER_KNOWS, STAFF_NAME_STATUSES } from './review.rules.ts';
import {
  addMark,
  answerStaffName,
  consultStaffMember,
  decideMark,
  decideMatchingMarks,
  determineStaffName,
  listDocumentMarks,
  listStaffNames,
  myConsultations,
  replyAsStaffMember,
  requestReviewStatus,
  setDocumentDisposition,
  suggestMarks,
} from './review.service.ts';

/** Who may read a request's review: those who work on it, decide it, or oversee it. */
const readers: StaffRole[] = ['officer', 'decision-maker', 'manager', 'auditor'];

const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);
const ground = z.string().trim().max(40).optional();
const note = z.string().trim().max(2000).optional();
const markDecision = z.enum(['accepted', 'rejected']);
const decisionNote = z.string().trim().max(2000).nullable().optional();

export const markSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  page: z.number().int(),
  kind: z.enum(['text', 'area']),
  text: z.string().nullable(),
  startOffset: z.number().int().nullable(),
  endOffset: z.number().int().nullable(),
  rect: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  piiType: z.string().nullable(),
  score: z.number().nullable(),
  source: z.enum(['detector', 'officer']),
  status: z.enum(MARK_STATUSES),
  ground: z.string().nullable(),
  groundLabel: z.string().nullable(),
  note: z.string().nullable(),
  staffName: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

const markCounts = z.object({ suggested: z.number(), accepted: z.number(), rejected: z.number() });

export const documentSummarySchema = z.object({
  id: z.string(),
  requestId: z.string(),
  title: z.string(),
  originalFilename: z.string(),
  sourceType: z.string(),
  pageCount: z.number().int(),
  ocrPages: z.number().int(),
  disposition: z.enum(DISPOSITIONS),
  withholdGround: z.string().nullable(),
  dispositionNote: z.string().nullable(),
  addedAt: z.string(),
  addedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  marks: markCounts,
});

export const staffNameReviewSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  name: z.string(),
  staffUser: z.object({ id: z.string(), name: z.string() }).nullable(),
  requesterKnows: z.enum(REQUESTER_KNOWS).nullable(),
  proposedGround: z.string().nullable(),
  consultation: z
    .object({
      question: z.string(),
      askedAt: z.string(),
      askedBy: z.string(),
      reply: z.string().nullable(),
      repliedAt: z.string().nullable(),
      view: z.enum(['withhold', 'release']).nullable(),
    })
    .nullable(),
  determination: z.enum(['withhold', 'release']).nullable(),
  determinationReason: z.string().nullable(),
  determinedAt: z.string().nullable(),
  status: z.enum(STAFF_NAME_STATUSES),
  ruling: z.string(),
  occurrences: z.number().int(),
});

export const reviewStatusSchema = z.object({
  documents: z.number().int(),
  undecidedDocuments: z.number().int(),
  suggestedMarks: z.number().int(),
  openStaffNames: z.number().int(),
  ready: z.boolean(),
  blockers: z.array(z.string()),
  notes: z.array(z.string()),
});

const pageNumber = z.number().int().min(1, 'Pages are numbered from 1');
const offset = z.number().int().min(0);

const newMarkBody = z.discriminatedUnion('kind', [
  z.strictObject({
    page: pageNumber,
    kind: z.literal('text'),
    text: z.string().min(1).max(2000).optional(),
    startOffset: offset.optional(),
    endOffset: offset.optional(),
    ground,
    note,
  }),
  z.strictObject({
    page: pageNumber,
    kind: z.literal('area'),
    rect: z.array(z.number()).length(4, 'Must be four numbers [x0, y0, x1, y1]'),
    ground,
    note,
  }),
]);

const documentParams = z.object({ documentId: z.string().uuid() });
const requestParams = z.object({ requestId: z.string().uuid() });
const reviewParams = z.object({ reviewId: z.string().uuid() });

export async function reviewRoutes(root: FastifyInstance, { db }: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/documents/:documentId/suggestions',
    {
      schema: {
        tags: ['review'],
        summary: 'Run the detector over every page and store its suggestions as marks',
        params: documentParams,
        response: {
          200: z.object({ created: z.number().int(), marks: z.array(markSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => suggestMarks(db, requireStaff(request, 'officer'), request.params.documentId),
  );

  app.get(
    '/api/documents/:documentId/marks',
    {
      schema: {
        tags: ['review'],
        summary: 'The withholding marks of a document',
        params: documentParams,
        response: { 200: z.object({ marks: z.array(markSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      marks: await listDocumentMarks(db, requireStaff(request, ...readers), request.params.documentId),
    }),
  );

  app.post(
    '/api/documents/:documentId/marks',
    {
      schema: {
        tags: ['review'],
        summary: 'Add a withholding mark (a text span or a page area), accepted on its ground',
        params: documentParams,
        body: newMarkBody,
        response: { 201: markSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const mark = await addMark(
        db,
        requireStaff(request, 'officer'),
        request.params.documentId,
        request.body,
      );
      return reply.status(201).send(mark);
    },
  );

  app.patch(
    '/api/marks/:markId',
    {
      schema: {
        tags: ['review'],
        summary: 'Accept a mark on a ground, or reject it',
        params: z.object({ markId: z.string().uuid() }),
        body: z.strictObject({ status: markDecision, ground, note: decisionNote }),
        response: { 200: markSchema, ...errorResponses },
      },
    },
    async (request) => decideMark(db, requireStaff(request, 'officer'), request.params.markId, request.body),
  );

  app.post(
    '/api/documents/:documentId/marks/decide-matching',
    {
      schema: {
        tags: ['review'],
        summary:
          'Accept on a ground, or reject, every suggested mark of the document with the same text (case and spacing aside)',
        params: documentParams,
        body: z.strictObject({
          text: text(500),
          status: markDecision,
          ground,
          note: decisionNote,
        }),
        response: {
          200: z.object({ decided: z.number().int(), marks: z.array(markSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      decideMatchingMarks(db, requireStaff(request, 'officer'), request.params.documentId, request.body),
  );

  app.put(
    '/api/documents/:documentId/disposition',
    {
      schema: {
        tags: ['review'],
        summary: 'Release a document in full, withhold it in full on a ground, or release it in part',
        params: documentParams,
        body: z.strictObject({
          disposition: z.enum(['release-in-full', 'withhold-in-full', 'partial']),
          ground,
          note: z.string().trim().max(2000).nullable().optional(),
        }),
        response: { 200: documentSummarySchema, ...errorResponses },
      },
    },
    async (request) =>
      setDocumentDisposition(db, requireStaff(request, 'officer'), request.params.documentId, request.body),
  );

  app.get(
    '/api/requests/:requestId/staff-names',
    {
      schema: {
        tags: ['review'],
        summary: 'The staff-name reviews of a request (C.09.04)',
        params: requestParams,
        response: { 200: z.object({ reviews: z.array(staffNameReviewSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      reviews: await listStaffNames(db, requireStaff(request, ...readers), request.params.requestId),
    }),
  );

  app.get(
    '/api/staff-names/mine',
    {
      schema: {
        tags: ['review'],
        summary: 'Consultations about my name waiting for my reply',
        response: {
          200: z.object({ reviews: z.array(staffNameReviewSchema.extend({ reference: z.string() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ reviews: await myConsultations(db, requireStaff(request)) }),
  );

  app.post(
    '/api/staff-names/:reviewId/answer',
    {
      schema: {
        tags: ['review'],
        summary: 'Record whether the requester already knows the name, and the ground proposed',
        params: reviewParams,
        body: z.strictObject({
          requesterKnows: z.enum(REQUESTER_KNOWS),
          proposedGround: z.string().trim().max(40).nullable().optional(),
        }),
        response: { 200: staffNameReviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      answerStaffName(db, requireStaff(request, 'officer'), request.params.reviewId, request.body),
  );

  app.post(
    '/api/staff-names/:reviewId/consult',
    {
      schema: {
        tags: ['review'],
        summary: 'Consult the staff member (an e-mail asks for their view)',
        params: reviewParams,
        body: z.strictObject({ question: text(4000) }),
        response: { 200: staffNameReviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      consultStaffMember(db, requireStaff(request, 'officer'), request.params.reviewId, request.body),
  );

  app.post(
    '/api/staff-names/:reviewId/reply',
    {
      schema: {
        tags: ['review'],
        summary: 'The consulted staff member gives their view',
        params: reviewParams,
        body: z.strictObject({ view: z.enum(['withhold', 'release']), reply: text(4000) }),
        response: { 200: staffNameReviewSchema, ...errorResponses },
      },
    },
    async (request) => replyAsStaffMember(db, requireStaff(request), request.params.reviewId, request.body),
  );

  app.post(
    '/api/staff-names/:reviewId/determine',
    {
      schema: {
        tags: ['review'],
        summary: "The decision maker's determination on a staff name (C.09.04)",
        params: reviewParams,
        body: z.strictObject({ determination: z.enum(['withhold', 'release']), reason: text(4000) }),
        response: { 200: staffNameReviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      determineStaffName(db, requireStaff(request, 'decision-maker'), request.params.reviewId, request.body),
  );

  app.get(
    '/api/requests/:requestId/review-status',
    {
      schema: {
        tags: ['review'],
        summary: 'Whether the review of a request is finished, and what stands in the way',
        params: requestParams,
        response: { 200: reviewStatusSchema, ...errorResponses },
      },
    },
    async (request) => requestReviewStatus(db, requireStaff(request, ...readers), request.params.requestId),
  );
}
