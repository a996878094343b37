import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, redactionMarks, staffNameReviews } from '../documents/documents.schema.ts';
import { insertTestDocument, makeTextPdf } from '../documents/testing-documents.ts';
import { startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { drafted, expectStatus, openRequest, readDecision, step } from './testing-decisions.ts';

describe.each(testDatabaseKinds())('a release decision waits for the review on %s', (kind) => {
  let f: RegisterFixture;
  beforeAll(async () => {
    f = await startRegister(kind, ['officer', 'decisionMaker']);
  });
  afterAll(() => f.close());

  it('C.09.05: the decision maker cannot approve a release while a suggestion is undecided; once decided, they can', async () => {
    const request = await openRequest(f);
    const pdf = await makeTextPdf([['File note', 'Prisoner Rāwiri Tane met his sister.']]);
    const doc = await insertTestDocument(f.t.db, f.t.config, request.id, pdf, { title: 'File note' });
    const [mark] = await f.t.db
      .insert(redactionMarks)
      .values({
        documentId: doc.id,
        page: 1,
        kind: 'text',
        text: 'Rāwiri Tane',
        startOffset: 9,
        endOffset: 20,
        source: 'detector',
        status: 'suggested',
        ground: 's53(b)',
      })
      .returning();
    const decision = await drafted(f, request.id, {
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons: 'Another prisoner is named.',
    });
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);

    // Approving now would freeze a review that still has a suggestion open, and no release could be built.
    const refused = await step(f, decision.id, 'approve', 'decisionMaker');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('review is not finished');
    expect(refused.text).toContain('“File note” is undecided and has 1 suggested mark not yet accepted or rejected');
    expect((await readDecision(f, request.id)).json.decision).toMatchObject({ status: 'submitted' });

    const accepted = await f.t.request('PATCH', `/api/marks/${mark!.id}`, {
      session: f.sessions.officer,
      body: { status: 'accepted', ground: 's53(b)' },
    });
    expectStatus(accepted, 200);
    expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);
    const [after] = await f.t.db.select().from(redactionMarks).where(eq(redactionMarks.id, mark!.id));
    expect(after?.status).toBe('accepted');
  });

  it('C.09.04: a grant in full with a staff name awaiting determination goes to the decision maker, who determines it and approves', async () => {
    const request = await openRequest(f);
    const pdf = await makeTextPdf([['File note', 'CO Hemi Walker spoke with the prisoner.']]);
    const doc = await insertTestDocument(f.t.db, f.t.config, request.id, pdf, { title: 'File note' });
    await f.t.db.update(documents).set({ disposition: 'release-in-full' }).where(eq(documents.id, doc.id));
    const [review] = await f.t.db
      .insert(staffNameReviews)
      .values({
        requestId: request.id,
        name: 'Hemi Walker',
        requesterKnows: 'yes',
        proposedGround: 's49(1)(a)(i)',
        status: 'awaiting-determination',
      })
      .returning();
    const decision = await drafted(f, request.id, { outcome: 'granted', grounds: [] });
    const submitted = await step(f, decision.id, 'submit', 'officer');
    expectStatus(submitted, 200);
    // Not finalised by the officer: only the decision maker can determine the name.
    expect(submitted.json).toMatchObject({ status: 'submitted' });
    const determined = await f.t.request('POST', `/api/staff-names/${review!.id}/determine`, {
      session: f.sessions.decisionMaker,
      body: { determination: 'release', reason: 'The requester knows this officer' },
    });
    expectStatus(determined, 200);
    expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);
    const read = await readDecision(f, request.id);
    expect(read.json.decision).toMatchObject({ status: 'approved' });
    expect((read.json.letters as unknown[]).length).toBe(1);
  });

  it('a refusal releases nothing, so it does not wait for the review', async () => {
    const request = await openRequest(f);
    const pdf = await makeTextPdf([['File note', 'Nothing to see.']]);
    await insertTestDocument(f.t.db, f.t.config, request.id, pdf, { title: 'Unread note' });
    const decision = await drafted(f, request.id, {
      outcome: 'refused',
      grounds: ['s53(c)'],
      reasons: 'Releasing it would prejudice the maintenance of the law.',
    });
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
    expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);
  });
});
