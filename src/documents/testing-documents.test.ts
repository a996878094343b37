import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/tx.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { insertTestDocument, makeTextPdf } from './testing-documents.ts';
import { blobStoreFor } from './storage/index.ts';

describe.each(testDatabaseKinds())('document test fixtures on %s', (kind) => {
  let f: RegisterFixture;
  beforeAll(async () => {
    f = await startRegister(kind, ['officer']);
  });
  afterAll(() => f.close());

  it('stores a generated PDF and records its pages with their text', async () => {
    const [request] = await queryRows<{ id: string }>(f.t.db, sql`select id from requests limit 1`);
    expect(request).toBeUndefined(); // a fresh register has no requests: make one through the API
    const created = await f.t.request('POST', '/api/requests', {
      session: f.sessions.officer,
      body: {
        kind: 'access',
        channel: 'paper',
        receivedAt: '2026-11-23T09:00:00+13:00',
        subject: { name: 'Aroha Ngata' },
        description: 'My file notes',
      },
    });
    expect(created.status).toBe(201);
    const pdf = await makeTextPdf([['Incident report'], ['Kāinga Ora visit by Hemi Walker']]);
    const doc = await insertTestDocument(f.t.db, f.t.config, created.json.id as string, pdf);
    expect(doc.pageCount).toBe(2);
    expect(await blobStoreFor(f.t.config).has(doc.pdfSha256)).toBe(true);
    const pages = await queryRows<{ page: number; text: string }>(
      f.t.db,
      sql`select page, text from document_pages where document_id = ${doc.id} order by page`,
    );
    expect(pages[1]?.text).toContain('Kāinga Ora visit by Hemi Walker');
  });
});
