import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import type { AppDependencies } from '../server/app.ts';
import { errorResponses } from '../server/schemas.ts';
import { RELEASE_METHODS } from './release.rules.ts';
import {
  buildRelease,
  personDisclosures,
  releaseOverview,
  releasePdf,
  requestDisclosures,
  sendRelease,
  sinceLastRelease,
} from './release.service.ts';

const scheduleEntry = z.object({
  documentId: z.string(),
  title: z.string(),
  fromPage: z.number().int(),
  toPage: z.number().int(),
  pages: z.number().int(),
  outcome: z.enum(['released', 'withheld-in-part', 'withheld']),
  grounds: z.array(z.string()),
});

const release = z.object({
  id: z.string().uuid(),
  requestId: z.string().uuid(),
  decisionId: z.string().nullable(),
  letterId: z.string().nullable(),
  pageCount: z.number().int(),
  schedule: z.array(scheduleEntry),
  status: z.string(),
  method: z.string().nullable(),
  recipient: z.string().nullable(),
  builtAt: z.string(),
  sentAt: z.string().nullable(),
  url: z.string(),
});

const disclosureEntry = z.object({
  id: z.string(),
  releaseId: z.string(),
  requestId: z.string(),
  reference: z.string(),
  documentId: z.string().nullable(),
  title: z.string(),
  outcome: z.string(),
  pagesReleased: z.number().int(),
  pagesWithheld: z.number().int(),
  grounds: z.array(z.string()),
  recipient: z.string(),
  method: z.string(),
  disclosedAt: z.string(),
});

const requestParams = z.object({ requestId: z.string().uuid() });
const releaseParams = z.object({ releaseId: z.string().uuid() });

const sendBody = z.strictObject({
  method: z.enum(RELEASE_METHODS),
  recipient: z.string().trim().min(1, 'Must not be empty').max(500).optional(),
});

export async function releaseRoutes(root: FastifyInstance, { db, config }: AppDependencies): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/requests/:requestId/release',
    {
      schema: {
        tags: ['release'],
        summary: 'Whether a release package can be built (and why not), and the packages built',
        params: requestParams,
        response: {
          200: z.object({
            readiness: z.object({ ready: z.boolean(), blockers: z.array(z.string()) }),
            releases: z.array(release),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => releaseOverview(db, requireStaff(request), request.params.requestId),
  );

  app.post(
    '/api/requests/:requestId/release/build',
    {
      schema: {
        tags: ['release'],
        summary: 'Redact every document, assemble the package with its schedule, verify it and store it',
        params: requestParams,
        response: { 201: release, ...errorResponses },
      },
    },
    async (request, reply) => {
      const built = await buildRelease(db, config, requireStaff(request), request.params.requestId);
      return reply.status(201).send(built);
    },
  );

  app.get(
    '/api/releases/:releaseId/pdf',
    {
      schema: {
        tags: ['release'],
        summary: 'The release package (PDF)',
        params: releaseParams,
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await releasePdf(db, config, requireStaff(request), request.params.releaseId);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  );

  app.post(
    '/api/releases/:releaseId/send',
    {
      schema: {
        tags: ['release'],
        summary:
          'Send the package (e-mail, post) or record it was made available (inspection, viewing, collected)',
        params: releaseParams,
        body: sendBody,
        response: { 200: release, ...errorResponses },
      },
    },
    async (request) => sendRelease(db, requireStaff(request), request.params.releaseId, request.body),
  );

  app.get(
    '/api/requests/:requestId/disclosures',
    {
      schema: {
        tags: ['release'],
        summary: 'The disclosure log of a request',
        params: requestParams,
        response: { 200: z.object({ entries: z.array(disclosureEntry) }), ...errorResponses },
      },
    },
    async (request) => requestDisclosures(db, requireStaff(request), request.params.requestId),
  );

  app.get(
    '/api/people/:personId/disclosures',
    {
      schema: {
        tags: ['release'],
        summary: 'The disclosure log of a person across their requests',
        params: z.object({ personId: z.string().uuid() }),
        response: { 200: z.object({ entries: z.array(disclosureEntry) }), ...errorResponses },
      },
    },
    async (request) => personDisclosures(db, requireStaff(request), request.params.personId),
  );

  app.get(
    '/api/requests/:requestId/since-last-release',
    {
      schema: {
        tags: ['release'],
        summary: "The person's last release and the documents gathered since (for a repeat request)",
        params: requestParams,
        response: {
          200: z.object({
            lastRelease: z
              .object({
                // null for a release the earlier case system recorded, with no package here
                releaseId: z.string().nullable(),
                reference: z.string(),
                sentAt: z.string(),
              })
              .nullable(),
            documents: z.array(
              z.object({
                documentId: z.string(),
                requestId: z.string(),
                reference: z.string(),
                title: z.string(),
                gatheredAt: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => sinceLastRelease(db, requireStaff(request), request.params.requestId),
  );
}
