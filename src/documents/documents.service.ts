import * as mupdf from 'mupdf';
import type { Actor } from '../auth/actor.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { findRequest, type RequestWithOfficer } from '../requests/requests.repo.ts';
import { loadVisibleRequest } from '../requests/requests.service.ts';
import type { Config } from '../server/config.ts';
import { AppError, invalid, notFound } from '../server/errors.ts';
import {
  documentTitle,
  exportFilename,
  PAGE_SCALE,
  searchTerms,
  snippet,
  DISPOSITIONS,
} from './documents.rules.ts';
import * as repo from './documents.repo.ts';
import {
  intakeLimits,
  prepareUpload,
  UploadRefusal,
  type PreparedDocument,
  type SourceType,
} from './intake/index.ts';
import {
  prepareUploadWithAttachments,
  type PreparedUpload,
  type SkippedAttachment,
} from './intake/intake.ts';
import { blobStoreFor } from './storage/index.ts';

export interface DocumentSummary {
  id: string;
  requestId: string;
  title: string;
  originalFilename: string;
  sourceType: SourceType;
  pageCount: number;
  ocrPages: number;
  disposition: (typeof DISPOSITIONS)[number];
  withholdGround: string | null;
  dispositionNote: string | null;
  addedAt: string;
  addedBy: { id: string; name: string } | null;
  marks: repo.MarkCounts;
}

export interface DocumentDetail extends DocumentSummary {
  reference: string;
  pages: Array<{ page: number; width: number; height: number; ocr: boolean; text: string }>;
}

/** The answer to an upload: the document, and for an e-mail the documents made of its attachments. */
export interface UploadResult extends DocumentSummary {
  attachments: DocumentSummary[];
  /** Attachments the intake refused, with why: they are not in the request, the officer must see to them. */
  skippedAttachments: SkippedAttachment[];
}

export interface NewUpload {
  filename: string;
  title?: string | undefined;
  bytes: Uint8Array;
}

const ORIGINAL_TYPES: Record<SourceType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  text: 'text/plain',
  eml: 'message/rfc822',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
  rtf: 'application/rtf',
};

// A page image bigger than this many pixels is drawn at a smaller scale: a huge page size at 3× would
// otherwise need gigabytes.
const MAX_RENDER_PIXELS = 40_000_000;
const SEARCH_LIMIT = 200;

function summarise(row: repo.DocumentWithAdder, marks: repo.MarkCounts, ocrPages: number): DocumentSummary {
  return {
    id: row.id,
    requestId: row.requestId,
    title: row.title,
    originalFilename: row.originalFilename,
    sourceType: row.sourceType as SourceType,
    pageCount: row.pageCount,
    ocrPages,
    disposition: row.disposition as DocumentSummary['disposition'],
    withholdGround: row.withholdGround,
    dispositionNote: row.dispositionNote,
    addedAt: row.addedAt.toISOString(),
    addedBy: row.addedBy ? { id: row.addedBy, name: row.addedByName ?? '' } : null,
    marks,
  };
}

/**
 * Documents as the API shows them, with their OCR page and mark counts (for modules that answer with a
 * DocumentSummary, e.g. after setting a disposition).
 *
 * @example const [summary] = await summariseDocuments(tx, [document])
 */
export async function summariseDocuments(
  tx: Executor,
  rows: repo.DocumentWithAdder[],
): Promise<DocumentSummary[]> {
  const ids = rows.map((row) => row.id);
  const marks = await repo.markCounts(tx, ids);
  const ocr = await repo.ocrPageCounts(tx, ids);
  return rows.map((row) =>
    summarise(row, marks.get(row.id) ?? { suggested: 0, accepted: 0, rejected: 0 }, ocr.get(row.id) ?? 0),
  );
}

const auditActor = (actor: Actor) => ({ actorId: actor.id, actorRole: actor.role, address: actor.address });

/**
 * A document in scope of a request the actor may see, with that request; "removed", "missing" and "not
 * yours" all answer 404. With `forUpdate` the request row, then the document row, are locked (the request
 * first, in the same order as every request-level command, so two commands never wait on each other).
 *
 * @example const { document, request } = await loadVisibleDocument(tx, actor, documentId, false)
 */
