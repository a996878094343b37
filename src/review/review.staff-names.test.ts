import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainAccesses } from '../audit/explain/engine.ts';
import { loadEvaluationInput } from '../audit/evaluation.service.ts';
import { queryRows } from '../db/tx.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { createStaff, lastAuditSeq, type SignedIn } from '../testing/http.ts';
import { auditSince, fieldPaths, startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { addDocument, SUBJECT, triagedRequest } from './testing-review.ts';

describe.each(testDatabaseKinds())('staff names (C.09.04) and review readiness (%s)', (kind) => {
  let f: RegisterFixture;
  let walker: SignedIn;
  let walkerEmail: string;
  let request: { id: string; reference: string; subjectPersonId: string };
  let documentId: string;
  let walkerId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let reviews: Record<string, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let marks: any[];

  beforeAll(async () => {
    f = await startRegister(kind, ['officer', 'southOfficer', 'decisionMaker', 'manager']);
    const user = await createStaff(f.t.db, 'officer', { name: 'Wiremu Walker' });
    walkerEmail = user.email;
    walkerId = user.id;
    walker = await f.t.signIn(user.email);
    await createStaff(f.t.db, 'intake', { name: 'Hana Kōrero' });
    request = await triagedRequest(f);
    documentId = await addDocument(f, request.id, [
      [
        'Incident report',
        'Aroha Pōtae was moved to the unit by CO Wiremu Walker.',
        'Hana Kōrero recorded the move.',
      ],
    ]);
    const suggested = await f.t.request('POST', `/api/documents/${documentId}/suggestions`, {
      session: f.sessions.officer,
    });
    expect(suggested.status, suggested.text).toBe(200);
    marks = suggested.json.marks;
  });
  afterAll(() => f.close());

  const staffNames = (session: SignedIn) =>
    f.t.request('GET', `/api/requests/${request.id}/staff-names`, { session });
  const post = (session: SignedIn, path: string, body: unknown) =>
    f.t.request('POST', `/api/staff-names/${path}`, { session, body });
  const markOf = (text: string) => marks.find((m) => m.text === text);

  it('C.09.04: each staff name in the documents gets one review, linked to the staff member', async () => {
    const response = await staffNames(f.sessions.officer);
    expect(response.status).toBe(200);
    reviews = Object.fromEntries(response.json.reviews.map((r: { name: string }) => [r.name, r]));
    expect(Object.keys(reviews).sort()).toEqual(['Hana Kōrero', 'Wiremu Walker']);
    expect(reviews['Wiremu Walker']).toMatchObject({
      requestId: request.id,
      staffUser: { name: 'Wiremu Walker' },
      status: 'open',
      proposedGround: 's49(1)(a)(i)',
      consultation: null,
      determination: null,
      occurrences: 1,
    });
    expect(markOf('Hana Kōrero')).toMatchObject({ staffName: true, ground: 's49(1)(a)(i)' });
  });

  it('a decision maker cannot see the review of an open request until a name waits for them', async () => {
    const response = await staffNames(f.sessions.decisionMaker);
    expect(response.status).toBe(404);
  });

  it('review readiness lists what is left: suggestions and staff names', async () => {
    const response = await f.t.request('GET', `/api/requests/${request.id}/review-status`, {
      session: f.sessions.manager,
    });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      documents: 1,
      undecidedDocuments: 1,
      suggestedMarks: 2,
      openStaffNames: 2,
      ready: false,
      blockers: [
        '“Incident report” is undecided and has 2 suggested marks not yet accepted or rejected',
        '2 staff-name reviews waiting for the officer (C.09.04)',
      ],
    });
  });

  it('C.09.04: when it is unclear whether the requester knows the name, the determination waits for the staff member', async () => {
    const review = reviews['Wiremu Walker'];
    const manager = await post(f.sessions.manager, `${review.id}/answer`, { requesterKnows: 'unclear' });
    expect(manager.status).toBe(403);
    const badGround = await post(f.sessions.officer, `${review.id}/answer`, {
      requesterKnows: 'unclear',
      proposedGround: 's9(2)(a)',
    });
    expect(badGround.status).toBe(400);
    expect(fieldPaths(badGround)).toEqual(['proposedGround']);

    const answered = await post(f.sessions.officer, `${review.id}/answer`, {
      requesterKnows: 'unclear',
      proposedGround: 's491ai',
    });
    expect(answered.status, answered.text).toBe(200);
    expect(answered.json).toMatchObject({
      status: 'open',
      requesterKnows: 'unclear',
      proposedGround: 's49(1)(a)(i)',
      ruling: expect.stringMatching(/unclear.*Consult the staff member/),
    });
    // Another name waiting for the decision maker lets them see the request; this one is not ready.
    const known = await post(f.sessions.officer, `${reviews['Hana Kōrero'].id}/answer`, {
      requesterKnows: 'yes',
    });
    expect(known.json.status).toBe('awaiting-determination');
    const early = await post(f.sessions.decisionMaker, `${review.id}/determine`, {
      determination: 'release',
      reason: 'no risk',
    });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/consult the staff member.*C\.09\.04/);
  });

  it('C.09.04: consulting the staff member queues an e-mail to them with the question and the reference only', async () => {
    const review = reviews['Wiremu Walker'];
    const seq = await lastAuditSeq(f.t.db);
    const denied = await post(f.sessions.manager, `${review.id}/consult`, { question: 'Any risk?' });
    expect(denied.status).toBe(403);
    const empty = await post(f.sessions.officer, `${review.id}/consult`, { question: '  ' });
    expect(fieldPaths(empty)).toEqual(['question']);

    const consulted = await post(f.sessions.officer, `${review.id}/consult`, {
      question: 'Would releasing your name put you at risk? Do you think the requester knows your name?',
    });
    expect(consulted.status, consulted.text).toBe(200);
    expect(consulted.json).toMatchObject({
      status: 'awaiting-staff-reply',
      consultation: {
        question: expect.stringMatching(/at risk/),
        askedBy: 'Olivia Officer',
        reply: null,
        repliedAt: null,
        view: null,
      },
    });
    const again = await post(f.sessions.officer, `${review.id}/consult`, { question: 'Again?' });
    expect(again.status).toBe(409);

    const jobs = await queryRows<{ payload: { to: string; subject: string; text: string } }>(
      f.t.db,
      sql`select payload from jobs where kind = 'mail.send' order by id`,
    );
    expect(jobs).toHaveLength(1);
    const mail = jobs[0]?.payload;
    expect(mail?.to).toBe(walkerEmail);
    expect(`${mail?.subject} ${mail?.text}`).toContain(request.reference);
    expect(mail?.text).toContain('Would releasing your name put you at risk?');
    // Nothing about the requester beyond the reference.
    expect(`${mail?.subject} ${mail?.text}`).not.toMatch(/Aroha|Pōtae|12345678|1985/);

    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => [a.action, a.person_id])).toEqual([
      ['staff-name.consulted', request.subjectPersonId],
    ]);
  });

  it('the consulted staff member sees the consultation and only they may reply', async () => {
    const review = reviews['Wiremu Walker'];
    const mine = await f.t.request('GET', '/api/staff-names/mine', { session: walker });
    expect(mine.status).toBe(200);
    expect(mine.json.reviews).toHaveLength(1);
    expect(mine.json.reviews[0]).toMatchObject({ id: review.id, reference: request.reference });
    const notMine = await f.t.request('GET', '/api/staff-names/mine', { session: f.sessions.officer });
    expect(notMine.json.reviews).toEqual([]);

    const reply = { view: 'withhold', reply: 'The requester has threatened me before.' };
    const byOfficer = await post(f.sessions.officer, `${review.id}/reply`, reply);
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.json.error.message).toMatch(/Only the staff member who was consulted/);
    const byStranger = await post(f.sessions.southOfficer, `${review.id}/reply`, reply);
    expect(byStranger.status).toBe(404);

    const replied = await post(walker, `${review.id}/reply`, reply);
    expect(replied.status, replied.text).toBe(200);
    expect(replied.json).toMatchObject({
      status: 'awaiting-determination',
      consultation: { view: 'withhold', reply: reply.reply, repliedAt: expect.any(String) },
    });
    const twice = await post(walker, `${review.id}/reply`, reply);
    expect(twice.status).toBe(409);
  });

  it('C.09.04: the decision maker determines (an officer cannot), and the name may then be withheld on s 49(1)(a)(i)', async () => {
    const review = reviews['Wiremu Walker'];
    const byOfficer = await post(f.sessions.officer, `${review.id}/determine`, {
      determination: 'withhold',
      reason: 'Threats on file',
    });
    expect(byOfficer.status).toBe(403);
    // A name waiting for them lets the decision maker see the request's staff names.
    const list = await staffNames(f.sessions.decisionMaker);
    expect(list.status).toBe(200);

    const seq = await lastAuditSeq(f.t.db);
    const determined = await post(f.sessions.decisionMaker, `${review.id}/determine`, {
      determination: 'withhold',
      reason: 'Threats on file',
    });
    expect(determined.status, determined.text).toBe(200);
    expect(determined.json).toMatchObject({
      status: 'done',
      determination: 'withhold',
      determinationReason: 'Threats on file',
      determinedAt: expect.any(String),
    });
    const accepted = await f.t.request('PATCH', `/api/marks/${markOf('Wiremu Walker').id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's49(1)(a)(i)' },
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({ status: 'accepted', ground: 's49(1)(a)(i)', staffName: true });

    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => [a.action, a.person_id])).toEqual([
      ['staff-name.determined', request.subjectPersonId],
      ['review.mark-decided', request.subjectPersonId],
    ]);
  });

  it('C.09.04: a name the requester already knows cannot be determined withheld; releasing it rejects its marks', async () => {
    const review = reviews['Hana Kōrero'];
    const answered = await post(f.sessions.officer, `${review.id}/answer`, { requesterKnows: 'yes' });
    expect(answered.json).toMatchObject({
      status: 'awaiting-determination',
      ruling: expect.stringMatching(/already knows.*cannot be withheld on s 49\(1\)\(a\)\(i\)/),
    });
    const withhold = await post(f.sessions.decisionMaker, `${review.id}/determine`, {
      determination: 'withhold',
      reason: 'Just in case',
    });
    expect(withhold.status).toBe(400);
    expect(fieldPaths(withhold)).toEqual(['determination']);
    expect(withhold.json.error.message).toMatch(/already knows.*C\.09\.04/);

    const release = await post(f.sessions.decisionMaker, `${review.id}/determine`, {
      determination: 'release',
      reason: 'Known to the requester',
    });
    expect(release.status, release.text).toBe(200);
    expect(release.json).toMatchObject({ status: 'done', determination: 'release', occurrences: 0 });
    const marksNow = await f.t.request('GET', `/api/documents/${documentId}/marks`, {
      session: f.sessions.officer,
    });
    const hana = marksNow.json.marks.find((m: { text: string }) => m.text === 'Hana Kōrero');
    expect(hana).toMatchObject({ status: 'rejected', note: expect.stringMatching(/C\.09\.04/) });
    const accept = await f.t.request('PATCH', `/api/marks/${hana.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's49(1)(a)(i)' },
    });
    expect(accept.status).toBe(409);
    expect(accept.json.error.message).toMatch(/released/);
    const answerAgain = await post(f.sessions.officer, `${review.id}/answer`, { requesterKnows: 'no' });
    expect(answerAgain.status).toBe(409);
  });

  it('with every mark decided and every name determined, the review is ready; staff-name reads are audited', async () => {
    const seq = await lastAuditSeq(f.t.db);
    const response = await f.t.request('GET', `/api/requests/${request.id}/review-status`, {
      session: f.sessions.officer,
    });
    expect(response.json).toMatchObject({
      documents: 1,
      undecidedDocuments: 0,
      suggestedMarks: 0,
      openStaffNames: 0,
      ready: true,
      blockers: [],
      notes: [
        '“Incident report” has no disposition set; with its marks decided it counts as released in part',
      ],
    });
    await staffNames(f.sessions.manager);
    const audit = await auditSince(f.t, seq);
    expect(audit.map((a) => [a.action, a.person_id, a.entity_id])).toEqual([
      ['staff-name.read', request.subjectPersonId, request.id],
    ]);
  });

  it('a request with no documents is ready, noting that none are in scope', async () => {
    const empty = await triagedRequest(f, { body: { subject: { ...SUBJECT, prn: '55555555' } } });
    const response = await f.t.request('GET', `/api/requests/${empty.id}/review-status`, {
      session: f.sessions.officer,
    });
    expect(response.json).toMatchObject({
      documents: 0,
      ready: true,
      blockers: [],
      notes: ['No documents in scope'],
    });
  });

  it('a name not in the staff directory cannot be consulted on', async () => {
    const other = await triagedRequest(f, { body: { subject: { ...SUBJECT, prn: '66666666' } } });
    const doc = await addDocument(f, other.id, [['Case note', 'Aroha Pōtae spoke with CO Bartholomew.']]);
    await f.t.request('POST', `/api/documents/${doc}/suggestions`, { session: f.sessions.officer });
    const list = await f.t.request('GET', `/api/requests/${other.id}/staff-names`, {
      session: f.sessions.officer,
    });
    const review = list.json.reviews[0];
    expect(review).toMatchObject({ name: 'Bartholomew', staffUser: null });
    const consult = await post(f.sessions.officer, `${review.id}/consult`, { question: 'Any risk?' });
    expect(consult.status).toBe(409);
    expect(consult.json.error.message).toMatch(/not in the staff directory/);
  });

  it('issue 5: the consulted staff member and the decision maker read with a work reason the engine knows', async () => {
    const from = new Date(Date.now() - 86_400_000);
    const { input, events } = await loadEvaluationInput(f.t.db, from, new Date(Date.now() + 60_000));
    const results = explainAccesses(input);
    // The consulted staff member's reads of the consultation (a read inside the request) are judged, and explained.
    const walkers = results.filter((_, i) => events[i]!.staffId === walkerId);
    expect(walkers.length).toBeGreaterThan(0);
    for (const result of walkers) expect(result).toMatchObject({ explained: true, flags: [] });
    expect(walkers[0]!.reasons).toContain('staff-name-consultation');
    // A decision maker reading the request today (a staff name came to them) is explained; an officer of the
    // other team, with no part in it, is flagged.
    const now = new Date().toISOString();
    const [decider, stranger] = explainAccesses({
      ...input,
      events: [
        {
          id: 'd',
          staffId: f.users.decisionMaker.id,
          personId: request.subjectPersonId,
          at: now,
          action: null,
        },
        {
          id: 's',
          staffId: f.users.southOfficer.id,
          personId: request.subjectPersonId,
          at: now,
          action: null,
        },
      ],
    });
    expect(decider).toMatchObject({ explained: true, reasons: ['decision-queue'] });
    expect(stranger!.flags).toContain('unexplained');
  });
});

