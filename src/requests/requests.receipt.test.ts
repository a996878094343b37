import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import {
  fieldPaths,
  move,
  record,
  startRegister,
  type FixtureAccount,
  type RegisterFixture,
} from './testing-requests.ts';

describe.each(testDatabaseKinds())('receipt and deadline endpoints on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind, ['intake', 'otherIntake', 'officer', 'southOfficer', 'admin']);
  });
  afterAll(async () => {
    await f.close();
  });

  /** Fetches the receipt as bytes (the test helper reads bodies as text, which would corrupt a PDF). */
  async function receipt(id: string, account: FixtureAccount | null) {
    const response = await fetch(new URL(`/api/requests/${id}/receipt.pdf`, f.t.baseUrl), {
      headers: account ? { cookie: f.sessions[account].cookie } : {},
    });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  describe('GET /api/requests/:id/receipt.pdf', () => {
    it('ss 66–67: a one-page PDF with the reference, the date received, the due date, and that there is no charge', async () => {
      const created = await record(f.t, f.sessions.intake, {
        receivedAt: '2021-01-08T01:00:00+13:00',
        subject: { name: 'Aroha Pōtae', prn: 'RCPT-1' },
      });
      const { response, bytes } = await receipt(created.id, 'intake');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toContain(`receipt-${created.reference}.pdf`);
      expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');

      const document = mupdf.Document.openDocument(bytes, 'application/pdf');
      expect(document.countPages()).toBe(1);
      const text = document.loadPage(0).toStructuredText('preserve-whitespace').asText().replace(/\s+/g, ' ');
      expect(text).toContain(created.reference);
      expect(text).toContain('15 February 2021'); // the decision due date, s 44
      expect(text).toContain('8 January 2021'); // the NZ date received
      expect(text).toContain('Aroha Pōtae'); // macrons survive the embedded font
      expect(text.toLowerCase()).toContain('no charge');
      expect(text).toMatch(/What happens next/);
      expect(text).toMatch(/Privacy Commissioner/);
    });

    it('is refused like the request itself: 401 signed out, 403 admin, 404 not visible', async () => {
      const created = await record(f.t, f.sessions.otherIntake);
      await move(f.t, f.sessions.officer, created.id, { type: 'triage', track: 'privacy-access' });
      expect((await receipt(created.id, null)).response.status).toBe(401);
      expect((await receipt(created.id, 'admin')).response.status).toBe(403);
      expect((await receipt(created.id, 'intake')).response.status).toBe(404);
      expect((await receipt(created.id, 'southOfficer')).response.status).toBe(404);
      expect((await receipt(created.id, 'otherIntake')).response.status).toBe(200);
    });
  });

  describe('GET /api/deadline', () => {
    const deadline = (query: string, account: FixtureAccount | null = 'intake') =>
      f.t.request('GET', `/api/deadline?${query}`, account ? { session: f.sessions[account] } : {});

    it('Privacy Act 2020 s 44 and s 7: received 2021-01-08 → due 2021-02-15, with the days skipped and why', async () => {
      const response = await deadline('received=2021-01-08');
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ received: '2021-01-08', workingDays: 20, due: '2021-02-15' });
      const skipped = response.json.skipped as Array<{ date: string; reason: string }>;
      expect(skipped[0]).toEqual({ date: '2021-01-09', reason: expect.any(String) });
      expect(skipped.map((day) => day.date)).toEqual(
        expect.arrayContaining(['2021-01-11', '2021-01-15', '2021-01-16', '2021-02-06', '2021-02-08']),
      );
      expect(skipped.find((day) => day.date === '2021-02-08')?.reason).toMatch(/Waitangi/);
      // Every skipped day lies between receipt and the due date, in order.
      const dates = skipped.map((day) => day.date);
      expect(dates).toEqual([...dates].sort());
      expect(dates.every((date) => date > '2021-01-08' && date < '2021-02-15')).toBe(true);
    });

    it('s 43: workingDays=10 gives the transfer date (2021-01-29)', async () => {
      const response = await deadline('received=2021-01-08&workingDays=10');
      expect(response.json).toMatchObject({ workingDays: 10, due: '2021-01-29' });
    });

    it('a year past the known Matariki schedule (after 2052) is refused: 400 naming received, never a guess', async () => {
      for (const received of ['2053-03-02', '2052-12-20']) {
        const response = await deadline(`received=${received}`);
        expect(response.status, received).toBe(400);
        expect(fieldPaths(response)).toEqual(['received']);
        expect(response.json.error.message).toMatch(/2053|Matariki|calendar/i);
      }
    });

    it('a date that does not exist, or none: 400 naming received', async () => {
      for (const query of ['received=2021-02-29', 'received=08/01/2021', '']) {
        const response = await deadline(query);
        expect(response.status, query).toBe(400);
        expect(fieldPaths(response)).toEqual(['received']);
      }
    });

    it('needs a session', async () => {
      expect((await deadline('received=2021-01-08', null)).status).toBe(401);
    });
  });
});