export async function loadVisibleDocument(
  tx: Executor,
  actor: Actor,
  documentId: string,
  forUpdate: boolean,
): Promise<{ document: repo.DocumentWithAdder; request: RequestWithOfficer }> {
  const found = await repo.findDocument(tx, documentId);
  if (!found || found.removedAt) throw notFound('Document');
  let request: RequestWithOfficer;
  try {
    request = await loadVisibleRequest(tx, actor, found.requestId, forUpdate);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not-found') throw notFound('Document');
    throw error;
  }
  const document = forUpdate ? await repo.findDocument(tx, documentId, true) : found;
  if (!document || document.removedAt) throw notFound('Document');
  return { document, request };
}

/**
 * The working PDF of a document (what review, redaction and release work on), from the blob store.
 *
 * @example const pdf = await documentPdfBytes(config, document)
 */
export async function documentPdfBytes(config: Config, document: { pdfSha256: string }): Promise<Uint8Array> {
  return blobStoreFor(config).get(document.pdfSha256);
}

function refusalToError(refusal: UploadRefusal): AppError {
  const fields = [{ path: 'file', message: refusal.message }];
  switch (refusal.kind) {
    case 'too-large':
      return new AppError('payload-too-large', refusal.message, fields);
    case 'unsupported-type':
    case 'needs-conversion':
      return new AppError('unsupported-media-type', refusal.message, fields);
    case 'empty':
    case 'too-many-pages':
    case 'encrypted':
    case 'malformed':
    case 'bomb':
      return invalid(fields);
  }
}

const intakeOptions = (config: Config, ocr: boolean) => ({
  limits: intakeLimits({ maxBytes: config.UPLOAD_MAX_BYTES, maxPages: config.UPLOAD_MAX_PAGES }),
  ocr,
  sofficePath: config.SOFFICE_PATH,
});

async function refusingAsApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UploadRefusal) throw refusalToError(error);
    throw error;
  }
}

/** Reads and converts an upload under the configured limits, turning a refusal into the API's error. */
export async function prepareForRequest(
  config: Config,
  bytes: Uint8Array,
  options: { ocr: boolean } = { ocr: true },
): Promise<PreparedDocument> {
  return refusingAsApi(() => prepareUpload(bytes, intakeOptions(config, options.ocr)));
}

/** As {@link prepareForRequest}, with an e-mail's attachments prepared as documents too. */
export async function prepareUploadForRequest(config: Config, bytes: Uint8Array): Promise<PreparedUpload> {
  return refusingAsApi(() => prepareUploadWithAttachments(bytes, intakeOptions(config, true)));
}

/** A prepared document to store, with its names; `attachedTo` is the index of the e-mail it came with. */
export interface DocumentToStore {
  prepared: PreparedDocument;
  names: { filename: string; title?: string | undefined; address?: string };
  attachedTo?: number;
}

/**
 * Stores prepared documents for a request: the blobs first, then ONE transaction with every document,
 * its pages and its audit event, in the order given (an e-mail before its attachments, whose events say
 * `attachedTo`: the e-mail document's id). Either all are stored or none. If that transaction fails the
 * blobs stay behind unreferenced; in a content-addressed store that is harmless (the same bytes uploaded
 * again reuse them, and nothing points at them otherwise). `actor` null is the system (demo seed);
 * otherwise the request must be visible.
 */
