import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastAuditSeq } from '../testing/http.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import {
  auditSince,
  fieldPaths,
  move,
  record,
  startRegister,
  type RegisterFixture,
} from '../requests/testing-requests.ts';
import {
  draft,
  drafted,
  expectStatus,
  openRequest,
  readDecision,
  letterPdfBytes,
  step,
  withheldDocument,
} from './testing-decisions.ts';

describe.each(testDatabaseKinds())('decisions on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind, [
      'intake',
      'officer',
      'southOfficer',
      'decisionMaker',
      'manager',
      'auditor',
      'admin',
    ]);
  });
  afterAll(async () => {
    await f.close();
  });

  const requestStatus = async (id: string) =>
    (await f.t.request('GET', `/api/requests/${id}`, { session: f.sessions.manager })).json as {
      status: string;
      decisionOutcome: string | null;
      timeline: Array<{ type: string; summary: string }>;
    };

  it('C.09.05: a full grant is finalised by the officer on submit, the request decided and the letter written, all audited', async () => {
    const request = await openRequest(f);
    const before = await lastAuditSeq(f.t.db);
    const decision = await drafted(f, request.id, { outcome: 'granted', grounds: [] });
    expect(decision).toMatchObject({
      status: 'draft',
      formOfRelease: 'copy',
      formAsked: 'copy',
      needsApproval: false,
    });

    const submitted = await step(f, decision.id, 'submit', 'officer');
    expectStatus(submitted, 200);
    expect(submitted.json).toMatchObject({
      status: 'approved',
      approvedBy: { id: f.users.officer.id, name: 'Olivia Officer' },
      approvalNote: 'no C.09.05 approval needed for a full grant',
    });
    const after = await requestStatus(request.id);
    expect(after).toMatchObject({ status: 'decided', decisionOutcome: 'granted' });
    expect(after.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['submit-for-decision', 'decide']),
    );

    const read = await readDecision(f, request.id);
    expect(read.json.decision.id).toBe(decision.id);
    expect(read.json.letters).toHaveLength(1);
    expect(read.json.letters[0]).toMatchObject({ kind: 'decision', decisionId: decision.id });
    expect(read.json.letters[0].url).toBe(`/api/letters/${read.json.letters[0].id}/pdf`);

    const events = await auditSince(f.t, before);
    const mine = events.filter((e) => e.action.startsWith('decision.') || e.action.startsWith('letter.'));
    expect(mine.map((e) => e.action)).toEqual([
      'decision.drafted',
      'decision.submitted',
      'decision.approved',
      'letter.created',
      'decision.read',
    ]);
    const subject = events.find((e) => e.action === 'request.changed')?.person_id;
    expect(subject).toBeTruthy();
    for (const event of mine) expect(event.person_id, event.action).toBe(subject);
  });

  it('C.09.05: a refusal goes to the decision maker; the officer cannot approve it; the decision maker approves and the letter is written', async () => {
    const request = await openRequest(f);
    const decision = await drafted(f, request.id, {
      outcome: 'refused',
      grounds: ['s53(b)'],
      reasons: 'The file is about another prisoner.',
    });
    const submitted = await step(f, decision.id, 'submit', 'officer');
    expectStatus(submitted, 200);
    expect(submitted.json).toMatchObject({ status: 'submitted', needsApproval: true, approvedBy: null });
    expect((await requestStatus(request.id)).status).toBe('awaiting-decision');

    const byOfficer = await step(f, decision.id, 'approve', 'officer');
    expectStatus(byOfficer, 403);
    expect(byOfficer.json.error.message).toContain('only the decision maker approves (C.09.05)');
    expectStatus(await step(f, decision.id, 'approve', 'manager'), 403);

    const approved = await step(f, decision.id, 'approve', 'decisionMaker', { note: 'Agreed.' });
    expectStatus(approved, 200);
    expect(approved.json).toMatchObject({
      status: 'approved',
      approvedBy: { id: f.users.decisionMaker.id, name: 'Dana Decider' },
      approvalNote: 'Agreed.',
      groundLabels: [{ code: 's53(b)', citation: 'Privacy Act 2020, s 53(b)' }],
    });
    expect(await requestStatus(request.id)).toMatchObject({ status: 'decided', decisionOutcome: 'refused' });
    const read = await readDecision(f, request.id);
    expect(read.json.letters.map((l: { kind: string }) => l.kind)).toEqual(['decision']);
    // Approved once: a second approval is refused.
    expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 409);
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 409);
  });

  it('C.09.05: after approving, the decision maker still reads the request, the decision and the letter they signed; all audited', async () => {
    const request = await openRequest(f);
    const decision = await drafted(f, request.id, {
      outcome: 'refused',
      grounds: ['s53(b)'],
      reasons: 'The file is about another prisoner.',
    });
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
    expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);

    const before = await lastAuditSeq(f.t.db);
    const detail = await f.t.request('GET', `/api/requests/${request.id}`, {
      session: f.sessions.decisionMaker,
    });
    expectStatus(detail, 200);
    expect(detail.json).toMatchObject({ status: 'decided', caseSteps: [], allowedActions: [] });
    const read = await readDecision(f, request.id, 'decisionMaker');
    expectStatus(read, 200);
    expect(read.json.decision).toMatchObject({
      id: decision.id,
      status: 'approved',
      approvedBy: { id: f.users.decisionMaker.id },
    });
    expect(read.json.letters).toHaveLength(1);
    const pdf = await letterPdfBytes(f, read.json.letters[0].url, 'decisionMaker');
    expect(pdf.response.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    const listed = await f.t.request('GET', '/api/requests?limit=200', { session: f.sessions.decisionMaker });
    expect((listed.json.items as Array<{ id: string }>).map((item) => item.id)).toContain(request.id);

    const actions = (await auditSince(f.t, before)).map((e) => e.action);
    expect(actions).toEqual(['request.read', 'decision.read', 'letter.read', 'request.listed']);
  });

  it('the decision maker still cannot see a request being worked on: not its detail, decision, letters or list entry', async () => {
    const request = await openRequest(f);
    await drafted(f, request.id, { outcome: 'refused', grounds: ['s53(b)'], reasons: 'x' });
    const seq = await lastAuditSeq(f.t.db);
    const detail = await f.t.request('GET', `/api/requests/${request.id}`, {
      session: f.sessions.decisionMaker,
    });
    expectStatus(detail, 404);
    expectStatus(await readDecision(f, request.id, 'decisionMaker'), 404);
    const letter = await f.t.request('POST', `/api/requests/${request.id}/letters`, {
      session: f.sessions.decisionMaker,
      body: { kind: 'transfer' },
    });
    expectStatus(letter, 404);
    const listed = await f.t.request('GET', '/api/requests?limit=200', { session: f.sessions.decisionMaker });
    expect((listed.json.items as Array<{ id: string }>).map((item) => item.id)).not.toContain(request.id);
    const audit = await auditSince(f.t, seq);
    expect(audit.some((e) => e.entity_id === request.id)).toBe(false);
    expect(audit.flatMap((e) => (e.details.requestIds as string[] | undefined) ?? [])).not.toContain(
      request.id,
    );
  });

  it('C.09.05: the decision maker returns a decision with a note; the request is open again and a new draft supersedes it', async () => {
    const request = await openRequest(f);
    await withheldDocument(f, request.id, 'Incident report', { markGrounds: ['s53(b)'] });
    const first = await drafted(f, request.id, {
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons: 'Another prisoner is named.',
    });
    expectStatus(await step(f, first.id, 'submit', 'officer'), 200);

    const noNote = await step(f, first.id, 'return', 'decisionMaker', { note: ' ' });
    expectStatus(noNote, 400);
    expect(fieldPaths(noNote)).toEqual(['note']);
    expectStatus(await step(f, first.id, 'return', 'officer', { note: 'x' }), 403);

    const returned = await step(f, first.id, 'return', 'decisionMaker', { note: 'Say which pages.' });
    expectStatus(returned, 200);
    expect(returned.json).toMatchObject({
      status: 'returned',
      approvalNote: 'Say which pages.',
      approvedBy: null,
    });
    const after = await requestStatus(request.id);
    expect(after.status).toBe('open');
    expect(after.timeline.at(-1)?.summary).toContain('Say which pages.');

    const resubmit = await step(f, first.id, 'submit', 'officer');
    expectStatus(resubmit, 409);
    expect(resubmit.json.error.message).toContain('draft a new decision');

    const second = await drafted(f, request.id, {
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons: 'Another prisoner is named on page 1.',
    });
    const third = await drafted(f, request.id, {
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons: 'Another prisoner is named on page 1 only.',
    });
    const read = await readDecision(f, request.id);
    expect(read.json.decision.id).toBe(third.id);
    expect(read.json.history.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [third.id, 'draft'],
      [second.id, 'superseded'],
      [first.id, 'superseded'],
    ]);
    expectStatus(await step(f, second.id, 'submit', 'officer'), 409);
  });

  it('s 47: neither confirm nor deny is refused on s 53(b), naming the grounds field; allowed on s 53(c)', async () => {
    const request = await openRequest(f);
    const bad = await draft(f, request.id, {
      outcome: 'neither-confirm-nor-deny',
      grounds: ['s53(b)'],
      reasons: 'Confirming would tell him about the informant.',
    });
    expectStatus(bad, 400);
    expect(fieldPaths(bad)).toEqual(['grounds']);
    expect(bad.json.error.message).toContain(
      's 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c) (Privacy Act 2020 s 47)',
    );
    const good = await draft(f, request.id, {
      outcome: 'neither-confirm-nor-deny',
      grounds: ['s53c'],
      reasons: 'Confirming would prejudice an investigation.',
    });
    expectStatus(good, 201);
    expect(good.json).toMatchObject({ grounds: ['s53(c)'], needsApproval: true, formOfRelease: null });
  });

  it('s 56: a form other than the one asked for needs a s 56(2) reason', async () => {
    const request = await openRequest(f);
    const none = await draft(f, request.id, { outcome: 'granted', grounds: [], formOfRelease: 'inspect' });
    expectStatus(none, 400);
    expect(fieldPaths(none)).toEqual(['formDiffersReason']);
    const vague = await draft(f, request.id, {
      outcome: 'granted',
      grounds: [],
      formOfRelease: 'inspect',
      formDiffersReason: 'it is easier',
    });
    expectStatus(vague, 400);
    expect(vague.json.error.fields[0].message).toContain('Would impair efficient administration');
    const good = await draft(f, request.id, {
      outcome: 'granted',
      grounds: [],
      formOfRelease: 'inspect',
      formDiffersReason: 'efficient administration: the file runs to 4,000 pages',
    });
    expectStatus(good, 201);
    expect(good.json).toMatchObject({
      formOfRelease: 'inspect',
      formAsked: 'copy',
      formDiffersReason: 'Would impair efficient administration: the file runs to 4,000 pages',
    });
    const unknown = await draft(f, request.id, { outcome: 'granted', grounds: [], formOfRelease: 'fax' });
    expect(fieldPaths(unknown)).toEqual(['formOfRelease']);
  });

  it('s 44: the outcome fits the track; the OIA track uses the OIA catalogue', async () => {
    const access = await openRequest(f);
    const corrected = await draft(f, access.id, { outcome: 'corrected', grounds: [] });
    expectStatus(corrected, 400);
    expect(fieldPaths(corrected)).toEqual(['outcome']);
    const unknownOutcome = await draft(f, access.id, { outcome: 'maybe', grounds: [] });
    expectStatus(unknownOutcome, 400);
    expect(fieldPaths(unknownOutcome)).toEqual(['outcome']);

    const oia = await openRequest(f, 'official-information');
    const privacyGround = await draft(f, oia.id, { outcome: 'refused', grounds: ['s53(b)'], reasons: 'x' });
    expectStatus(privacyGround, 400);
    expect(privacyGround.json.error.fields[0]).toMatchObject({ path: 'grounds' });
    expect(privacyGround.json.error.message).toContain('Official Information Act 1982');
    expectStatus(
      await draft(f, oia.id, { outcome: 'refused', grounds: ['s9(2)(a)'], reasons: 'Privacy of others.' }),
      201,
    );
  });

  it('IPP 7: a correction refused goes to the decision maker and the correction letter is written on approval', async () => {
    const request = await openRequest(f, 'privacy-correction');
    const missing = await draft(f, request.id, { outcome: 'correction-refused', grounds: [], reasons: 'x' });
    expect(fieldPaths(missing)).toEqual(['correction']);
    const decision = await drafted(f, request.id, {
      outcome: 'correction-refused',
      grounds: [],
      reasons: 'Two officers saw you in the yard.',
      correction: { information: 'Incident report of 3 January', correctionSought: 'I was not in the yard' },
    });
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
    const approved = await step(f, decision.id, 'approve', 'decisionMaker');
    expectStatus(approved, 200);
    expect(approved.json.correction).toEqual({
      information: 'Incident report of 3 January',
      correctionSought: 'I was not in the yard',
      correctionMade: null,
    });
    const read = await readDecision(f, request.id);
    expect(read.json.letters.map((l: { kind: string }) => l.kind)).toEqual(['correction']);
    expect(read.json.letters[0].body).toContain('statement of the correction you asked for');
  });

  it('suggestedGrounds are the grounds review withheld on; a full grant is refused while review withholds', async () => {
    const request = await openRequest(f);
    await withheldDocument(f, request.id, 'Unit log', { markGrounds: ['s53(b)'] });
    await withheldDocument(f, request.id, 'Intelligence note', { withholdInFull: 's49(1)(a)(i)' });
    const read = await readDecision(f, request.id);
    expectStatus(read, 200);
    expect(read.json).toMatchObject({
      decision: null,
      history: [],
      letters: [],
      suggestedGrounds: ['s49(1)(a)(i)', 's53(b)'],
    });
    const full = await draft(f, request.id, { outcome: 'granted', grounds: [] });
    expectStatus(full, 400);
    expect(fieldPaths(full)).toEqual(['outcome']);
    const partial = await draft(f, request.id, {
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons: 'x',
    });
    expect(partial.json.error.fields[0].message).toContain('s49(1)(a)(i)');
  });

  it('C.09.05: submitting needs an assigned officer; drafting needs an open request', async () => {
    const untriaged = await record(f.t, f.sessions.officer);
    const early = await draft(f, untriaged.id, { outcome: 'granted', grounds: [], formOfRelease: 'copy' });
    expectStatus(early, 409);
    expect(early.json.error.message).toContain('awaiting triage');

    const unassigned = await record(f.t, f.sessions.intake, { formOfRelease: 'copy' });
    await move(f.t, f.sessions.intake, unassigned.id, { type: 'triage', track: 'privacy-access' });
    const decision = await drafted(f, unassigned.id, { outcome: 'granted', grounds: [] });
    const submit = await step(f, decision.id, 'submit', 'officer');
    expectStatus(submit, 409);
    expect(submit.json.error.message).toBe(
      'Assign an officer to the request before submitting it for decision',
    );
    expect((await readDecision(f, unassigned.id)).json.decision.status).toBe('draft');
  });

  describe('who may do what', () => {
    let requestId: string;
    let decisionId: string;

    beforeAll(async () => {
      const request = await openRequest(f);
      requestId = request.id;
      decisionId = (await drafted(f, request.id, { outcome: 'refused', grounds: ['s53(b)'], reasons: 'x' }))
        .id;
    });

    it('the decision maker cannot draft; managers and auditors read but do not change; admins and intake do not read', async () => {
      const body = { outcome: 'refused', grounds: ['s53(b)'], reasons: 'x' };
      expectStatus(await draft(f, requestId, body, 'decisionMaker'), 403);
      expectStatus(await draft(f, requestId, body, 'manager'), 403);
      expectStatus(await draft(f, requestId, body, 'auditor'), 403);
      expectStatus(await step(f, decisionId, 'submit', 'manager'), 403);
      expectStatus(await step(f, decisionId, 'submit', 'decisionMaker'), 403);
      expectStatus(await readDecision(f, requestId, 'manager'), 200);
      expectStatus(await readDecision(f, requestId, 'auditor'), 200);
      expectStatus(await readDecision(f, requestId, 'admin'), 403);
      expectStatus(await readDecision(f, requestId, 'intake'), 403);
      const letter = await f.t.request('POST', `/api/requests/${requestId}/letters`, {
        session: f.sessions.manager,
        body: { kind: 'decision' },
      });
      expectStatus(letter, 403);
    });

    it('a request the caller cannot see is not found: another team’s officer, the decision maker before submission', async () => {
      expectStatus(await readDecision(f, requestId, 'southOfficer'), 404);
      expectStatus(await draft(f, requestId, { outcome: 'granted', grounds: [] }, 'southOfficer'), 404);
      expectStatus(await step(f, decisionId, 'submit', 'southOfficer'), 404);
      expectStatus(await readDecision(f, requestId, 'decisionMaker'), 404);
      expectStatus(await step(f, decisionId, 'approve', 'decisionMaker'), 404);
      expectStatus(await step(f, '00000000-0000-4000-8000-000000000000', 'submit', 'officer'), 404);
    });

    it('only a submitted decision is approved; signed out is 401; bad input names the field', async () => {
      const request = await openRequest(f);
      const decision = await drafted(f, request.id, {
        outcome: 'refused',
        grounds: ['s53(b)'],
        reasons: 'x',
      });
      expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
      const other = await drafted(f, (await openRequest(f)).id, {
        outcome: 'refused',
        grounds: ['s53(b)'],
        reasons: 'x',
      });
      // The decision maker can see the first request but the second decision is only a draft on an open request.
      expectStatus(await step(f, other.id, 'approve', 'decisionMaker'), 404);
      const signedOut = await f.t.request('POST', `/api/requests/${request.id}/decision`, {
        body: { outcome: 'granted', grounds: [] },
      });
      expectStatus(signedOut, 401);
      const extra = await draft(f, request.id, { outcome: 'granted', grounds: [], colour: 'blue' });
      expectStatus(extra, 400);
      const badGrounds = await draft(f, request.id, { outcome: 'granted', grounds: 's53(b)' });
      expectStatus(badGrounds, 400);
      expect(fieldPaths(badGrounds)).toEqual(['grounds']);
      const badId = await f.t.request('POST', '/api/decisions/not-a-uuid/submit', {
        session: f.sessions.officer,
      });
      expectStatus(badId, 400);
    });
  });
});
