import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../law/working-days.ts';
import { embeddedFonts, pdfText } from '../letters/testing-letters.ts';
import { auditSince, move, startRegister, type RegisterFixture } from '../requests/testing-requests.ts';
import { testDatabaseKinds } from '../testing/databases.ts';
import { lastAuditSeq } from '../testing/http.ts';
import {
  drafted,
  expectStatus,
  letterPdfBytes,
  openRequest,
  readDecision,
  step,
  withheldDocument,
} from './testing-decisions.ts';

interface Letter {
  id: string;
  kind: string;
  url: string;
  body: string;
}

describe.each(testDatabaseKinds())('letters and notices on %s', (kind) => {
  let f: RegisterFixture;

  beforeAll(async () => {
    f = await startRegister(kind, ['officer', 'southOfficer', 'decisionMaker', 'manager']);
  });
  afterAll(async () => {
    await f.close();
  });

  const writeLetter = (requestId: string, letterKind: string, as: 'officer' | 'decisionMaker' = 'officer') =>
    f.t.request('POST', `/api/requests/${requestId}/letters`, {
      session: f.sessions[as],
      body: { kind: letterKind },
    });

  async function approvedLetter(
    body: Record<string, unknown>,
    setup?: (requestId: string) => Promise<void>,
    track: 'privacy-access' | 'official-information' = 'privacy-access',
  ): Promise<{ letter: Letter; text: string; bytes: Uint8Array; requestId: string }> {
    const request = await openRequest(f, track, {
      subject: { name: 'Aroha Pōtae' },
      requester: {
        name: 'Hēmi Walker',
        relationship: 'agent',
        authorityConfirmed: true,
        authorityMethod: 'document',
      },
    });
    await setup?.(request.id);
    const decision = await drafted(f, request.id, body);
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
    expectStatus(await step(f, decision.id, 'approve', 'decisionMaker'), 200);
    const read = await readDecision(f, request.id);
    const letter = (read.json.letters as Letter[])[0];
    if (!letter) throw new Error('no letter');
    const { response, bytes } = await letterPdfBytes(f, letter.url, 'officer');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    return { letter, text: pdfText(bytes).text, bytes, requestId: request.id };
  }

  it('s 46, ss 66–67: the decision letter on a partial release: documents, grounds in plain English, reasons, no charge, the right to complain; the font is embedded', async () => {
    const { letter, text, bytes } = await approvedLetter(
      {
        outcome: 'granted-in-part',
        grounds: ['s53(b)', 's49(1)(a)(i)'],
        reasons: 'The report names another prisoner.',
      },
      async (requestId) => {
        await withheldDocument(f, requestId, 'Incident report, Kāinga unit', { markGrounds: ['s53(b)'] });
        await withheldDocument(f, requestId, 'Intelligence note', { withholdInFull: 's49(1)(a)(i)' });
      },
    );
    expect(letter.kind).toBe('decision');
    expect(embeddedFonts(bytes).some((name) => name.startsWith('DejaVuSans'))).toBe(true);
    expect(text).toContain('Kia ora Hēmi Walker');
    expect(text).toContain('about Aroha Pōtae');
    expect(text).toContain('Incident report, Kāinga unit: released with some parts withheld under s 53(b)');
    expect(text).toContain('Intelligence note: withheld in full under s 49(1)(a)(i)');
    expect(text).toContain(
      'Privacy Act 2020, s 53(b): Would involve the unwarranted disclosure of the affairs of another individual or of a deceased person.',
    );
    expect(text).toContain('The report names another prisoner.');
    expect(text).toContain('in this form: a copy of the documents (Privacy Act 2020 s 45)');
    expect(text).toContain(
      'we may not charge you for making your personal information available (Privacy Act 2020 ss 66–67)',
    );
    expect(text).toContain('right to complain to the Privacy Commissioner (Privacy Act 2020 s 46)');
    expect(text).toContain('Nāku noa, nā Dana Decider Decision maker');
    expect(letter.body).toContain('There is no charge');
  });

  it('s 46: when the reasons are withheld, the letter says giving them would prejudice the interest and does not give them', async () => {
    const { text } = await approvedLetter({
      outcome: 'refused',
      grounds: ['s49(1)(a)(i)'],
      reasons: 'Informant Rāwiri is named on page 2.',
      withholdReasons: true,
    });
    expect(text).not.toContain('Informant');
    expect(text).toContain(
      'giving them would itself prejudice the interests that withholding protects (Privacy Act 2020 s 46)',
    );
    expect(text).toContain('We have decided to refuse your request.');
  });

  it('s 47: a neither-confirm-nor-deny letter neither confirms nor denies, and names no document', async () => {
    const { text } = await approvedLetter(
      { outcome: 'neither-confirm-nor-deny', grounds: ['s53(c)'], reasons: 'An investigation is under way.' },
      async (requestId) => {
        await withheldDocument(f, requestId, 'Police referral about Aroha', {});
      },
    );
    expect(text).toContain('We neither confirm nor deny that the information you asked for exists.');
    expect(text).toContain('(Privacy Act 2020 s 47)');
    expect(text).not.toContain('Police referral');
    expect(text).not.toContain('investigation is under way');
  });

  it('s 54 and s 56: conditions, and the form given with the reason it differs from the one asked for', async () => {
    const { text } = await approvedLetter({
      outcome: 'granted-with-conditions',
      grounds: ['s49(1)(d)'],
      reasons: 'Copies would circulate in the unit.',
      conditions: 'You may not take the documents back to the unit.',
      formOfRelease: 'inspect',
      formDiffersReason:
        'Would prejudice an interest protected by ss 49–53: copies would circulate in the unit',
    });
    expect(text).toContain(
      'on the following conditions (Privacy Act 2020 s 54): You may not take the documents back to the unit.',
    );
    expect(text).toContain('You asked for a copy of the documents.');
    expect(text).toContain(
      '(Privacy Act 2020 s 56): Would prejudice an interest protected by ss 49–53: copies would circulate in the unit.',
    );
  });

  it('OIA s 19: an OIA decision letter tells the requester of the Ombudsman, not the Privacy Commissioner', async () => {
    const { text } = await approvedLetter(
      { outcome: 'refused', grounds: ['s9(2)(a)'], reasons: 'It is about other people.' },
      undefined,
      'official-information',
    );
    expect(text).toContain('Ombudsman');
    expect(text).toContain('Official Information Act 1982 s 19');
    expect(text).not.toContain('Privacy Commissioner');
  });

  it('s 48: the extension notice states the period, the reasons and the right to complain', async () => {
    const request = await openRequest(f);
    expectStatus(await writeLetter(request.id, 'extension'), 409);
    const newDueDate = addWorkingDays(request.decisionDueDate, 10).due;
    await move(f.t, f.sessions.officer, request.id, {
      type: 'extend',
      ground: 'large-quantity',
      newDueDate,
      reason: 'your file runs to twelve boxes',
    });
    const before = await lastAuditSeq(f.t.db);
    const created = await writeLetter(request.id, 'extension');
    expectStatus(created, 201);
    const letter = created.json as Letter;
    expect(letter).toMatchObject({ kind: 'extension', decisionId: null });
    const { bytes } = await letterPdfBytes(f, letter.url, 'officer');
    const text = pdfText(bytes).text;
    expect(text).toContain('by 10 working days');
    expect(text).toContain('(Privacy Act 2020 s 48)');
    expect(text).toContain('large quantity of information');
    expect(text).toContain('Your file runs to twelve boxes.');
    expect(text).toContain('you have the right to complain to the Privacy Commissioner');
    const events = await auditSince(f.t, before);
    expect(events.map((e) => e.action)).toEqual(['letter.created', 'letter.read']);
    expect(events[0]?.details).toMatchObject({ kind: 'extension' });
  });

  it('s 43: the transfer notice names the agency and the reason', async () => {
    const request = await openRequest(f);
    expectStatus(await writeLetter(request.id, 'transfer'), 409);
    await move(f.t, f.sessions.officer, request.id, {
      type: 'transfer',
      agency: 'Ara Poutama Aotearoa',
      reason: 'it holds the records of the prison where this happened',
    });
    const created = await writeLetter(request.id, 'transfer');
    expectStatus(created, 201);
    const { bytes } = await letterPdfBytes(f, (created.json as Letter).url, 'officer');
    const text = pdfText(bytes).text;
    expect(text).toContain('to Ara Poutama Aotearoa (Privacy Act 2020 s 43)');
    expect(text).toContain(
      'We transferred it because it holds the records of the prison where this happened.',
    );
  });

  it('a decision letter needs an approved decision; reading a letter follows the request’s visibility', async () => {
    const request = await openRequest(f);
    const noDecision = await writeLetter(request.id, 'decision');
    expectStatus(noDecision, 409);
    expect(noDecision.json.error.message).toContain('no approved decision');
    const bad = await f.t.request('POST', `/api/requests/${request.id}/letters`, {
      session: f.sessions.officer,
      body: { kind: 'poem' },
    });
    expectStatus(bad, 400);

    const decision = await drafted(f, request.id, { outcome: 'granted', grounds: [] });
    expectStatus(await step(f, decision.id, 'submit', 'officer'), 200);
    const again = await writeLetter(request.id, 'decision');
    expectStatus(again, 201);
    const url = (again.json as Letter).url;
    expect((await letterPdfBytes(f, url, 'manager')).response.status).toBe(200);
    expect((await letterPdfBytes(f, url, 'southOfficer')).response.status).toBe(404);
    // Decided: the decision maker answers for it, so reads its letter (requests.rules.ts visibilityScope).
    expect((await letterPdfBytes(f, url, 'decisionMaker')).response.status).toBe(200);
    expect((await letterPdfBytes(f, url, null)).response.status).toBe(401);
    expect(
      (await letterPdfBytes(f, '/api/letters/00000000-0000-4000-8000-000000000000/pdf', 'officer')).response
        .status,
    ).toBe(404);
    const { text } = pdfText((await letterPdfBytes(f, url, 'officer')).bytes) as { text: string };
    expect(text).toContain('We have decided to give you all of the information you asked for.');
    expect(text).toContain('Nāku noa, nā Olivia Officer Privacy officer');
  });
});
