import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from './support/build.ts';
import { startE2eServer, type E2eServer, type StaffAccount } from './support/server.ts';
import {
  audit,
  axeReport,
  launchBrowser,
  openPage,
  type TestPage,
  BROWSER_TESTS,
} from './support/browser.ts';
import type { SignedIn } from '../src/testing/http.ts';
import { inTransaction } from '../src/db/tx.ts';
import { makeTextPdf } from '../src/documents/testing-documents.ts';
import { moveRequest } from '../src/requests/requests.service.ts';
import { findText, parseRect, segmentPage, sliceCodePoints } from '../web/src/staff/documents/text-marks.ts';
import type { Mark } from '../web/src/staff/documents/types.ts';

// Documents in scope and their review in Chromium: an officer uploads a PDF naming a staff member,
// suggests marks, accepts one with a ground, rejects one, adds marks of their own (selected text, typed
// text, an area), decides the document; the staff member answers the C.09.04 consultation and the
// decision maker determines the name. Every page and state is checked with axe (WCAG 2.2 AA tags).

describe('page text and marks (pure helpers)', () => {
  const mark = (id: string, start: number, end: number, status: Mark['status'] = 'suggested'): Mark => ({
    id,
    documentId: 'd',
    page: 1,
    kind: 'text',
    text: null,
    startOffset: start,
    endOffset: end,
    rect: null,
    piiType: null,
    score: null,
    source: 'detector',
    status,
    ground: null,
    groundLabel: null,
    note: null,
    staffName: false,
    createdAt: '2026-01-01T00:00:00Z',
    decidedAt: null,
  });

  it('slices by code points, so a character outside the BMP before a name does not shift its highlight', () => {
    const text = '😀 Hemi Walker came';
    const segments = segmentPage(text, [mark('a', 2, 13)]);
    expect(segments.map((segment) => [segment.text, segment.mark?.id ?? null])).toEqual([
      ['😀 ', null],
      ['Hemi Walker', 'a'],
      [' came', null],
    ]);
    expect(findText(text, 'Walker')).toEqual({ start: 7, end: 13 });
    expect(sliceCodePoints(text, 7, 13)).toBe('Walker');
  });

  it('clips overlapping marks and ignores marks outside the text', () => {
    const segments = segmentPage('abcdefghij', [mark('a', 2, 6), mark('b', 4, 8), mark('c', 20, 25)]);
    expect(segments.map((segment) => [segment.text, segment.mark?.id ?? null])).toEqual([
      ['ab', null],
      ['cdef', 'a'],
      ['gh', 'b'],
      ['ij', null],
    ]);
    expect(findText('abc', 'x')).toBeNull();
  });

  it('checks a typed area lies on the page, naming the edge that is wrong', () => {
    expect(parseRect({ x0: '10', y0: '20', x1: '110', y1: '60' }, 595, 842)).toEqual({
      rect: [10, 20, 110, 60],
    });
    const bad = parseRect({ x0: '100', y0: 'x', x1: '50', y1: '900' }, 595, 842);
    expect('problems' in bad ? bad.problems.map((problem) => problem.field) : []).toEqual(['y0', 'y1', 'x1']);
  });
});

let server: E2eServer;
let browser: Browser;
let intake: StaffAccount;
let officer: StaffAccount;
let decisionMaker: StaffAccount;
let hemi: StaffAccount;
let officerSession: SignedIn;
let requestId = '';
let reference = '';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function signIn(page: Page, account: StaffAccount, next: string): Promise<void> {
  await page.goto(next);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function finish(opened: TestPage): Promise<void> {
  // The refused upload the test provokes is logged by Chromium as a failed resource (413/415).
  const unexpected = opened.problems.filter(
    (problem) => !/Failed to load resource: the server responded with a status of (413|415)/.test(problem),
  );
  expect(unexpected).toEqual([]);
  await opened.context.close();
}

async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor();
  return page.locator('.govuk-error-summary').innerText();
}

/** Selects `words` in the shown page text, as a reviewer dragging the mouse over them would. */
async function selectInPageText(page: Page, words: string): Promise<void> {
  await page.evaluate((wanted) => {
    const container = document.getElementById('page-text');
    if (!container) throw new Error('no page text');
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`“${wanted}” is not in the page text`);
  }, words);
}

