import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/tx.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { record } from '../requests/testing-requests.ts';
import { demoNhi, seedDemoDocuments } from './demo-documents.ts';
import { isValidNhi } from './pii/checks.ts';
import { startDocumentsApp, type DocumentsFixture } from './intake/testing-uploads.ts';

describe.each(testDatabaseKinds())('demo documents on %s', (kind) => {
  let f: DocumentsFixture;
  beforeAll(async () => {
    f = await startDocumentsApp(kind, ['officer']);
  });
  afterAll(() => f.close());

  it('makes valid NHIs in the Z test range', () => {
    const nhis = Array.from({ length: 30 }, (_, i) => demoNhi(i));
    expect(nhis.every((nhi) => /^Z[A-Z]{2}\d{4}$/.test(nhi) && isValidNhi(nhi))).toBe(true);
    expect(new Set(nhis).size).toBe(30);
  });

  it('adds a report, a file note and an e-mail to each request, audited, and does not repeat itself', async () => {
    const created = await record(f.t, f.sessions.officer, {
      subject: { name: 'Aroha Pōtae', prn: '60000037' },
    });
    const target = {
      requestId: created.id,
      subjectName: 'Aroha Pōtae',
      subjectPrn: '60000037',
      reference: created.reference,
    };
    expect(await seedDemoDocuments(f.t.db, f.t.config, [target], ['Olivia Officer', 'Tama Officer'])).toEqual(
      { documents: 3 },
    );
    expect(await seedDemoDocuments(f.t.db, f.t.config, [target], ['Olivia Officer'])).toEqual({
      documents: 0,
    });

    const docs = await queryRows<{ title: string; source_type: string; text: string }>(
      f.t.db,
      sql`select d.title, d.source_type, string_agg(p.text, ' ' order by p.page) as text
          from documents d join document_pages p on p.document_id = d.id
          where d.request_id = ${created.id} group by d.id, d.title, d.source_type, d.added_at order by d.added_at`,
    );
    expect(docs.map((d) => [d.title, d.source_type])).toEqual([
      ['Incident report IR-2026-4100', 'pdf'],
      ['Case management file note', 'pdf'],
      ['RE: Visit application - Aroha Pōtae', 'eml'],
    ]);
    const report = docs[0]!.text;
    expect(report).toContain('Aroha Pōtae (PRN 60000037)');
    expect(report).toContain('Corrections Officer Olivia Officer');
    expect(report).toContain('Rāwiri Te Awa');
    expect(report).toContain('021 555 0142');
    expect(report).toContain(`NHI ${demoNhi(0)}`);
    expect(report).toContain('date of birth 12/03/1988');
    expect(docs[1]!.text).toContain('Case manager: Tama Officer');
    expect(docs[2]!.text).toContain('From: Tama Officer <tama.officer@corrections.govt.nz>');

    const audit = await queryRows<{ n: number | string }>(
      f.t.db,
      sql`select count(*) as n from audit_events where action = 'document.uploaded' and actor_id is null and address = 'demo-seed'`,
    );
    expect(Number(audit[0]?.n)).toBe(3);
  });
});
