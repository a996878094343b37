import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { makeTextPdf } from '../src/documents/testing-documents.ts';
import {
  buildDecisionBody,
  initialDecisionValues,
  splitFormDiffersReason,
  type DecisionValues,
} from '../web/src/staff/release/decision-form.ts';
import { groundsForTrack, groundText } from '../web/src/staff/release/grounds.ts';
import { looksLikeEmail, pagesText } from '../web/src/staff/release/labels.ts';
import { sendBody } from '../web/src/staff/release/SendForm.tsx';

// The decision, approval, release and disclosure-log pages in Chromium: an officer drafts a grant in
// part on the grounds the review used and submits it; the decision maker approves it (C.09.05); the
// officer builds the release package and e-mails it; the disclosure log shows what went. Every page and
// state is checked with axe (WCAG 2.2 AA tags).

const blank: DecisionValues = {
  outcome: '',
  grounds: [],
  reasons: '',
  withholdReasons: false,
  formOfRelease: 'copy',
  formDiffersGround: '',
  formDiffersReason: '',
  conditions: '',
  correctionInformation: '',
  correctionSought: '',
  correctionMade: '',
};

describe('decision and send forms (pure)', () => {
  it('asks for the decision, then for grounds and reasons when something is withheld (s 46)', () => {
    expect(buildDecisionBody(blank, 'privacy-access', 'copy')).toEqual({
      problems: [{ target: 'outcome', message: 'Select the decision' }],
    });
    const partial = buildDecisionBody({ ...blank, outcome: 'granted-in-part' }, 'privacy-access', 'copy');
    expect('problems' in partial ? partial.problems.map((problem) => problem.target) : []).toEqual([
      'grounds',
      'reasons',
    ]);
  });

  it('allows neither confirm nor deny only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c) (s 47)', () => {
    const values = { ...blank, outcome: 'neither-confirm-nor-deny', reasons: 'Would prejudice the law.' };
    const wrong = buildDecisionBody({ ...values, grounds: ['s53(b)'] }, 'privacy-access', null);
    expect('problems' in wrong ? wrong.problems[0]?.message : '').toMatch(/s 47.*not on s53\(b\)/);
    expect(buildDecisionBody({ ...values, grounds: ['s53(c)'] }, 'privacy-access', null)).toEqual({
      body: {
        outcome: 'neither-confirm-nor-deny',
        grounds: ['s53(c)'],
        reasons: 'Would prejudice the law.',
        withholdReasons: false,
      },
    });
  });

  it('asks for an s 56(2) reason when the form of release differs from the one asked for (s 56)', () => {
    const values = { ...blank, outcome: 'granted', formOfRelease: 'summary' };
    const missing = buildDecisionBody(values, 'privacy-access', 'copy');
    expect('problems' in missing ? missing.problems.map((problem) => problem.target) : []).toEqual([
      'formDiffersGround',
      'formDiffersReason',
    ]);
    const given = buildDecisionBody(
      { ...values, formDiffersGround: 'impair-efficient-administration', formDiffersReason: '4,000 pages' },
      'privacy-access',
      'copy',
    );
    expect('body' in given ? given.body.formDiffersReason : null).toBe(
      'impair-efficient-administration: 4,000 pages',
    );
    expect(splitFormDiffersReason('Would impair efficient administration: 4,000 pages')).toEqual({
      ground: 'impair-efficient-administration',
      reason: '4,000 pages',
    });
  });

  it('asks what was corrected on a correction request, and nothing made when refused (IPP 7)', () => {
    const made = buildDecisionBody({ ...blank, outcome: 'corrected' }, 'privacy-correction', null);
    expect('problems' in made ? made.problems.map((problem) => problem.target) : []).toEqual([
      'correction-information',
      'correction-sought',
      'correction-made',
    ]);
    const refused = buildDecisionBody(
      {
        ...blank,
        outcome: 'correction-refused',
        reasons: 'The record is accurate.',
        correctionInformation: 'Date of birth',
        correctionSought: '4 May 1981',
        correctionMade: 'ignored',
      },
      'privacy-correction',
      null,
    );
    expect('body' in refused ? refused.body.correction : null).toEqual({
      information: 'Date of birth',
      correctionSought: '4 May 1981',
      correctionMade: null,
    });
  });

  it('prefills the grounds the review used, from the track’s own Act only', () => {
    const request = { track: 'privacy-access', formOfRelease: 'copy' };
    expect(initialDecisionValues(request, null, ['s53(b)', 's9(2)(a)']).grounds).toEqual(['s53(b)']);
    expect(groundsForTrack('official-information').every((ground) => ground.act === 'oia')).toBe(true);
    expect(groundText('s53(b)')).toMatch(/^s 53\(b\): Would involve the unwarranted disclosure/);
  });

  it('checks the send form: an e-mail needs an address, post needs one too', () => {
    expect(sendBody('', '')).toEqual({
      problems: [{ target: 'method', message: 'Select how the package is released' }],
    });
    expect(sendBody('email', 'not an address')).toMatchObject({ problems: [{ target: 'recipient' }] });
    expect(sendBody('post', ' ')).toMatchObject({ problems: [{ target: 'recipient' }] });
    expect(sendBody('inspection', '')).toEqual({ body: { method: 'inspection' } });
    expect(sendBody('email', ' aroha@example.nz ')).toEqual({
      body: { method: 'email', recipient: 'aroha@example.nz' },
    });
    expect(looksLikeEmail('021 555 0123')).toBe(false);
    expect(pagesText({ fromPage: 2, toPage: 4 })).toBe('2 to 4');
  });
});