describe('documents in scope and their review', BROWSER_TESTS, () => {
  let documentId = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startE2eServer();
    browser = await launchBrowser();
    intake = await server.staff('intake', 'Ina Intake');
    officer = await server.staff('officer', 'Olivia Officer', { team: 'north', site: 'Rimutaka' });
    decisionMaker = await server.staff('decision-maker', 'Dana Decider');
    // The staff member named in the document: in the directory, so the officer can consult them.
    hemi = await server.staff('officer', 'Hemi Walker', { team: 'south', site: 'Arohata' });
    const intakeSession = await server.signIn(intake);
    const created = await server.call(
      'POST',
      '/api/requests',
      {
        kind: 'access',
        channel: 'paper',
        receivedAt: hoursAgo(3),
        subject: { name: 'Mere Parata', prn: 'MP-2001', site: 'Rimutaka' },
        description: 'The incident report about the fight in the yard on 12 March 2026.',
      },
      intakeSession,
    );
    expect(created.status, created.text).toBe(201);
    requestId = (created.json as { id: string }).id;
    reference = (created.json as { reference: string }).reference;
    officerSession = await server.signIn(officer);
    // Triage by an officer assigns the request to them.
    const triaged = await server.call(
      'POST',
      `/api/requests/${requestId}/events`,
      { type: 'triage', track: 'privacy-access' },
      officerSession,
    );
    expect(triaged.status, triaged.text).toBe(200);
  });

  afterAll(async () => {
    console.log(`Document review pages checked with axe:\n${axeReport()}`);
    await browser?.close();
    await server?.close();
  });

  it('lets an officer upload a PDF, suggest marks, accept, reject and add marks, and decide the document', async () => {
    const pdf = await makeTextPdf([
      [
        'Incident report 12 March 2026',
        'Officer Hemi Walker attended cell 14 at 9.40am.',
        'Witness phone 021 555 0123.',
        'Witness e-mail witness.one@example.org',
        'Source code LIMA-4 gave the tip.',
        'Visitor phone 021 555 0456.',
      ],
      ['Follow-up', 'Hemi Walker checked the yard camera.', 'Visitor phone 021 555 0456 rang again.'],
    ]);

    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, officer, `/work/requests/${requestId}`);
    await page.getByRole('heading', { level: 1, name: /Mere Parata/ }).waitFor();
    await page.getByRole('link', { name: 'Documents', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Documents in scope' }).waitFor();
    await page.getByText('No documents have been added to this request yet.').waitFor();
    await audit(page, 'Documents: none yet');

    await page.getByRole('button', { name: 'Upload the document' }).click();
    expect(await errorSummary(page)).toContain('Select a file to upload');
    await audit(page, 'Documents: upload without a file');
    await page.locator('.govuk-error-summary a', { hasText: 'Select a file' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('upload-file');

    // A file that is not a document the server reads: refused, and the reason shows in the summary.
    await page.locator('#upload-file').setInputFiles({
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10]),
    });
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary a').count()).toBeGreaterThan(0);
    await audit(page, 'Documents: upload refused by the server');

    await page.locator('#upload-file').setInputFiles({
      name: 'incident-12-march.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    await page.locator('#upload-title').fill('Incident report 12 March');
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await page.getByText('Document added: Incident report 12 March (2 pages)').waitFor();
    const row = await page.getByRole('row', { name: /Incident report 12 March/ }).innerText();
    expect(row).toContain('PDF');
    expect(row).toContain('Not decided');
    await audit(page, 'Documents: after upload');

    await page.getByRole('link', { name: /^Incident report 12 March/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Review: Incident report 12 March' }).waitFor();
    documentId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await page.locator('.app-page-nav__current').innerText()).toBe('Page 1 of 2');
    await page.locator('#page-text', { hasText: 'Source code LIMA-4' }).waitFor();
    await audit(page, 'Review: page 1 before suggestions');

    await page.getByRole('button', { name: 'Suggest marks' }).click();
    await page.getByText(/new marks? suggested/).waitFor();
    const phoneCard = page.locator('.app-mark-card', { hasText: '021 555 0123' });
    const emailCard = page.locator('.app-mark-card', { hasText: 'witness.one@example.org' });
    await phoneCard.waitFor();
    await emailCard.waitFor();
    expect(await page.locator('mark.app-text-mark--suggested').count()).toBeGreaterThan(1);
    const staffCard = page.locator('.app-mark-card', { hasText: 'Staff name — C.09.04 review' }).first();
    expect(await staffCard.innerText()).toContain('Hemi Walker');
    await audit(page, 'Review: suggestions on page 1');

    // Suggestions come with a proposed ground; accepting with none is refused, and the error summary
    // links to the ground list of that very mark.
    await phoneCard.getByLabel('Ground for withholding').selectOption('');
    await phoneCard.getByRole('button', { name: /^Accept/ }).click();
    expect(await errorSummary(page)).toContain('Choose the ground for withholding “021 555 0123”');
    await audit(page, 'Review: accept without a ground');
    await page.locator('.govuk-error-summary a').first().click();
    const focusedId = await page.evaluate(() => document.activeElement?.id ?? '');
    expect(focusedId).toMatch(/^mark-ground-/);
    await page.locator(`#${focusedId}`).selectOption('s53(b)');
    await phoneCard.getByLabel('Note (optional)').fill('A witness’s private number.');
    await phoneCard.getByRole('button', { name: /^Accept/ }).click();
    await phoneCard.locator('.govuk-tag', { hasText: 'Accepted: withhold' }).waitFor();
    await page.locator('mark.app-text-mark--accepted', { hasText: '021 555 0123' }).waitFor();
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);

    await emailCard.getByRole('button', { name: /^Reject/ }).click();
    await emailCard.locator('.govuk-tag', { hasText: 'Rejected: release' }).waitFor();
    expect(await page.locator('mark', { hasText: 'witness.one@example.org' }).count()).toBe(0);

    // A number suggested on both pages: "Accept all 2" withholds both on the ground chosen in this card,
    // says so, and leaves focus on the card's own Accept button once the "all" buttons are gone.
    const visitorCard = page.locator('.app-mark-card', { hasText: '021 555 0456' });
    await visitorCard.getByLabel('Ground for withholding').selectOption('s53(b)');
    await visitorCard.getByRole('button', { name: 'Accept all 2 “021 555 0456” and withhold them' }).click();
    await visitorCard.locator('.govuk-tag', { hasText: 'Accepted: withhold' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Accepted: all 2 “021 555 0456” are withheld on s 53(b).' })
      .waitFor({ state: 'attached' });
    expect(await visitorCard.getByRole('button', { name: /all 2/ }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^mark-accept-/);
    const visitor = await server.call('GET', `/api/documents/${documentId}/marks`, undefined, officerSession);
    expect(
      (visitor.json as { marks: Mark[] }).marks
        .filter((item) => item.text === '021 555 0456')
        .map((item) => [item.page, item.status, item.ground]),
    ).toEqual([
      [1, 'accepted', 's53(b)'],
      [2, 'accepted', 's53(b)'],
    ]);

    // A mark from a selection: offsets in code points of the page text, as the server stores them.
    await selectInPageText(page, 'LIMA-4');
    await page.locator('#selection-status', { hasText: 'Selected: LIMA-4' }).waitFor();
    await page.locator('#selection-ground').selectOption('s53(c)');
    await page.getByRole('button', { name: 'Withhold selection' }).click();
    await page
      .locator('.app-mark-card', { hasText: '“LIMA-4”' })
      .locator('.govuk-tag', { hasText: 'Accepted: withhold' })
      .waitFor();
    const detail = await server.call('GET', `/api/documents/${documentId}`, undefined, officerSession);
    const pageText = (detail.json as { pages: Array<{ text: string }> }).pages[0]?.text ?? '';
    const marks = await server.call('GET', `/api/documents/${documentId}/marks`, undefined, officerSession);
    const lima = (marks.json as { marks: Mark[] }).marks.find((item) => item.text === 'LIMA-4');
    expect(lima?.source).toBe('officer');
    expect(lima?.startOffset).toBe(findText(pageText, 'LIMA-4')?.start);
    expect(lima?.ground).toBe('s53(c)');

    // Typed words that are not on the page are refused here; words that are become a mark.
    await page.locator('#typed-text').fill('cell 99');
    await page.locator('#typed-ground').selectOption('s53(b)');
    await page.getByRole('button', { name: 'Withhold these words' }).click();
    expect(await errorSummary(page)).toContain('“cell 99” is not in the text of page 1');
    await page.locator('#typed-text').fill('cell 14');
    await page.getByRole('button', { name: 'Withhold these words' }).click();
    await page
      .locator('.app-mark-card', { hasText: '“cell 14”' })
      .locator('.govuk-tag', { hasText: 'Accepted: withhold' })
      .waitFor();

    // An area typed as four numbers (the keyboard way); a box the wrong way round is refused first.
    await page.locator('#area-x0').fill('300');
    await page.locator('#area-y0').fill('40');
    await page.locator('#area-x1').fill('56');
    await page.locator('#area-y1').fill('80');
    await page.locator('#area-ground').selectOption('s53(b)');
    await page.getByRole('button', { name: 'Withhold this area' }).click();
    expect(await errorSummary(page)).toContain('Right edge must be to the right of the left edge');
    await audit(page, 'Review: area the wrong way round');
    await page.locator('#area-x0').fill('56');
    await page.locator('#area-x1').fill('300');
    await page.getByRole('button', { name: 'Withhold this area' }).click();
    await page.locator('.app-area-mark--accepted').waitFor();
    await page
      .locator('.app-mark-card', { hasText: 'Area of the page' })
      .locator('.govuk-tag', { hasText: 'Accepted: withhold' })
      .waitFor();
    await audit(page, 'Review: page 1 after decisions on marks');

    // Page 2 by keyboard: the Next link, then back.
    await page.getByRole('link', { name: /Next page/ }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.app-page-nav__current', { hasText: 'Page 2 of 2' }).waitFor();
    await page.locator('#page-text', { hasText: 'checked the yard camera' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await audit(page, 'Review: page 2');
    await page.getByRole('link', { name: /Previous page/ }).click();
    await page.locator('.app-page-nav__current', { hasText: 'Page 1 of 2' }).waitFor();

    // The whole document: withholding in full needs a ground; release in part is saved.
    await page.getByLabel('Withhold in full').check();
    await page.getByRole('button', { name: 'Save the decision for this document' }).click();
    expect(await errorSummary(page)).toContain('Choose the ground for withholding the whole document');
    await audit(page, 'Review: withhold in full without a ground');
    await page.getByLabel('Release in part').check();
    await page.getByRole('button', { name: 'Save the decision for this document' }).click();
    await page.getByText('Decision for this document saved: Release in part').waitFor();
    await audit(page, 'Review: document decided');

    // The staff-name tag leads to the C.09.04 review on the documents page.
    await staffCard.getByRole('link', { name: 'Staff name — C.09.04 review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Documents in scope' }).waitFor();
    const review = page.locator('.govuk-summary-card', {
      has: page.getByRole('heading', { name: 'Hemi Walker' }),
    });
    await review.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('staff-names-heading');
    expect(await review.innerText()).toContain('C.09.04:');
    await review.locator('summary', { hasText: 'Answer the C.09.04 questions for Hemi Walker' }).click();
    await review.getByRole('button', { name: /Save the answer/ }).click();
    expect(await errorSummary(page)).toContain('Say whether the requester already knows Hemi Walker’s name');
    await audit(page, 'Documents: staff-name answer missing');
    await review.getByLabel('It is not clear').check();
    await review.getByLabel('Ground proposed for withholding the name').selectOption('s49(1)(a)(i)');
    await review.getByRole('button', { name: /Save the answer/ }).click();
    await page.getByText('Answer saved for Hemi Walker').waitFor();
    await review.locator('summary', { hasText: 'Consult Hemi Walker' }).click();
    await review
      .getByLabel('Question for Hemi Walker')
      .fill('Does Mere Parata know your name, and would releasing it put you at serious risk?');
    await review.getByRole('button', { name: /Send the question/ }).click();
    await page.getByText('Question sent to Hemi Walker').waitFor();
    await review.locator('.govuk-tag', { hasText: 'Waiting for the staff member' }).waitFor();
    await audit(page, 'Documents: staff name, consultation sent');

    // Search finds the page and links to it.
    await page.locator('#search-q').fill('yard camera');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(/1 page contains “yard camera”/).waitFor();
    await audit(page, 'Documents: search results');
    await page.getByRole('link', { name: 'Incident report 12 March, page 2' }).click();
    await page.locator('.app-page-nav__current', { hasText: 'Page 2 of 2' }).waitFor();
    await finish(opened);
  });

  it('lets the consulted staff member reply on the Consultations page', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, hemi, '/work');
    await page.getByRole('link', { name: 'Consultations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    const card = page.locator('.govuk-summary-card', { hasText: `Request ${reference}` });
    await card.waitFor();
    expect(await card.innerText()).toContain('Does Mere Parata know your name');
    await audit(page, 'Consultations: one waiting');
    await card.getByRole('button', { name: /Send the reply/ }).click();
    const summary = await errorSummary(page);
    expect(summary).toContain('Choose whether your name should be withheld or released');
    expect(summary).toContain('Enter your reply');
    await audit(page, 'Consultations: reply missing');
    await card.getByLabel('Withhold my name').check();
    await card.getByLabel('Your reply').fill('She does not know my name; she has threatened staff before.');
    await card.getByRole('button', { name: /Send the reply/ }).click();
    await page.getByText(`Reply sent for request ${reference}`).waitFor();
    await page.getByText('There are no consultations waiting for your reply.').waitFor();
    await audit(page, 'Consultations: replied');
    await finish(opened);
  });

  it('lets the decision maker determine the staff name; an officer cannot, and others only read', async () => {
    // Awaiting decision by the lifecycle alone: the staff-name determination, not the decision, is tested here
    // (the events endpoint refuses this step; the decision page drafts and submits a decision record).
    const submitted = await inTransaction(server.db, (tx) =>
      moveRequest(
        tx,
        {
          id: officer.id,
          name: officer.name,
          role: 'officer',
          team: 'north',
          site: 'Rimutaka',
          address: 'e2e',
        },
        requestId,
        { type: 'submit-for-decision' },
      ),
    );
    expect(submitted.status).toBe('awaiting-decision');

    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, decisionMaker, `/work/requests/${requestId}/documents`);
    // The request came to decision makers (submitted for decision): a work relationship (decision-queue), so
    // the record opens without the interruption card.
    await page.getByRole('heading', { level: 1, name: 'Documents in scope' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Why do you need this record?' }).count()).toBe(0);
    const review = page.locator('.govuk-summary-card', {
      has: page.getByRole('heading', { name: 'Hemi Walker' }),
    });
    await review.waitFor();
    expect(await review.innerText()).toContain('She does not know my name');
    expect(await page.getByRole('button', { name: 'Upload the document' }).count()).toBe(0);
    expect(
      await review.locator('summary', { hasText: 'Answer the C.09.04 questions for Hemi Walker' }).count(),
    ).toBe(0);
    await audit(page, 'Documents: decision maker');
    await review.locator('summary', { hasText: 'Record the determination for Hemi Walker' }).click();
    await review.getByLabel('Withhold the name').check();
    await review
      .getByLabel('Reasons')
      .fill('The requester does not know the name and has threatened staff; a serious threat to safety.');
    await review.getByRole('button', { name: /Record the determination/ }).click();
    await page.getByText('Determination recorded for Hemi Walker').waitFor();
    await review.locator('.govuk-tag', { hasText: 'Determined' }).waitFor();
    await audit(page, 'Documents: staff name determined');

    // The review page reads only for the decision maker: no suggest, accept or add controls.
    await page.goto(`/work/documents/${documentId}`);
    await page.getByRole('heading', { level: 1, name: 'Review: Incident report 12 March' }).waitFor();
    expect(await page.getByRole('button', { name: 'Suggest marks' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    await audit(page, 'Review: read only for the decision maker');
    await finish(opened);

    // The API refuses an officer's determination, whatever the page shows.
    const reviews = await server.call(
      'GET',
      `/api/requests/${requestId}/staff-names`,
      undefined,
      officerSession,
    );
    const id = (reviews.json as { reviews: Array<{ id: string }> }).reviews[0]?.id;
    const refused = await server.call(
      'POST',
      `/api/staff-names/${id}/determine`,
      { determination: 'release', reason: 'Not mine to decide' },
      officerSession,
    );
    expect([403, 404]).toContain(refused.status);
  });
});
