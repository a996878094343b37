/**
 * Test fixtures for releases: a request taken to "decided" by the lifecycle with an approved decision
 * row, documents with marks and dispositions written straight to the tables (the review and decision
 * modules are not needed to test a release). Only tests import this.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as mupdf from 'mupdf';
import { expect } from 'vitest';
import { correctionStatements } from '../corrections/corrections.schema.ts';
import { decisions, letters } from '../decisions/decisions.schema.ts';
import { documents, redactionMarks, staffNameReviews } from '../documents/documents.schema.ts';
import { blobStoreFor } from '../documents/storage/index.ts';
import { insertTestDocument, makeTextPdf } from '../documents/testing-documents.ts';
import type { DecisionOutcome } from '../law/lifecycle.ts';
import { lifecycleMove, move, record, type RegisterFixture } from '../requests/testing-requests.ts';

export interface DecidedRequest {
  id: string;
  reference: string;
  personId: string;
  decisionId: string;
}

/**
 * A request recorded and triaged by the officer, submitted, and decided by the decision maker with
 * `outcome` (by the lifecycle alone: the events endpoint refuses both); the approved decision row is
 * inserted directly.
 */
export async function decidedRequest(
  f: RegisterFixture,
  options: { outcome?: string; contact?: string; prn?: string; decisionStatus?: string } = {},
): Promise<DecidedRequest> {
  const outcome = options.outcome ?? 'granted-in-part';
  const created = await record(f.t, f.sessions.officer, {
    subject: {
      name: 'Aroha Pōtae',
      prn: options.prn ?? `P${randomBytes(4).toString('hex')}`,
      contact: options.contact ?? 'aroha@example.nz',
    },
  });
  await move(f.t, f.sessions.officer, created.id, { type: 'triage', track: 'privacy-access' });
  await lifecycleMove(f, 'officer', created.id, { type: 'submit-for-decision' });
  const decided = await lifecycleMove(f, 'decisionMaker', created.id, {
    type: 'decide',
    outcome: outcome as DecisionOutcome,
    reason: 'Decided after review of the documents',
  });
  const [decision] = await f.t.db
    .insert(decisions)
    .values({
      requestId: created.id,
      outcome,
      grounds: ['s53(b)'],
      reasons: 'Other people’s information is withheld.',
      status: options.decisionStatus ?? 'approved',
      draftedBy: f.users.officer.id,
      approvedBy: f.users.decisionMaker.id,
      approvedAt: new Date(),
    })
    .returning({ id: decisions.id });
  if (!decision) throw new Error('decision not inserted');
  return {
    id: created.id,
    reference: created.reference,
    personId: decided.subjectPersonId,
    decisionId: decision.id,
  };
}

/** A document of text pages, with a disposition and accepted text marks. */
export async function addDocument(
  f: RegisterFixture,
  requestId: string,
  title: string,
  pages: string[][],
  options: {
    disposition?: string;
    withholdGround?: string | null;
    marks?: Array<{ page: number; text: string; ground?: string | null; status?: string }>;
    gatheredAt?: Date;
  } = {},
): Promise<{ id: string; pageCount: number }> {
  const doc = await insertTestDocument(f.t.db, f.t.config, requestId, await makeTextPdf(pages), {
    title,
    addedBy: f.users.officer.id,
    ...(options.gatheredAt ? { gatheredAt: options.gatheredAt } : {}),
  });
  await f.t.db
    .update(documents)
    .set({ disposition: options.disposition ?? 'undecided', withholdGround: options.withholdGround ?? null })
    .where(eq(documents.id, doc.id));
  for (const mark of options.marks ?? []) {
    await f.t.db.insert(redactionMarks).values({
      documentId: doc.id,
      page: mark.page,
      kind: 'text',
      text: mark.text,
      source: 'officer',
      status: mark.status ?? 'accepted',
      ground: mark.ground === undefined ? 's53(b)' : mark.ground,
      createdBy: f.users.officer.id,
      decidedAt: new Date(),
    });
  }
  return { id: doc.id, pageCount: doc.pageCount };
}

export async function addStaffNameReview(
  f: RegisterFixture,
  requestId: string,
  name: string,
  status: string,
) {
  const [row] = await f.t.db
    .insert(staffNameReviews)
    .values({ requestId, name, status })
    .returning({ id: staffNameReviews.id });
  return row?.id ?? '';
}

export async function addDecisionLetter(f: RegisterFixture, requestId: string, decisionId: string) {
  const pdf = await makeTextPdf([['Decision letter: access granted in part.']]);
  const sha256 = await blobStoreFor(f.t.config).put(pdf);
  const [row] = await f.t.db
    .insert(letters)
    .values({
      requestId,
      kind: 'decision',
      decisionId,
      sha256,
      body: 'Decision letter',
      createdBy: f.users.officer.id,
    })
    .returning({ id: letters.id });
  return { id: row?.id ?? '', sha256 };
}

export async function addStatement(
  f: RegisterFixture,
  personId: string,
  requestId: string,
  information: string,
  statement: string,
) {
  await f.t.db.insert(correctionStatements).values({
    personId,
    requestId,
    information,
    statement,
    recordedBy: f.users.officer.id,
    recordedAt: new Date('2026-10-01T10:00:00+13:00'),
  });
}

/** Builds the release through the API and insists on 201. */
export async function build(f: RegisterFixture, requestId: string) {
  const response = await f.t.request('POST', `/api/requests/${requestId}/release/build`, {
    session: f.sessions.officer,
  });
  expect(response.status, response.text).toBe(201);
  return response.json as {
    id: string;
    pageCount: number;
    status: string;
    url: string;
    schedule: Array<{
      documentId: string;
      title: string;
      fromPage: number;
      toPage: number;
      outcome: string;
      grounds: string[];
    }>;
  };
}

/** Text of each page of a PDF (MuPDF). */
export function pdfPageTexts(pdf: Uint8Array): string[] {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    return Array.from({ length: doc.countPages() }, (_, i) => {
      const page = doc.loadPage(i);
      const stext = page.toStructuredText('preserve-whitespace');
      const text = stext.asText();
      stext.destroy();
      page.destroy();
      return text;
    });
  } finally {
    doc.destroy();
  }
}