describe.each(testDatabaseKinds())(
  'staff names: one review per staff member, whatever form of their name (%s)',
  (kind) => {
    let f: RegisterFixture;
    let subject = 0;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Json = any;

    beforeAll(async () => {
      f = await startRegister(kind, ['officer', 'decisionMaker']);
      await createStaff(f.t.db, 'officer', { name: 'Wiremu Walker' });
    });
    afterAll(() => f.close());

    /** A request (each its own requester) with one document, its suggestions run. */
    async function requestWith(
      pages: string[][],
    ): Promise<{ id: string; documentId: string; marks: Json[] }> {
      subject++;
      const request = await triagedRequest(f, {
        body: { subject: { ...SUBJECT, prn: `7777777${subject}` } },
      });
      const documentId = await addDocument(f, request.id, pages);
      const marks = await suggest(documentId);
      return { id: request.id, documentId, marks };
    }
    async function suggest(documentId: string): Promise<Json[]> {
      const suggested = await f.t.request('POST', `/api/documents/${documentId}/suggestions`, {
        session: f.sessions.officer,
      });
      expect(suggested.status, suggested.text).toBe(200);
      return suggested.json.marks;
    }
    const staffNames = async (requestId: string): Promise<Json[]> => {
      const response = await f.t.request('GET', `/api/requests/${requestId}/staff-names`, {
        session: f.sessions.officer,
      });
      expect(response.status, response.text).toBe(200);
      return response.json.reviews;
    };
    const marksOf = async (documentId: string): Promise<Json[]> =>
      (await f.t.request('GET', `/api/documents/${documentId}/marks`, { session: f.sessions.officer })).json
        .marks;
    const post = (session: SignedIn, path: string, body: unknown) =>
      f.t.request('POST', `/api/staff-names/${path}`, { session, body });
    const accept = (markId: string) =>
      f.t.request('PATCH', `/api/marks/${markId}`, {
        session: f.sessions.officer,
        body: { status: 'accepted', ground: 's49(1)(a)(i)' },
      });

    it('C.09.04: "Wiremu Walker" and later "Wiremu" open one review of the staff member; withholding it lets both be withheld', async () => {
      const request = await requestWith([
        [
          'Incident report',
          'Aroha Pōtae was moved to the unit by CO Wiremu Walker.',
          'Later that night Wiremu checked the cell with CO Bartholomew.',
        ],
      ]);
      const staffMarks = request.marks.filter((m) => m.staffName);
      expect(staffMarks.map((m) => m.text).sort()).toEqual(['Bartholomew', 'Wiremu', 'Wiremu Walker']);
      const reviews = await staffNames(request.id);
      const rows = reviews.map((r) => [r.name, r.staffUser?.name ?? null, r.occurrences]);
      expect(rows.sort()).toEqual([
        ['Bartholomew', null, 1], // not in the directory: a review of its own
        ['Wiremu Walker', 'Wiremu Walker', 2],
      ]);
      const review = reviews.find((r) => r.name === 'Wiremu Walker');

      // "Wiremu" belongs to the review, so it waits for the determination like the full name.
      const given = request.marks.find((m) => m.text === 'Wiremu');
      const early = await accept(given.id);
      expect(early.status).toBe(409);
      expect(early.json.error.message).toMatch(/only after the decision maker has determined/);

      const answered = await post(f.sessions.officer, `${review.id}/answer`, { requesterKnows: 'no' });
      expect(answered.json).toMatchObject({ status: 'awaiting-determination', occurrences: 2 });
      const determined = await post(f.sessions.decisionMaker, `${review.id}/determine`, {
        determination: 'withhold',
        reason: 'Threats on file',
      });
      expect(determined.status, determined.text).toBe(200);
      expect(determined.json).toMatchObject({ status: 'done', determination: 'withhold', occurrences: 2 });

      const byId = await accept(given.id);
      expect(byId.status, byId.text).toBe(200);
      expect(byId.json).toMatchObject({ status: 'accepted', ground: 's49(1)(a)(i)', staffName: true });
      const byText = await f.t.request('POST', `/api/documents/${request.documentId}/marks/decide-matching`, {
        session: f.sessions.officer,
        body: { text: 'Wiremu Walker', status: 'accepted', ground: 's49(1)(a)(i)' },
      });
      expect(byText.status, byText.text).toBe(200);
      expect(byText.json.decided).toBe(1);
      // Bartholomew's own review is still open: his name cannot be withheld yet.
      const bart = await accept(request.marks.find((m) => m.text === 'Bartholomew').id);
      expect(bart.status).toBe(409);

      // A later document greeting him by his given name joins the same review, already determined.
      const later = await addDocument(
        f,
        request.id,
        [['E-mail', 'Kia ora Wiremu, thanks for the report.', 'Ngā mihi, CO Wiremu Walker']],
        'E-mail',
      );
      const laterMarks = (await suggest(later)).filter((m) => m.staffName);
      expect(laterMarks.map((m) => [m.text, m.status])).toEqual([
        ['Wiremu', 'suggested'],
        ['Wiremu Walker', 'suggested'],
      ]);
      const after = await staffNames(request.id);
      expect(after.map((r) => r.name).sort()).toEqual(['Bartholomew', 'Wiremu Walker']);
      expect(after.find((r) => r.name === 'Wiremu Walker').occurrences).toBe(4);
      const third = await accept(laterMarks[0].id);
      expect(third.status, third.text).toBe(200);
    });

    it('C.09.04: "Wiremu" alone on page 2 is the "Wiremu Walker" of page 1: a staff name in the same review', async () => {
      const request = await requestWith([
        ['Incident report', 'Aroha Pōtae was moved to the unit by CO Wiremu Walker.'],
        ['Continued', 'Later that night Wiremu checked the cell again.'],
      ]);
      const staffMarks = request.marks.filter((m) => m.staffName);
      expect(staffMarks.map((m) => [m.page, m.text])).toEqual([
        [1, 'Wiremu Walker'],
        [2, 'Wiremu'],
      ]);
      const reviews = await staffNames(request.id);
      expect(reviews.map((r) => [r.name, r.staffUser?.name ?? null, r.occurrences])).toEqual([
        ['Wiremu Walker', 'Wiremu Walker', 2],
      ]);
    });

    it('C.09.04: releasing the review rejects the marks of every form of the name, now and in later suggestions', async () => {
      // The given name comes first: the review opened in this run is still named in full.
      const request = await requestWith([
        [
          'E-mail',
          'Kia ora Wiremu,',
          'Please see the note below.',
          'Aroha Pōtae was moved to the unit by CO Wiremu Walker.',
        ],
      ]);
      expect(request.marks.filter((m) => m.staffName).map((m) => m.text)).toEqual([
        'Wiremu',
        'Wiremu Walker',
      ]);
      const reviews = await staffNames(request.id);
      expect(reviews).toHaveLength(1);
      expect(reviews[0]).toMatchObject({
        name: 'Wiremu Walker',
        staffUser: { name: 'Wiremu Walker' },
        occurrences: 2,
      });
      const review = reviews[0];

      await post(f.sessions.officer, `${review.id}/answer`, { requesterKnows: 'yes' });
      const released = await post(f.sessions.decisionMaker, `${review.id}/determine`, {
        determination: 'release',
        reason: 'Known to the requester',
      });
      expect(released.status, released.text).toBe(200);
      expect(released.json).toMatchObject({ status: 'done', determination: 'release', occurrences: 0 });
      const marks = (await marksOf(request.documentId)).filter((m) => m.staffName);
      expect(marks.map((m) => [m.text, m.status])).toEqual([
        ['Wiremu', 'rejected'],
        ['Wiremu Walker', 'rejected'],
      ]);
      const refused = await accept(marks[0].id);
      expect(refused.status).toBe(409);
      expect(refused.json.error.message).toMatch(/released/);

      // A later document: the given name is recorded as already turned down, and no second review opens.
      const later = await addDocument(
        f,
        request.id,
        [['Case note', 'CO Wiremu Walker spoke with Aroha Pōtae.', 'Wiremu said she was calm.']],
        'Case note',
      );
      const laterMarks = (await suggest(later)).filter((m) => m.staffName);
      const turnedDown = { status: 'rejected', ground: null, note: expect.stringMatching(/C\.09\.04/) };
      expect(laterMarks).toMatchObject([
        { text: 'Wiremu Walker', ...turnedDown },
        { text: 'Wiremu', ...turnedDown },
      ]);
      expect((await staffNames(request.id)).map((r) => r.name)).toEqual(['Wiremu Walker']);
      const status = await f.t.request('GET', `/api/requests/${request.id}/review-status`, {
        session: f.sessions.officer,
      });
      expect(status.json).toMatchObject({ suggestedMarks: 0, openStaffNames: 0 });
    });
  },
);