let server: E2eServer;
let browser: Browser;
let officer: StaffAccount;
let decisionMaker: StaffAccount;
let officerSession: SignedIn;
let requestId = '';
let reference = '';
const documentTitle = 'Incident report 3 March';
const requesterEmail = 'aroha.potae@example.nz';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function signIn(page: Page, account: StaffAccount, next: string): Promise<void> {
  await page.goto(next);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Waits for the page's heading, explaining the access first when the interruption card asks why. */
async function arriveAt(page: Page, heading: string): Promise<void> {
  const wanted = page.getByRole('heading', { level: 1, name: heading, exact: true });
  const card = page.getByRole('heading', { level: 1, name: 'Why do you need this record?' });
  await wanted.or(card).first().waitFor();
  if (await card.isVisible()) {
    await audit(page, `${heading}: interruption card`);
    await page.locator('#access-reason').fill('Deciding the access request submitted to me.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await wanted.waitFor();
  }
}

/** Waits for the success banner; when it does not come, fails with what the error summary says instead. */
async function expectSuccess(page: Page, message: string): Promise<void> {
  try {
    await page
      .locator('.govuk-notification-banner--success', { hasText: message })
      .waitFor({ timeout: 20_000 });
  } catch (error) {
    const refused = page.locator('.govuk-error-summary');
    if (await refused.isVisible())
      throw new Error(`Refused instead of “${message}”: ${await refused.innerText()}`);
    throw error;
  }
}

async function finish(opened: TestPage): Promise<void> {
  expect(opened.problems).toEqual([]);
  await opened.context.close();
}

async function errorSummary(page: Page): Promise<string> {
  await page.locator('.govuk-error-summary').waitFor();
  return page.locator('.govuk-error-summary').innerText();
}

/** Adds the PDF through the upload API, as raw bytes. */
async function addDocument(pdf: Uint8Array): Promise<string> {
  const response = await fetch(
    new URL(
      `/api/requests/${requestId}/documents?filename=incident.pdf&title=${encodeURIComponent(documentTitle)}`,
      server.baseUrl,
    ),
    {
      method: 'POST',
      headers: {
        cookie: officerSession.cookie,
        'x-csrf-token': officerSession.csrfToken,
        'content-type': 'application/octet-stream',
      },
      body: Buffer.from(pdf),
    },
  );
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return (JSON.parse(text) as { id: string }).id;
}

describe('decision, approval, release and disclosure log in the browser', BROWSER_TESTS, () => {
  beforeAll(async () => {
    await ensureWebBuilt();
    const scratch = mkdtempSync(path.join(tmpdir(), 'tiaki-e2e-release-'));
    const env = {
      TIAKI_STORAGE_DIR: path.join(scratch, 'files'),
      TIAKI_OUTBOX_DIR: path.join(scratch, 'outbox'),
    };
    server = await startE2eServer(env);
    browser = await launchBrowser();
    const intake = await server.staff('intake', 'Ina Intake');
    officer = await server.staff('officer', 'Olivia Officer', { team: 'north', site: 'Rimutaka' });
    decisionMaker = await server.staff('decision-maker', 'Dana Decider');
    const intakeSession = await server.signIn(intake);
    const created = await server.call(
      'POST',
      '/api/requests',
      {
        kind: 'access',
        channel: 'paper',
        receivedAt: hoursAgo(3),
        subject: { name: 'Aroha Pōtae', prn: 'AP-3003', site: 'Rimutaka', contact: requesterEmail },
        description: 'The incident report about the visit on 3 March 2026.',
        formOfRelease: 'copy',
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

    const pdf = await makeTextPdf([
      [
        'Incident report 3 March 2026',
        'Aroha Pōtae had a visit from her sister.',
        'The visitor gave her phone number as 021 555 0199.',
        'Visitor e-mail tama.visitor@example.org',
      ],
    ]);
    const documentId = await addDocument(pdf);
    const suggested = await server.call(
      'POST',
      `/api/documents/${documentId}/suggestions`,
      {},
      officerSession,
    );
    expect(suggested.status, suggested.text).toBe(200);
    const marks = (suggested.json as { marks: Array<{ id: string; text: string | null; status: string }> })
      .marks;
    for (const mark of marks.filter((candidate) => candidate.status === 'suggested')) {
      const decided = await server.call(
        'PATCH',
        `/api/marks/${mark.id}`,
        { status: 'accepted', ground: 's53(b)', note: 'The visitor’s own details' },
        officerSession,
      );
      expect(decided.status, decided.text).toBe(200);
    }
    if (!marks.some((mark) => mark.text?.includes('021 555 0199'))) {
      const added = await server.call(
        'POST',
        `/api/documents/${documentId}/marks`,
        { page: 1, kind: 'text', text: '021 555 0199', ground: 's53(b)' },
        officerSession,
      );
      expect(added.status, added.text).toBe(201);
    }
    const disposed = await server.call(
      'PUT',
      `/api/documents/${documentId}/disposition`,
      { disposition: 'partial' },
      officerSession,
    );
    expect(disposed.status, disposed.text).toBe(200);
    const status = await server.call(
      'GET',
      `/api/requests/${requestId}/review-status`,
      undefined,
      officerSession,
    );
    expect(status.json, status.text).toMatchObject({ ready: true });
  });

  afterAll(async () => {
    console.log(`Decision and release pages checked with axe:\n${axeReport()}`);
    await browser?.close();
    await server?.close();
  });

  it('takes a request from a drafted decision through approval to a release sent by e-mail', async () => {
    // The officer drafts a grant in part on the review's grounds and submits it.
    const drafting = await openPage(browser, server.baseUrl);
    let page = drafting.page;
    await signIn(page, officer, `/work/requests/${requestId}/decision`);
    await arriveAt(page, 'Decision');
    await page.getByText('No decision has been drafted yet.').waitFor();
    expect(await page.title()).toBe(`Decision – ${reference} – Tiaki workbench`);
    await audit(page, 'Decision: none yet');

    await page.getByRole('button', { name: 'Save the draft' }).click();
    expect(await errorSummary(page)).toContain('Select the decision');
    expect(await page.title()).toMatch(/^Error: /);
    await audit(page, 'Decision: nothing chosen');
    await page.locator('.govuk-error-summary a', { hasText: 'Select the decision' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('outcome');

    await page.getByLabel('Granted in part').check();
    expect(await page.getByLabel(/^s 53\(b\):/).isChecked()).toBe(true);
    await page.getByLabel('How will the information be made available?').selectOption('summary');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const problems = await errorSummary(page);
    expect(problems).toContain('Enter the reasons for the decision');
    expect(problems).toContain('Select why the information will not be given in the form asked for');
    await audit(page, 'Decision: form differs, no reasons');
    await page.getByLabel('How will the information be made available?').selectOption('copy');
    await page
      .getByLabel('Reasons for the decision')
      .fill('The visitor’s phone number and e-mail address are withheld to protect their privacy.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expectSuccess(page, 'Draft decision saved');
    const summary = await page.locator('section[aria-labelledby="current-decision-heading"]').innerText();
    expect(summary).toContain('Granted in part');
    expect(summary).toContain('s 53(b)');
    expect(summary).toContain('Draft');
    await audit(page, 'Decision: draft saved');

    await page.getByRole('button', { name: 'Submit to the decision maker' }).click();
    await expectSuccess(page, 'Decision submitted to the decision maker');
    await page.getByText('Waiting for the decision maker to approve or return it.').waitFor();
    expect(await page.getByRole('button', { name: 'Save the draft' }).count()).toBe(0);
    await audit(page, 'Decision: submitted');
    await finish(drafting);

    // The decision maker approves it (C.09.05); returning needs a note.
    const approving = await openPage(browser, server.baseUrl);
    page = approving.page;
    await signIn(page, decisionMaker, `/work/requests/${requestId}/decision`);
    await arriveAt(page, 'Decision');
    await page.getByRole('heading', { name: 'Approve or return this decision' }).waitFor();
    await audit(page, 'Decision: waiting for approval');
    await page.getByRole('button', { name: 'Return to the officer' }).click();
    expect(await errorSummary(page)).toContain('Say what needs to change');
    await audit(page, 'Decision: return without a note');
    await page.getByLabel('Note', { exact: true }).fill('Checked against the review: approved.');
    await page.getByRole('button', { name: 'Approve the decision' }).click();
    // Decided, the request leaves the decision maker's queue and sight: the page confirms instead.
    await page.getByRole('heading', { level: 1, name: 'Decision approved' }).waitFor();
    expect(await page.title()).toBe(`Decision approved – ${reference} – Tiaki workbench`);
    expect(await page.locator('main').innerText()).toContain('decision letter is made');
    await audit(page, 'Decision: approved');
    await finish(approving);

    // The officer builds the package and sends it by e-mail to the requester.
    const releasing = await openPage(browser, server.baseUrl);
    page = releasing.page;
    await signIn(page, officer, `/work/requests/${requestId}/decision`);
    await arriveAt(page, 'Decision');
    const letter = page.getByRole('link', { name: 'Decision letter (PDF)' });
    await letter.waitFor();
    const letterPdf = await server.call(
      'GET',
      (await letter.getAttribute('href')) ?? '',
      undefined,
      officerSession,
    );
    expect(letterPdf.status).toBe(200);
    expect(letterPdf.headers.get('content-type')).toContain('application/pdf');
    expect(await page.locator('section[aria-labelledby="current-decision-heading"]').innerText()).toContain(
      'Checked against the review: approved.',
    );
    await audit(page, 'Decision: approved, seen by the officer with the letter');
    await page.getByRole('link', { name: 'Build and send the release package' }).click();
    await arriveAt(page, 'Release');
    await page.getByText('No package has been built yet.').waitFor();
    await page.getByText('Nothing has been released for this request yet.').waitFor();
    await audit(page, 'Release: ready to build');
    await page.getByRole('button', { name: 'Build the release package' }).click();
    await expectSuccess(page, 'Release package built and checked');
    const schedule = await page.getByRole('table', { name: 'Schedule of documents' }).innerText();
    expect(schedule).toContain(documentTitle);
    expect(schedule).toContain('Withheld in part');
    expect(schedule).toContain('s 53(b)');
    const packageLink = page.getByRole('link', { name: /Download the release package \(PDF, \d+ pages?\)/ });
    const packagePdf = await server.call(
      'GET',
      (await packageLink.getAttribute('href')) ?? '',
      undefined,
      officerSession,
    );
    expect(packagePdf.status).toBe(200);
    expect(packagePdf.headers.get('content-type')).toContain('application/pdf');
    await audit(page, 'Release: package built');

    await page.getByLabel('By e-mail').check();
    expect(await page.locator('#recipient').inputValue()).toBe(requesterEmail);
    await page.locator('#recipient').fill('not an address');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await errorSummary(page)).toContain('Enter an e-mail address in the correct format');
    await audit(page, 'Release: bad e-mail address');
    await page.locator('#recipient').fill(requesterEmail);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check before you release it' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('send-check-heading');
    await audit(page, 'Release: check before sending');
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await expectSuccess(page, `Release package sent by e-mail to ${requesterEmail}`);
    const card = await page.locator('.govuk-summary-card').first().innerText();
    expect(card).toContain('Sent');
    expect(card).toContain(requesterEmail);
    expect(await page.getByRole('button', { name: 'Confirm and send' }).count()).toBe(0);

    const log = page.getByRole('table', { name: 'What was released and withheld for this request' });
    await log.waitFor();
    const row = await log.getByRole('row', { name: new RegExp(documentTitle) }).innerText();
    expect(row).toContain('Withheld in part');
    expect(row).toContain(requesterEmail);
    expect(row).toContain('By e-mail');
    await audit(page, 'Release: sent, with the disclosure log');
    await finish(releasing);

    const disclosures = await server.call(
      'GET',
      `/api/requests/${requestId}/disclosures`,
      undefined,
      officerSession,
    );
    expect(disclosures.json.entries).toHaveLength(1);
  }, 240_000);

  it('records a statement of correction after a refused correction and marks an earlier recipient told (IPP 7)', async () => {
    // A correction request by the same person, whose information went to them by e-mail above.
    const intake = await server.staff('intake', 'Iri Intake');
    const created = await server.call(
      'POST',
      '/api/requests',
      {
        kind: 'correction',
        channel: 'paper',
        receivedAt: hoursAgo(2),
        subject: { name: 'Aroha Pōtae', prn: 'AP-3003', site: 'Rimutaka', contact: requesterEmail },
        description: 'The incident report says my sister visited; it was my cousin.',
      },
      await server.signIn(intake),
    );
    expect(created.status, created.text).toBe(201);
    const correctionId = (created.json as { id: string }).id;
    const triaged = await server.call(
      'POST',
      `/api/requests/${correctionId}/events`,
      { type: 'triage', track: 'privacy-correction' },
      officerSession,
    );
    expect(triaged.status, triaged.text).toBe(200);

    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, officer, `/work/requests/${correctionId}/decision`);
    await arriveAt(page, 'Decision');
    expect(await page.getByLabel('Granted in part').count()).toBe(0);
    await page.getByLabel('Correction refused').check();
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const problems = await errorSummary(page);
    expect(problems).toContain('Enter the information the person asked to correct');
    expect(problems).toContain('Enter the reasons for the decision');
    await audit(page, 'Decision (correction): missing answers');
    await page.getByLabel('Which information did they ask to correct?').fill('Who visited on 3 March 2026');
    await page
      .getByLabel('What correction did they ask for?')
      .fill('The visitor was her cousin, not her sister');
    await page
      .getByLabel('Reasons for the decision')
      .fill('The visitor signed the book as her sister and showed identification.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await expectSuccess(page, 'Draft decision saved');
    await page.getByRole('button', { name: 'Submit to the decision maker' }).click();
    await expectSuccess(page, 'Decision submitted to the decision maker');
    const answer = await server.call(
      'GET',
      `/api/requests/${correctionId}/decision`,
      undefined,
      officerSession,
    );
    const approved = await server.call(
      'POST',
      `/api/decisions/${answer.json.decision.id}/approve`,
      {},
      await server.signIn(decisionMaker),
    );
    expect(approved.status, approved.text).toBe(200);

    await page.goto(`/work/requests/${correctionId}/release`);
    await arriveAt(page, 'Release');
    await page.getByRole('heading', { name: 'Statements of correction' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(
      `The person’s last release was on request ${reference}`,
    );
    await audit(page, 'Release (correction): before the statement');
    await page.getByRole('button', { name: 'Record the statement' }).click();
    expect(await errorSummary(page)).toContain('Enter the person’s statement');
    await audit(page, 'Release (correction): statement missing');
    await page.getByLabel('Which information is the statement about?').fill('Who visited on 3 March 2026');
    await page.getByLabel('The person’s statement').fill('My cousin visited me, not my sister.');
    await page.getByRole('button', { name: 'Record the statement' }).click();
    await expectSuccess(page, 'Statement of correction recorded');
    const recipients = page.getByRole('table', { name: 'Earlier recipients to tell' });
    await recipients.waitFor();
    expect(await recipients.innerText()).toContain(requesterEmail);
    await audit(page, 'Release (correction): statement recorded');
    await page.getByRole('button', { name: `Mark as told (${requesterEmail})` }).click();
    await expectSuccess(page, `Recorded that ${requesterEmail} was told of the statement`);
    expect(await recipients.innerText()).toContain('by Olivia Officer');
    expect(await page.getByRole('button', { name: /Mark as told/ }).count()).toBe(0);
    await audit(page, 'Release (correction): recipient told');
    await finish(opened);
  }, 180_000);
});
