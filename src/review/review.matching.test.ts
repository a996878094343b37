import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { createStaff, lastAuditSeq, type SignedIn } from '../testing/http.ts';
import {
  auditSince,
  fieldPaths,
  record,
  startRegister,
  type RegisterFixture,
} from '../requests/testing-requests.ts';
import { addDocument, triagedRequest } from './testing-review.ts';

// Another prisoner named again and again, as in an incident report; another named three times; a staff
// member twice.
const PAGES = [
  [
    'Incident report',
    'Aroha Pōtae and Rāwiri Te Awa were in the yard.',
    'Rāwiri Te Awa raised his voice. Hōhepa Ngata stepped in.',
    'CO Wiremu Walker separated Rāwiri Te Awa from the group.',
  ],
  [
    'Follow-up',
    'Rāwiri Te Awa was spoken to by CO Wiremu Walker.',
    'Hōhepa Ngata and Rāwiri Te Awa were returned to their cells.',
    'Hōhepa Ngata made no complaint.',
  ],
];

interface MarkJson {
  id: string;
  text: string | null;
  status: string;
  ground: string | null;
  note: string | null;
  staffName: boolean;
}

describe.each(testDatabaseKinds())(
  'document review: deciding every suggestion of the same text (%s)',
  (kind) => {
    let f: RegisterFixture;
    let request: { id: string; reference: string; subjectPersonId: string };
    let documentId: string;
    let marks: MarkJson[];

    beforeAll(async () => {
      f = await startRegister(kind, ['officer', 'southOfficer', 'decisionMaker', 'manager']);
      await createStaff(f.t.db, 'officer', { name: 'Wiremu Walker' });
      await record(f.t, f.sessions.officer, { subject: { name: 'Rāwiri Te Awa', prn: '87654321' } });
      await record(f.t, f.sessions.officer, { subject: { name: 'Hōhepa Ngata', prn: '76543210' } });
      request = await triagedRequest(f);
      documentId = await addDocument(f, request.id, PAGES);
      const suggested = await f.t.request('POST', `/api/documents/${documentId}/suggestions`, {
        session: f.sessions.officer,
      });
      expect(suggested.status, suggested.text).toBe(200);
      marks = suggested.json.marks as MarkJson[];
    });
    afterAll(() => f.close());

    const decideMatching = (session: SignedIn, body: unknown, id = documentId) =>
      f.t.request('POST', `/api/documents/${id}/marks/decide-matching`, { session, body });
    const current = async (): Promise<MarkJson[]> =>
      (await f.t.request('GET', `/api/documents/${documentId}/marks`, { session: f.sessions.officer })).json
        .marks as MarkJson[];
    const withText = (list: MarkJson[], text: string) => list.filter((m) => m.text === text);

    it('the detector suggests each occurrence separately', () => {
      expect(withText(marks, 'Rāwiri Te Awa')).toHaveLength(5);
      expect(withText(marks, 'Hōhepa Ngata')).toHaveLength(3);
      expect(withText(marks, 'Wiremu Walker')).toHaveLength(2);
      expect(marks.every((m) => m.status === 'suggested')).toBe(true);
    });

    it('only an officer decides: a manager is refused (403), another team’s officer does not see the document (404)', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const body = { text: 'Rāwiri Te Awa', status: 'accepted', ground: 's53(b)' };
      const manager = await decideMatching(f.sessions.manager, body);
      expect(manager.status).toBe(403);
      const south = await decideMatching(f.sessions.southOfficer, body);
      expect(south.status).toBe(404);
      expect(south.json.error.message).toMatch(/Document/);
      expect(south.text).not.toMatch(/Rāwiri|Pōtae/);
      expect(await auditSince(f.t, seq)).toEqual([]);
      expect(withText(await current(), 'Rāwiri Te Awa').every((m) => m.status === 'suggested')).toBe(true);
    });

    it('a bad body names the field (400)', async () => {
      const empty = await decideMatching(f.sessions.officer, {
        text: '   ',
        status: 'accepted',
        ground: 's53(b)',
      });
      expect(empty.status).toBe(400);
      expect(fieldPaths(empty)).toEqual(['text']);
      const long = await decideMatching(f.sessions.officer, { text: 'x'.repeat(501), status: 'rejected' });
      expect(fieldPaths(long)).toEqual(['text']);
      const status = await decideMatching(f.sessions.officer, { text: 'Rāwiri Te Awa', status: 'withheld' });
      expect(status.status).toBe(400);
      expect(fieldPaths(status)).toEqual(['status']);
      const noGround = await decideMatching(f.sessions.officer, {
        text: 'Rāwiri Te Awa',
        status: 'accepted',
      });
      expect(noGround.status).toBe(400);
      expect(fieldPaths(noGround)).toEqual(['ground']);
      const oia = await decideMatching(f.sessions.officer, {
        text: 'Rāwiri Te Awa',
        status: 'accepted',
        ground: 's9(2)(a)',
      });
      expect(fieldPaths(oia)).toEqual(['ground']);
      const notFound = await decideMatching(
        f.sessions.officer,
        { text: 'Rāwiri Te Awa', status: 'rejected' },
        '00000000-0000-4000-8000-000000000000',
      );
      expect(notFound.status).toBe(404);
    });

    it('s 53(b): accepts every suggestion of a repeated name at once (case and spacing aside), one audit event per mark', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await decideMatching(f.sessions.officer, {
        text: '  rāwiri   TE awa ',
        status: 'accepted',
        ground: 's53(b)',
        note: 'Another prisoner',
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json.decided).toBe(5);
      const after = response.json.marks as MarkJson[];
      expect(after).toHaveLength(marks.length);
      const rawiri = withText(after, 'Rāwiri Te Awa');
      expect(rawiri).toHaveLength(5);
      for (const mark of rawiri)
        expect(mark).toMatchObject({ status: 'accepted', ground: 's53(b)', note: 'Another prisoner' });
      // Nothing else moved.
      expect(after.filter((m) => m.text !== 'Rāwiri Te Awa').every((m) => m.status === 'suggested')).toBe(
        true,
      );

      const audit = await auditSince(f.t, seq);
      expect(audit.map((a) => a.action)).toEqual(Array(5).fill('review.mark-decided'));
      expect(audit.map((a) => a.entity_id).sort()).toEqual(rawiri.map((m) => m.id).sort());
      for (const row of audit)
        expect(row).toMatchObject({
          actor_id: f.users.officer.id,
          person_id: request.subjectPersonId,
          details: { documentId, status: 'accepted', ground: 's53(b)' },
        });
    });

    it('no suggested mark left with that text is a conflict (409), with nothing audited', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const again = await decideMatching(f.sessions.officer, { text: 'Rāwiri Te Awa', status: 'rejected' });
      expect(again.status).toBe(409);
      expect(again.json.error.message).toMatch(/no suggested mark of the text “Rāwiri Te Awa”/);
      const absent = await decideMatching(f.sessions.officer, { text: 'Nobody Here', status: 'rejected' });
      expect(absent.status).toBe(409);
      expect(await auditSince(f.t, seq)).toEqual([]);
    });

    it('rejects every suggestion still open, leaving one already decided as it was', async () => {
      const [first] = withText(marks, 'Hōhepa Ngata');
      const single = await f.t.request('PATCH', `/api/marks/${first?.id}`, {
        session: f.sessions.officer,
        body: { status: 'accepted', ground: 's53(b)' },
      });
      expect(single.status, single.text).toBe(200);

      const seq = await lastAuditSeq(f.t.db);
      const response = await decideMatching(f.sessions.officer, { text: 'Hōhepa Ngata', status: 'rejected' });
      expect(response.status, response.text).toBe(200);
      expect(response.json.decided).toBe(2);
      const hohepa = withText(response.json.marks as MarkJson[], 'Hōhepa Ngata');
      expect(hohepa.find((m) => m.id === first?.id)).toMatchObject({ status: 'accepted', ground: 's53(b)' });
      const rejected = hohepa.filter((m) => m.id !== first?.id);
      for (const mark of rejected) expect(mark).toMatchObject({ status: 'rejected', ground: null });
      const audit = await auditSince(f.t, seq);
      expect(audit.map((a) => [a.action, a.details])).toEqual(
        rejected.map(() => ['review.mark-decided', { documentId, status: 'rejected', ground: null }]),
      );
    });

    it('C.09.04: a staff name is refused before the decision maker’s determination, and nothing changes', async () => {
      const seq = await lastAuditSeq(f.t.db);
      const response = await decideMatching(f.sessions.officer, {
        text: 'Wiremu Walker',
        status: 'accepted',
        ground: 's49(1)(a)(i)',
      });
      expect(response.status).toBe(409);
      expect(response.json.error.message).toMatch(/determined.*C\.09\.04/);
      const wrongGround = await decideMatching(f.sessions.officer, {
        text: 'Wiremu Walker',
        status: 'accepted',
        ground: 's53(b)',
      });
      expect(wrongGround.status).toBe(400);
      expect(fieldPaths(wrongGround)).toEqual(['ground']);
      expect(await auditSince(f.t, seq)).toEqual([]);
      const walker = withText(await current(), 'Wiremu Walker');
      expect(walker).toHaveLength(2);
      expect(walker.every((m) => m.status === 'suggested' && m.staffName)).toBe(true);
    });

    it('C.09.04: once the decision maker determines the name withheld, every occurrence is accepted at once', async () => {
      const reviews = await f.t.request('GET', `/api/requests/${request.id}/staff-names`, {
        session: f.sessions.officer,
      });
      const review = (reviews.json.reviews as Array<{ id: string; name: string }>).find(
        (r) => r.name === 'Wiremu Walker',
      );
      const answered = await f.t.request('POST', `/api/staff-names/${review?.id}/answer`, {
        session: f.sessions.officer,
        body: { requesterKnows: 'no' },
      });
      expect(answered.status, answered.text).toBe(200);
      const determined = await f.t.request('POST', `/api/staff-names/${review?.id}/determine`, {
        session: f.sessions.decisionMaker,
        body: { determination: 'withhold', reason: 'Safety of the officer' },
      });
      expect(determined.status, determined.text).toBe(200);

      const response = await decideMatching(f.sessions.officer, {
        text: 'Wiremu Walker',
        status: 'accepted',
        ground: 's49(1)(a)(i)',
      });
      expect(response.status, response.text).toBe(200);
      expect(response.json.decided).toBe(2);
      for (const mark of withText(response.json.marks as MarkJson[], 'Wiremu Walker'))
        expect(mark).toMatchObject({ status: 'accepted', ground: 's49(1)(a)(i)', staffName: true });
    });
  },
);
