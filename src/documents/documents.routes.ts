import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../auth/session.plugin.ts';
import type { AppDependencies } from '../server/app.ts';
import { AppError } from '../server/errors.ts';
import { errorResponses, errorBody } from '../server/schemas.ts';
import {
  attachmentDisposition,
  DISPOSITIONS,
  listRoles,
  PAGE_SCALE,
  readRoles,
  removeRoles,
  uploadRoles,
} from './documents.rules.ts';
import {
  documentPageImage,
  exportDocument,
  getDocument,
  listDocuments,
  removeDocument,
  searchDocuments,
  uploadDocument,
} from './documents.service.ts';
import { megabytes, SOURCE_TYPES } from './intake/index.ts';

const person = z.object({ id: z.string(), name: z.string() });

export const documentSummary = z.object({
  id: z.string().uuid(),
  requestId: z.string().uuid(),
  title: z.string(),
  originalFilename: z.string(),
  sourceType: z.enum(SOURCE_TYPES),
  pageCount: z.number().int(),
  ocrPages: z.number().int(),
  disposition: z.enum(DISPOSITIONS),
  withholdGround: z.string().nullable(),
  dispositionNote: z.string().nullable(),
  addedAt: z.string(),
  addedBy: person.nullable(),
  marks: z.object({ suggested: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
});

/** The answer to an upload: the document, and for an e-mail the documents its attachments became. */
const uploadResult = documentSummary.extend({
  attachments: z.array(documentSummary),
  skippedAttachments: z.array(
    z.object({
      filename: z.string(),
      reason: z
        .string()
        .describe('Why the intake refused it; it is not in the request and must be seen to by hand'),
    }),
  ),
});

const documentDetail = documentSummary.extend({
  reference: z.string(),
  pages: z.array(
    z.object({
      page: z.number().int(),
      width: z.number(),
      height: z.number(),
      ocr: z.boolean(),
      text: z.string(),
    }),
  ),
});

const requestParams = z.object({ requestId: z.string().uuid() });
const documentParams = z.object({ documentId: z.string().uuid() });
const fileResponses = { ...errorResponses, 413: errorBody, 415: errorBody };

/** The upload route, in a scope of its own: it alone takes raw bytes of any content type. */
async function uploadRoute(scope: FastifyInstance, { db, config }: AppDependencies): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: config.UPLOAD_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Fastify's own "body too large" names no limit; say what the limit is. Other errors go on to the app's handler.
  app.setErrorHandler((error: FastifyError) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const message = `The file is larger than the upload limit of ${megabytes(config.UPLOAD_MAX_BYTES)}`;
      throw new AppError('payload-too-large', message, [{ path: 'file', message }]);
    }
    throw error;
  });

  app.post(
    '/api/requests/:requestId/documents',
    {
      bodyLimit: config.UPLOAD_MAX_BYTES,
      schema: {
        tags: ['documents'],
        summary: 'Add a document to a request: the body is the file itself (PDF, image, text, e-mail, Word)',
        description:
          "An e-mail's attachments become documents of the request too (`attachments`), stored with it or not at all; " +
          'attachments of a type the intake refuses are listed in `skippedAttachments` and named in the e-mail. ' +
          'The size and page limits are for the whole upload, attachments included.',
        params: requestParams,
        querystring: z.strictObject({
          filename: z.string().trim().min(1, 'Give the file name').max(255),
          title: z.string().trim().min(1).max(300).optional(),
        }),
        response: { 201: uploadResult, ...fileResponses },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request, ...uploadRoles);
      const body = request.body;
      const bytes = Buffer.isBuffer(body)
        ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
        : new Uint8Array();
      const created = await uploadDocument(db, config, actor, request.params.requestId, {
        filename: request.query.filename,
        title: request.query.title,
        bytes,
      });
      return reply.status(201).send(created);
    },
  );
}

export async function documentRoutes(root: FastifyInstance, deps: AppDependencies): Promise<void> {
  const { db, config } = deps;
  await root.register(async (scope) => uploadRoute(scope, deps));
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/requests/:requestId/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The documents in scope of a request',
        params: requestParams,
        response: { 200: z.object({ documents: z.array(documentSummary) }), ...errorResponses },
      },
    },
    async (request) => ({
      documents: await listDocuments(db, requireStaff(request, ...listRoles), request.params.requestId),
    }),
  );

  app.get(
    '/api/requests/:requestId/documents/search',
    {
      schema: {
        tags: ['documents'],
        summary: "Search the text of a request's documents (every word must occur on the page)",
        params: requestParams,
        querystring: z.strictObject({ q: z.string().trim().min(1, 'Give words to search for').max(200) }),
        response: {
          200: z.object({
            hits: z.array(
              z.object({
                documentId: z.string(),
                title: z.string(),
                page: z.number().int(),
                snippet: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const hits = await searchDocuments(
        db,
        requireStaff(request, ...readRoles),
        request.params.requestId,
        request.query.q,
      );
      return reply.header('cache-control', 'no-store').send({ hits });
    },
  );

  app.get(
    '/api/documents/:documentId',
    {
      schema: {
        tags: ['documents'],
        summary: 'A document with the text of each page',
        params: documentParams,
        response: { 200: documentDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const detail = await getDocument(db, requireStaff(request, ...readRoles), request.params.documentId);
      return reply.header('cache-control', 'no-store').send(detail);
    },
  );

  app.get(
    '/api/documents/:documentId/pages/:page/image',
    {
      schema: {
        tags: ['documents'],
        summary: 'One page of the working PDF as a PNG',
        params: documentParams.extend({ page: z.coerce.number().int().min(1) }),
        querystring: z.strictObject({
          scale: z.coerce.number().min(PAGE_SCALE.min).max(PAGE_SCALE.max).default(PAGE_SCALE.default),
        }),
      },
    },
    async (request, reply) => {
      const png = await documentPageImage(
        db,
        config,
        requireStaff(request, ...readRoles),
        request.params.documentId,
        request.params.page,
        request.query.scale,
      );
      return reply.type('image/png').header('cache-control', 'no-store').send(Buffer.from(png));
    },
  );

  for (const which of ['original', 'pdf'] as const) {
    app.get(
      `/api/documents/:documentId/${which}`,
      {
        schema: {
          tags: ['documents'],
          summary: which === 'original' ? 'The file as uploaded' : 'The working PDF',
          params: documentParams,
        },
      },
      async (request, reply) => {
        const file = await exportDocument(
          db,
          config,
          requireStaff(request, ...readRoles),
          request.params.documentId,
          which,
        );
        return reply
          .type(file.contentType)
          .header('content-disposition', attachmentDisposition(file.filename))
          .header('cache-control', 'no-store')
          .send(Buffer.from(file.bytes));
      },
    );
  }

  app.post(
    '/api/documents/:documentId/remove',
    {
      schema: {
        tags: ['documents'],
        summary: "Take a document out of the request's scope (it is kept, but no longer listed)",
        params: documentParams,
        body: z.strictObject({
          reason: z.string().trim().min(1, 'Say why the document is out of scope').max(2000),
        }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await removeDocument(
        db,
        requireStaff(request, ...removeRoles),
        request.params.documentId,
        request.body.reason,
      );
      return reply.status(204).send(null);
    },
  );
}
