import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { createStaff, lastAuditSeq } from '../testing/http.ts';
import {
  auditSince,
  fieldPaths,
  record,
  startRegister,
  type RegisterFixture,
} from '../requests/testing-requests.ts';
import { addDocument, triagedRequest } from './testing-review.ts';

const PAGES = [
  [
    'Incident report',
    'Prisoner Aroha Pōtae (PRN 12345678), DOB 12/03/1985, was in the yard.',
    'Visitor Mere Tāne, NHI ZZZ0016, phone 021 345 6789, was present.',
    'Hōhepa Ngata was also seen.',
    'CO Wiremu Walker attended.',
  ],
  ['Follow-up note', 'Mere Tāne called again on 021 345 6789.'],
];

describe.each(testDatabaseKinds())('document review: suggestions, marks and disposition (%s)', (kind) => {
  let f: RegisterFixture;
  let request: { id: string; reference: string; subjectPersonId: string };
  let documentId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let marks: any[];

  beforeAll(async () => {
    f = await startRegister(kind, [
      'officer',
      'southOfficer',
      'decisionMaker',
      'manager',
      'auditor',
      'intake',
    ]);
    await createStaff(f.t.db, 'officer', { name: 'Wiremu Walker' });
    // Another person in the register: named in the document, suggested as someone else's information.
    await record(f.t, f.sessions.officer, { subject: { name: 'Hōhepa Ngata', prn: '87654321' } });
    request = await triagedRequest(f);
    documentId = await addDocument(f, request.id, PAGES);
  });
  afterAll(() => f.close());

  const byText = (text: string) => marks.filter((m) => m.text === text);

  it('s 53(b): suggests other people’s names, NHI and phone with a proposed ground, but not the requester’s own name, PRN or date of birth', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const response = await f.t.request('POST', `/api/documents/${documentId}/suggestions`, {
      session: f.sessions.officer,
    });
    expect(response.status, response.text).toBe(200);
    marks = response.json.marks;
    expect(response.json.created).toBe(marks.length);
    const texts = marks.map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['Mere Tāne', 'ZZZ0016', '021 345 6789', 'Hōhepa Ngata']));
    expect(texts.join('|')).not.toMatch(/Aroha|Pōtae|12345678|12\/03\/1985/);
    const mere = byText('Mere Tāne');
    expect(mere.map((m) => m.page).sort()).toEqual([1, 2]);
    expect(mere[0]).toMatchObject({
      kind: 'text',
      piiType: 'name',
      source: 'detector',
      status: 'suggested',
      ground: 's53(b)',
      groundLabel: expect.stringMatching(/another individual/),
      staffName: false,
      rect: null,
      decidedAt: null,
    });
    expect(byText('ZZZ0016')[0]).toMatchObject({ piiType: 'nhi', ground: 's53(b)' });
    // Offsets are code points into the page's text.
    const page1 = (
      await f.t.request('GET', `/api/documents/${documentId}/marks`, { session: f.sessions.officer })
    ).json.marks;
    expect(page1.length).toBe(marks.length);
    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => a.action)).toEqual(['review.suggested', 'review.marks-read']);
    expect(audit[0]).toMatchObject({
      person_id: request.subjectPersonId,
      entity_id: documentId,
      actor_id: f.users.officer.id,
      details: { created: marks.length, staffNameReviewsOpened: 1 },
    });
  });

  it('C.09.04: a staff name is flagged on s 49(1)(a)(i) and opens one staff-name review', async () => {
    const walker = byText('Wiremu Walker');
    expect(walker).toHaveLength(1);
    expect(walker[0]).toMatchObject({ staffName: true, ground: 's49(1)(a)(i)', status: 'suggested' });
    const response = await f.t.request('GET', `/api/requests/${request.id}/staff-names`, {
      session: f.sessions.officer,
    });
    expect(response.status, response.text).toBe(200);
    expect(response.json.reviews).toHaveLength(1);
    expect(response.json.reviews[0]).toMatchObject({
      name: 'Wiremu Walker',
      staffUser: { name: 'Wiremu Walker' },
      status: 'open',
      requesterKnows: null,
      occurrences: 1,
      ruling: expect.stringMatching(/C\.09\.04/),
    });
  });

  it('running the detector again adds nothing', async () => {
    const response = await f.t.request('POST', `/api/documents/${documentId}/suggestions`, {
      session: f.sessions.officer,
    });
    expect(response.status).toBe(200);
    expect(response.json.created).toBe(0);
    expect(response.json.marks).toHaveLength(marks.length);
    const reviews = await f.t.request('GET', `/api/requests/${request.id}/staff-names`, {
      session: f.sessions.officer,
    });
    expect(reviews.json.reviews).toHaveLength(1);
  });

  it('accepting needs a ground, named as the field', async () => {
    const mark = byText('ZZZ0016')[0];
    const response = await f.t.request('PATCH', `/api/marks/${mark.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted' },
    });
    expect(response.status).toBe(400);
    expect(fieldPaths(response)).toEqual(['ground']);
  });

  it('ss 49–53: an OIA ground is refused on a privacy request', async () => {
    const mark = byText('ZZZ0016')[0];
    const response = await f.t.request('PATCH', `/api/marks/${mark.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's9(2)(a)' },
    });
    expect(response.status).toBe(400);
    expect(fieldPaths(response)).toEqual(['ground']);
    expect(response.json.error.message).toMatch(/Official Information Act/);
  });

  it('s 53(b): an accepted mark carries its ground, label and note; a rejected one none', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const [nhi] = byText('ZZZ0016');
    const accepted = await f.t.request('PATCH', `/api/marks/${nhi.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's53b', note: 'Visitor’s health number' },
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({
      status: 'accepted',
      ground: 's53(b)',
      groundLabel: expect.stringMatching(/another individual/),
      note: 'Visitor’s health number',
      decidedAt: expect.any(String),
    });
    const [hohepa] = byText('Hōhepa Ngata');
    const rejected = await f.t.request('PATCH', `/api/marks/${hohepa.id}`, {
      session: f.sessions.officer,
      body: { status: 'rejected' },
    });
    expect(rejected.json).toMatchObject({ status: 'rejected', ground: null });
    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => [a.action, a.person_id])).toEqual([
      ['review.mark-decided', request.subjectPersonId],
      ['review.mark-decided', request.subjectPersonId],
    ]);
    expect(audit[0]?.details).toMatchObject({ status: 'accepted', ground: 's53(b)' });
  });

  it('C.09.04: a staff-name mark is refused on s 53(b), and on s 49(1)(a)(i) until the name is determined withheld', async () => {
    const [walker] = byText('Wiremu Walker');
    const wrongGround = await f.t.request('PATCH', `/api/marks/${walker.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's53(b)' },
    });
    expect(wrongGround.status).toBe(400);
    expect(fieldPaths(wrongGround)).toEqual(['ground']);
    expect(wrongGround.json.error.message).toMatch(/s 49\(1\)\(a\)\(i\).*C\.09\.04/);
    const early = await f.t.request('PATCH', `/api/marks/${walker.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's49(1)(a)(i)' },
    });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/determined/);
  });

  it('an officer adds a text mark by its text (found on the page) and an area mark within the page', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const text = await f.t.request('POST', `/api/documents/${documentId}/marks`, {
      session: f.sessions.officer,
      body: { page: 1, kind: 'text', text: 'in the yard', ground: 's49(1)(d)', note: 'location' },
    });
    expect(text.status, text.text).toBe(201);
    expect(text.json).toMatchObject({
      kind: 'text',
      text: 'in the yard',
      source: 'officer',
      status: 'accepted',
      ground: 's49(1)(d)',
      piiType: null,
      score: null,
      staffName: false,
    });
    expect(text.json.endOffset - text.json.startOffset).toBe('in the yard'.length);
    const area = await f.t.request('POST', `/api/documents/${documentId}/marks`, {
      session: f.sessions.officer,
      body: { page: 2, kind: 'area', rect: [50, 60, 300, 120], ground: 's53(b)' },
    });
    expect(area.status, area.text).toBe(201);
    expect(area.json).toMatchObject({
      kind: 'area',
      rect: [50, 60, 300, 120],
      text: null,
      startOffset: null,
    });
    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => a.action)).toEqual(['review.mark-added', 'review.mark-added']);
    expect(audit.every((a) => a.person_id === request.subjectPersonId)).toBe(true);
  });

  it('refuses an area outside the page, text that is not on the page, a page the document lacks, and a mark without a ground', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ page: 1, kind: 'area', rect: [50, 60, 700, 120], ground: 's53(b)' }, 'rect'],
      [{ page: 1, kind: 'text', text: 'Follow-up note', ground: 's53(b)' }, 'text'],
      [{ page: 1, kind: 'text', startOffset: 5, endOffset: 100000, ground: 's53(b)' }, 'endOffset'],
      [{ page: 9, kind: 'text', text: 'yard', ground: 's53(b)' }, 'page'],
      [{ page: 1, kind: 'text', text: 'yard' }, 'ground'],
    ];
    for (const [body, field] of cases) {
      const response = await f.t.request('POST', `/api/documents/${documentId}/marks`, {
        session: f.sessions.officer,
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(response)).toEqual([field]);
    }
  });

  it('s 44: release in full is refused while marks are accepted; withholding in full needs a ground', async () => {
    const release = await f.t.request('PUT', `/api/documents/${documentId}/disposition`, {
      session: f.sessions.officer,
      body: { disposition: 'release-in-full' },
    });
    expect(release.status).toBe(409);
    expect(release.json.error.message).toMatch(/accepted withholding marks.*reject them/);
    const noGround = await f.t.request('PUT', `/api/documents/${documentId}/disposition`, {
      session: f.sessions.officer,
      body: { disposition: 'withhold-in-full' },
    });
    expect(noGround.status).toBe(400);
    expect(fieldPaths(noGround)).toEqual(['ground']);

    const seq = await lastAuditSeq(f.t.db);
    const withheld = await f.t.request('PUT', `/api/documents/${documentId}/disposition`, {
      session: f.sessions.officer,
      body: { disposition: 'withhold-in-full', ground: 's49(1)(d)', note: 'Security plan' },
    });
    expect(withheld.status, withheld.text).toBe(200);
    expect(withheld.json).toMatchObject({
      id: documentId,
      requestId: request.id,
      title: 'Incident report',
      originalFilename: 'test.pdf',
      sourceType: 'pdf',
      pageCount: 2,
      ocrPages: 0,
      disposition: 'withhold-in-full',
      withholdGround: 's49(1)(d)',
      dispositionNote: 'Security plan',
      addedBy: { id: f.users.officer.id, name: 'Olivia Officer' },
      marks: { accepted: 3, rejected: 1 },
    });
    expect(withheld.json.marks.suggested).toBeGreaterThan(0);
    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => [a.action, a.person_id])).toEqual([
      ['document.disposition-set', request.subjectPersonId],
    ]);

    const partial = await f.t.request('PUT', `/api/documents/${documentId}/disposition`, {
      session: f.sessions.officer,
      body: { disposition: 'partial' },
    });
    expect(partial.json).toMatchObject({ disposition: 'partial', withholdGround: null });
  });

  it('managers, auditors and decision makers read marks but only officers change them; intake reads none', async () => {
    const [mark] = byText('021 345 6789');
    for (const account of ['manager', 'auditor'] as const) {
      const read = await f.t.request('GET', `/api/documents/${documentId}/marks`, {
        session: f.sessions[account],
      });
      expect(read.status, account).toBe(200);
    }
    const intake = await f.t.request('GET', `/api/documents/${documentId}/marks`, {
      session: f.sessions.intake,
    });
    expect(intake.status).toBe(403);
    for (const account of ['manager', 'auditor', 'decisionMaker'] as const) {
      const session = f.sessions[account];
      const changes = [
        await f.t.request('PATCH', `/api/marks/${mark.id}`, { session, body: { status: 'rejected' } }),
        await f.t.request('POST', `/api/documents/${documentId}/suggestions`, { session }),
        await f.t.request('POST', `/api/documents/${documentId}/marks`, {
          session,
          body: { page: 1, kind: 'text', text: 'yard', ground: 's53(b)' },
        }),
        await f.t.request('PUT', `/api/documents/${documentId}/disposition`, {
          session,
          body: { disposition: 'partial' },
        }),
      ];
      expect(
        changes.map((r) => r.status),
        account,
      ).toEqual([403, 403, 403, 403]);
    }
  });

  it('a request the caller cannot see: its documents and marks are not found', async () => {
    const [mark] = byText('021 345 6789');
    const session = f.sessions.southOfficer;
    const answers = [
      await f.t.request('GET', `/api/documents/${documentId}/marks`, { session }),
      await f.t.request('POST', `/api/documents/${documentId}/suggestions`, { session }),
      await f.t.request('PATCH', `/api/marks/${mark.id}`, { session, body: { status: 'rejected' } }),
      await f.t.request('PUT', `/api/documents/${documentId}/disposition`, {
        session,
        body: { disposition: 'partial' },
      }),
      await f.t.request('GET', `/api/requests/${request.id}/staff-names`, { session }),
      await f.t.request('GET', `/api/requests/${request.id}/review-status`, { session }),
      // A decision maker sees a request only once it awaits their decision (or a staff name awaits them).
      await f.t.request('GET', `/api/documents/${documentId}/marks`, { session: f.sessions.decisionMaker }),
      await f.t.request('GET', `/api/documents/00000000-0000-4000-8000-000000000000/marks`, {
        session: f.sessions.officer,
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(answers[2]?.json.error.message).toBe('Mark not found');
  });
});
