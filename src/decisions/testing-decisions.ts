/**
 * Test fixtures for decisions: requests made over HTTP and triaged by the officer (who then holds them),
 * documents with withheld parts written straight to the tables review owns, and small HTTP helpers. Only
 * tests import this.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { documents, redactionMarks } from '../documents/documents.schema.ts';
import { insertTestDocument, makeTextPdf } from '../documents/testing-documents.ts';
import { move, record, type FixtureAccount, type RegisterFixture } from '../requests/testing-requests.ts';
import type { TestResponse } from '../testing/http.ts';

/** Records a request (as the officer) and triages it onto `track`; the officer takes it. */
export async function openRequest(
  f: RegisterFixture,
  track: 'privacy-access' | 'privacy-correction' | 'official-information' = 'privacy-access',
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; reference: string; decisionDueDate: string }> {
  const kind = track === 'privacy-correction' ? 'correction' : 'access';
  const created = await record(f.t, f.sessions.officer, { kind, formOfRelease: 'copy', ...overrides });
  await move(f.t, f.sessions.officer, created.id, { type: 'triage', track });
  return created;
}

export function draft(
  f: RegisterFixture,
  requestId: string,
  body: Record<string, unknown>,
  as: FixtureAccount = 'officer',
) {
  return f.t.request('POST', `/api/requests/${requestId}/decision`, { session: f.sessions[as], body });
}

export function step(
  f: RegisterFixture,
  decisionId: string,
  action: 'submit' | 'approve' | 'return',
  as: FixtureAccount,
  body?: Record<string, unknown>,
) {
  return f.t.request('POST', `/api/decisions/${decisionId}/${action}`, {
    session: f.sessions[as],
    ...(body ? { body } : {}),
  });
}

export function readDecision(f: RegisterFixture, requestId: string, as: FixtureAccount = 'officer') {
  return f.t.request('GET', `/api/requests/${requestId}/decision`, { session: f.sessions[as] });
}

/** Insists on the status, showing the body when it differs. */
export function expectStatus(response: TestResponse, status: number): void {
  expect(response.status, response.text).toBe(status);
}

/** Drafts and insists on 201; returns the decision. */
export async function drafted(f: RegisterFixture, requestId: string, body: Record<string, unknown>) {
  const response = await draft(f, requestId, body);
  expectStatus(response, 201);
  return response.json as { id: string; status: string };
}

/**
 * A one-page document on the request with one accepted mark per ground, or withheld in full on
 * `withholdInFull`.
 */
export async function withheldDocument(
  f: RegisterFixture,
  requestId: string,
  title: string,
  options: { markGrounds?: string[]; withholdInFull?: string } = {},
): Promise<string> {
  const pdf = await makeTextPdf([['Incident report', 'Prisoner Rāwiri Tane was in the yard with Aroha.']]);
  const doc = await insertTestDocument(f.t.db, f.t.config, requestId, pdf, { title });
  for (const ground of options.markGrounds ?? []) {
    await f.t.db.insert(redactionMarks).values({
      documentId: doc.id,
      page: 1,
      kind: 'text',
      text: 'Rāwiri Tane',
      startOffset: 25,
      endOffset: 36,
      source: 'officer',
      status: 'accepted',
      ground,
    });
  }
  if (options.withholdInFull) {
    await f.t.db
      .update(documents)
      .set({ disposition: 'withhold-in-full', withholdGround: options.withholdInFull })
      .where(eq(documents.id, doc.id));
  }
  return doc.id;
}

/** A letter's PDF bytes (the test helper reads bodies as text, which would corrupt a PDF). */
export async function letterPdfBytes(f: RegisterFixture, url: string, as: FixtureAccount | null) {
  const response = await fetch(new URL(url, f.t.baseUrl), {
    headers: as ? { cookie: f.sessions[as].cookie } : {},
  });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}