export async function storeDocuments(
  db: Database,
  config: Config,
  actor: Actor | null,
  requestId: string,
  items: DocumentToStore[],
): Promise<DocumentSummary[]> {
  const store = blobStoreFor(config);
  const blobs: Array<{ originalSha256: string; pdfSha256: string }> = [];
  for (const { prepared } of items) {
    const originalSha256 = await store.put(prepared.original);
    const pdfSha256 = prepared.pdf === prepared.original ? originalSha256 : await store.put(prepared.pdf);
    blobs.push({ originalSha256, pdfSha256 });
  }
  return inTransaction(db, async (tx) => {
    const request = actor
      ? await loadVisibleRequest(tx, actor, requestId, false)
      : await findRequest(tx, requestId);
    if (!request) throw notFound('Request');
    const summaries: DocumentSummary[] = [];
    for (const [i, { prepared, names, attachedTo }] of items.entries()) {
      const { originalSha256, pdfSha256 } = blobs[i]!;
      const ocrPages = prepared.pages.filter((page) => page.ocr).length;
      const row = await repo.insertDocument(tx, {
        requestId,
        title: documentTitle(names.title, prepared.suggestedTitle, names.filename),
        originalFilename: names.filename,
        sourceType: prepared.sourceType,
        originalSha256,
        originalSize: prepared.original.byteLength,
        pdfSha256,
        pageCount: prepared.pages.length,
        addedBy: actor?.id ?? null,
      });
      await repo.insertPages(tx, row.id, prepared.pages);
      const parent = attachedTo === undefined ? undefined : summaries[attachedTo];
      if (attachedTo !== undefined && !parent) throw new Error('an attachment must come after its e-mail');
      await appendAuditEvent(tx, {
        action: 'document.uploaded',
        ...(actor
          ? auditActor(actor)
          : { actorId: null, actorRole: null, address: names.address ?? 'system' }),
        entityType: 'document',
        entityId: row.id,
        personId: request.subjectPersonId,
        details: {
          requestId,
          type: prepared.sourceType,
          pages: prepared.pages.length,
          ocrPages,
          size: prepared.original.byteLength,
          sha256: originalSha256,
          pdfSha256,
          ...(parent ? { attachedTo: parent.id } : {}),
        },
      });
      summaries.push(
        summarise(
          { ...row, addedByName: actor?.name ?? null },
          { suggested: 0, accepted: 0, rejected: 0 },
          ocrPages,
        ),
      );
    }
    return summaries;
  });
}

/** Stores one prepared document for a request, as {@link storeDocuments} says. */
export async function storeDocument(
  db: Database,
  config: Config,
  actor: Actor | null,
  requestId: string,
  prepared: PreparedDocument,
  names: { filename: string; title?: string | undefined; address?: string },
): Promise<DocumentSummary> {
  const [summary] = await storeDocuments(db, config, actor, requestId, [{ prepared, names }]);
  return summary!;
}

/** "Report.pdf (attached to “Visit booking”)", within the title's 300 characters. */
function attachmentTitle(filename: string, email: string): string {
  const suffix = ` (attached to “${email.slice(0, 200)}”)`;
  return `${filename.slice(0, 300 - suffix.length)}${suffix}`;
}

/**
 * Adds an uploaded file to a request. The request's visibility is checked before any work; then the file
 * is read, checked and converted (nothing stored yet), and stored as {@link storeDocuments} says. An
 * e-mail's attachments the intake takes become documents of the request too, stored with the e-mail in
 * the same transaction; those it refuses are named in the answer (and in the e-mail's document).
 */
export async function uploadDocument(
  db: Database,
  config: Config,
  actor: Actor,
  requestId: string,
  upload: NewUpload,
): Promise<UploadResult> {
  await inTransaction(db, (tx) => loadVisibleRequest(tx, actor, requestId, false));
  const { document, attachments, skipped } = await prepareUploadForRequest(config, upload.bytes);
  const email = documentTitle(undefined, document.suggestedTitle, upload.filename);
  const [stored, ...added] = await storeDocuments(db, config, actor, requestId, [
    { prepared: document, names: upload },
    ...attachments.map(({ filename, prepared }) => ({
      prepared,
      names: { filename, title: attachmentTitle(filename, email) },
      attachedTo: 0,
    })),
  ]);
  return { ...stored!, attachments: added, skippedAttachments: skipped };
}

/** The documents in scope of a request (audited as document.listed). */
export async function listDocuments(
  db: Database,
  actor: Actor,
  requestId: string,
): Promise<DocumentSummary[]> {
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const summaries = await summariseDocuments(tx, await repo.listDocuments(tx, requestId));
    await appendAuditEvent(tx, {
      action: 'document.listed',
      ...auditActor(actor),
      entityType: 'request',
      entityId: requestId,
      personId: request.subjectPersonId,
      details: { count: summaries.length },
    });
    return summaries;
  });
}

/** A document with the text of every page (audited as document.read). */
export async function getDocument(db: Database, actor: Actor, documentId: string): Promise<DocumentDetail> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadVisibleDocument(tx, actor, documentId, false);
    const [summary] = await summariseDocuments(tx, [document]);
    const pages = await repo.listPages(tx, documentId);
    await appendAuditEvent(tx, {
      action: 'document.read',
      ...auditActor(actor),
      entityType: 'document',
      entityId: documentId,
      personId: request.subjectPersonId,
      details: { requestId: request.id },
    });
    return { ...summary!, reference: request.reference, pages };
  });
}

