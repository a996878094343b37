import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import { isIsoDate } from '../law/calendar.ts';
import type { AppDependencies } from '../server/app.ts';
import { errorResponses } from '../server/schemas.ts';
import { relationshipKinds } from './audit-monitoring.schema.ts';
import { eraseAuditEvent } from './erasure.service.ts';
import { accessCheck, recordAccessReason } from './evaluation.service.ts';
import { loadRelationships } from './relationships.service.ts';
import { recordOutcome, usageByTeam, weeklyReport } from './reports.service.ts';

const isoDate = z.string().refine(isIsoDate, 'Must be a real date written YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max);
const seqParam = z.object({ seq: z.coerce.number().int().min(1) });

export const relationshipsBody = z.strictObject({
  relationships: z
    .array(
      z.strictObject({
        staffId: z.string().uuid(),
        personId: z.string().uuid(),
        kind: z.enum(relationshipKinds),
        from: isoDate,
        to: isoDate.nullable().optional(),
        site: text(100).nullable().optional(),
        unit: text(100).nullable().optional(),
      }),
    )
    .min(1)
    .max(5000),
});

const worded = z.object({ code: z.string(), words: z.string() });

const reportItem = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  staff: z.object({ id: z.string(), name: z.string(), role: z.string(), team: z.string().nullable() }),
  person: z.object({ id: z.string(), name: z.string(), prn: z.string().nullable() }),
  flags: z.array(worded),
  reasons: z.array(worded),
  explained: z.boolean(),
  statedReason: z.string().nullable(),
  summary: z.string(),
  outcome: z.enum(['justified', 'breach']).nullable(),
  note: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});

const weeklyReportResponse = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  scope: z.enum(['all', 'team', 'site', 'none']),
  items: z.array(reportItem),
  totals: z.object({ flagged: z.number(), reviewed: z.number(), breaches: z.number(), staff: z.number() }),
});

const accessCheckResponse = z.object({
  needsReason: z.boolean(),
  reasons: z.array(z.string()),
  reasonGiven: z.boolean(),
});

const usageResponse = z.object({
  weeks: z.number().int(),
  points: z.array(
    z.object({
      week: z.string(),
      from: z.string(),
      team: z.string(),
      staffInTeam: z.number().int(),
      staffWithVolume: z.number().int(),
      staffWithUnjustifiedVolume: z.number().int(),
      share: z.number(),
      volumeAccesses: z.number().int(),
      breaches: z.number().int(),
    }),
  ),
});

/** The access audit's HTTP API (docs/audit-api.md). */
export async function auditRoutes(root: FastifyInstance, { db }: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/audit/relationships',
    {
      schema: {
        tags: ['audit'],
        summary: 'Load work relationships between staff and people (admins, managers)',
        body: relationshipsBody,
        response: { 201: z.object({ loaded: z.number().int() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request, 'admin', 'manager');
      return reply.status(201).send(await loadRelationships(db, actor, request.body.relationships));
    },
  );

  app.get(
    '/api/audit/access-check',
    {
      schema: {
        tags: ['audit'],
        summary: 'Whether opening a person’s record now needs a stated reason (the interruption card)',
        querystring: z.strictObject({ personId: z.string().uuid() }),
        response: { 200: accessCheckResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireStaff(request, 'intake', 'officer', 'decision-maker', 'manager', 'auditor');
      return accessCheck(db, actor, request.query.personId);
    },
  );

  app.post(
    '/api/audit/access-reasons',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Record why a record with no work relationship is being opened (explains it for review, not a pass)',
        body: z.strictObject({ personId: z.string().uuid(), reason: text(1000) }),
        response: {
          201: z.object({ id: z.string(), at: z.string(), eventSeq: z.number().int().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request, 'intake', 'officer', 'decision-maker', 'manager', 'auditor');
      return reply
        .status(201)
        .send(await recordAccessReason(db, actor, request.body.personId, request.body.reason));
    },
  );

  app.get(
    '/api/audit/reports/weekly',
    {
      schema: {
        tags: ['audit'],
        summary: 'Flagged accesses of a week with reasons in words (managers: their staff; auditors: all)',
        querystring: z.strictObject({
          week: z.string().regex(/^\d{4}-W\d{2}$/, 'Must be an ISO week, e.g. 2026-W48'),
        }),
        response: { 200: weeklyReportResponse, ...errorResponses },
      },
    },
    async (request) => weeklyReport(db, requireStaff(request, 'manager', 'auditor'), request.query.week),
  );

  app.post(
    '/api/audit/flags/:seq/outcome',
    {
      schema: {
        tags: ['audit'],
        summary: 'Mark a flagged access justified or a breach (auditors; audited)',
        params: seqParam,
        body: z.strictObject({
          outcome: z.enum(['justified', 'breach']),
          note: text(4000).nullable().optional(),
        }),
        response: { 200: reportItem, ...errorResponses },
      },
    },
    async (request) =>
      recordOutcome(
        db,
        requireStaff(request, 'auditor'),
        request.params.seq,
        request.body.outcome,
        request.body.note ?? null,
      ),
  );

  app.get(
    '/api/audit/usage',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Per team per week: staff with usage higher than normal without justification (figure and counts)',
        querystring: z.strictObject({
          team: z.string().trim().min(1).max(100).optional(),
          weeks: z.coerce.number().int().min(1).max(104).default(12),
        }),
        response: { 200: usageResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireStaff(request, 'manager', 'auditor');
      const points = await usageByTeam(db, actor, { team: request.query.team, weeks: request.query.weeks });
      return { weeks: request.query.weeks, points };
    },
  );

  app.post(
    '/api/audit/events/:seq/erase',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Erasure required by law: blank an event’s details and reason, keep its hash (auditors; audited)',
        params: seqParam,
        body: z.strictObject({ reason: text(2000) }),
        response: {
          200: z.object({ seq: z.number().int(), erasedAt: z.string(), recordedSeq: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      eraseAuditEvent(db, requireStaff(request, 'auditor'), request.params.seq, request.body.reason),
  );
}
