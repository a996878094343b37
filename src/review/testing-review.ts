/**
 * Test fixtures for review: a triaged request taken by the fixture officer, with a text PDF stored as
 * its document. Only tests import this.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/tx.ts';
import { insertTestDocument, makeTextPdf } from '../documents/testing-documents.ts';
import { move, record, type RegisterFixture } from '../requests/testing-requests.ts';

/** The requester of every review test: their own name, PRN and date of birth are never suggested. */
export const SUBJECT = { name: 'Aroha Pōtae', prn: '12345678', dateOfBirth: '1985-03-12' };

/** A privacy access request by the subject, triaged by (and so assigned to) the fixture officer. */
export async function triagedRequest(
  f: RegisterFixture,
  options: { body?: Record<string, unknown>; track?: string } = {},
): Promise<{ id: string; reference: string; subjectPersonId: string }> {
  const created = await record(f.t, f.sessions.officer, { subject: SUBJECT, ...options.body });
  const track = options.track ?? 'privacy-access';
  await move(f.t, f.sessions.officer, created.id, { type: 'triage', track });
  const [row] = await queryRows<{ subject_person_id: string }>(
    f.t.db,
    sql`select subject_person_id from requests where id = ${created.id}`,
  );
  if (!row) throw new Error('request not found');
  return { id: created.id, reference: created.reference, subjectPersonId: row.subject_person_id };
}

/** A document of lines per page added to the request (as if uploaded by the officer). */
export async function addDocument(
  f: RegisterFixture,
  requestId: string,
  pages: string[][],
  title = 'Incident report',
): Promise<string> {
  const pdf = await makeTextPdf(pages);
  const doc = await insertTestDocument(f.t.db, f.t.config, requestId, pdf, {
    title,
    addedBy: f.users.officer.id,
  });
  return doc.id;
}