function renderPage(pdf: Uint8Array, pageIndex: number, scale: number): Uint8Array {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const page = doc.loadPage(pageIndex);
    try {
      const [x0, y0, x1, y1] = page.getBounds();
      const pixels = (x1 - x0) * (y1 - y0) * scale * scale;
      const fitted = pixels > MAX_RENDER_PIXELS ? scale * Math.sqrt(MAX_RENDER_PIXELS / pixels) : scale;
      const pixmap = page.toPixmap(
        mupdf.Matrix.scale(fitted, fitted),
        mupdf.ColorSpace.DeviceRGB,
        false,
        true,
      );
      try {
        return pixmap.asPNG().slice();
      } finally {
        pixmap.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}

/**
 * One page of the working PDF as a PNG. The audit event (document.page-viewed) and the rendering share
 * one transaction, so the image exists only if its viewing is on record.
 */
export async function documentPageImage(
  db: Database,
  config: Config,
  actor: Actor,
  documentId: string,
  page: number,
  scale: number = PAGE_SCALE.default,
): Promise<Uint8Array> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadVisibleDocument(tx, actor, documentId, false);
    if (page < 1 || page > document.pageCount) throw notFound('Page');
    await appendAuditEvent(tx, {
      action: 'document.page-viewed',
      ...auditActor(actor),
      entityType: 'document',
      entityId: documentId,
      personId: request.subjectPersonId,
      details: { requestId: request.id, page, form: 'image' },
    });
    return renderPage(await documentPdfBytes(config, document), page - 1, scale);
  });
}

/** The uploaded bytes or the working PDF, to download (audited as document.exported with `which`). */
export async function exportDocument(
  db: Database,
  config: Config,
  actor: Actor,
  documentId: string,
  which: 'original' | 'pdf',
): Promise<{ bytes: Uint8Array; filename: string; contentType: string }> {
  return inTransaction(db, async (tx) => {
    const { document, request } = await loadVisibleDocument(tx, actor, documentId, false);
    await appendAuditEvent(tx, {
      action: 'document.exported',
      ...auditActor(actor),
      entityType: 'document',
      entityId: documentId,
      personId: request.subjectPersonId,
      details: { requestId: request.id, which },
    });
    const sha256 = which === 'original' ? document.originalSha256 : document.pdfSha256;
    return {
      bytes: await blobStoreFor(config).get(sha256),
      filename: exportFilename(document.originalFilename, which),
      contentType:
        which === 'original' ? ORIGINAL_TYPES[document.sourceType as SourceType] : 'application/pdf',
    };
  });
}

export interface SearchHit {
  documentId: string;
  title: string;
  page: number;
  snippet: string;
}

/** Pages of a request's documents holding every word of `q` (audited as document.searched). */
export async function searchDocuments(
  db: Database,
  actor: Actor,
  requestId: string,
  q: string,
): Promise<SearchHit[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) throw invalid([{ path: 'q', message: 'Give at least one word to search for' }]);
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const hits = await repo.searchPages(tx, requestId, terms, SEARCH_LIMIT);
    await appendAuditEvent(tx, {
      action: 'document.searched',
      ...auditActor(actor),
      entityType: 'request',
      entityId: requestId,
      personId: request.subjectPersonId,
      details: { q: q.slice(0, 200), hits: hits.length },
    });
    return hits.map((hit) => ({
      documentId: hit.documentId,
      title: hit.title,
      page: hit.page,
      snippet: snippet(hit.text, terms),
    }));
  });
}

/** Takes a document out of the request's scope (kept, hidden from lists; audited with the reason). */
export async function removeDocument(
  db: Database,
  actor: Actor,
  documentId: string,
  reason: string,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { request } = await loadVisibleDocument(tx, actor, documentId, true);
    await repo.markRemoved(tx, documentId, new Date());
    await appendAuditEvent(tx, {
      action: 'document.removed',
      ...auditActor(actor),
      entityType: 'document',
      entityId: documentId,
      personId: request.subjectPersonId,
      reason,
      details: { requestId: request.id },
    });
  });
}
