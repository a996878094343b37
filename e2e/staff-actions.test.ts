import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from './support/build.ts';
import { startE2eServer, type E2eServer, type StaffAccount } from './support/server.ts';
import {
  audit,
  axeReport,
  launchBrowser,
  openPage,
  tabTo,
  type TestPage,
  BROWSER_TESTS,
} from './support/browser.ts';
import type { SignedIn } from '../src/testing/http.ts';

// The staff workbench in Chromium: one extension (and the refusal of a second), recording a paper request
// question by question with its printable receipt, and staff admin.

let server: E2eServer;
let browser: Browser;
let intake: StaffAccount;
let officer: StaffAccount;
let admin: StaffAccount;
let intakeSession: SignedIn;
const ids: Record<string, string> = {};

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startE2eServer();
  browser = await launchBrowser();
  intake = await server.staff('intake', 'Ina Intake');
  officer = await server.staff('officer', 'Olivia Officer', { team: 'north', site: 'Rimutaka' });
  admin = await server.staff('admin', 'Ada Admin');
  intakeSession = await server.signIn(intake);
  const record = async (key: string, body: Record<string, unknown>) => {
    const response = await server.call('POST', '/api/requests', body, intakeSession);
    expect(response.status, response.text).toBe(201);
    ids[key] = (response.json as { id: string }).id;
  };
  await record('smith', {
    kind: 'correction',
    channel: 'oral',
    receivedAt: hoursAgo(30),
    subject: { name: 'John Smith', prn: 'JS-3002' },
    description: 'My date of birth is wrong on my file: it should be 4 May 1981.',
  });
});

afterAll(async () => {
  console.log(`Staff pages (actions, recording, admin) checked with axe:\n${axeReport()}`);
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, account: StaffAccount, next = '/work'): Promise<void> {
  await page.goto(next);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function finish(opened: TestPage): Promise<void> {
  expect(opened.problems).toEqual([]);
  await opened.context.close();
}

describe('staff workbench: extension, recording a request, staff admin', BROWSER_TESTS, () => {
  it('lets an officer extend the time limit once, and refuses a second extension (s 48)', async () => {
    const officerSession = await server.signIn(officer);
    const triaged = await server.call(
      'POST',
      `/api/requests/${ids.smith}/events`,
      { type: 'triage', track: 'privacy-correction' },
      officerSession,
    );
    expect(triaged.status, triaged.text).toBe(200);
    const due = (triaged.json as { decisionDueDate: string }).decisionDueDate;
    const later = await server.call(
      'GET',
      `/api/deadline?received=${due}&workingDays=10`,
      undefined,
      officerSession,
    );
    const newDue = (later.json as { due: string }).due;
    const [year, month, day] = newDue.split('-');

    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, officer, `/work/requests/${ids.smith}`);
    await page.getByRole('heading', { level: 1, name: /John Smith/ }).waitFor();
    // A second tab with the same form open, to be submitted after the first extension.
    const stale = await opened.context.newPage();
    await stale.goto(`/work/requests/${ids.smith}/extend`);
    await stale.getByRole('heading', { name: 'Extend the time limit' }).waitFor();
    await page.bringToFront();

    await page.getByRole('link', { name: 'Extend the time limit' }).click();
    await page.getByRole('heading', { name: 'Extend the time limit' }).waitFor();
    await audit(page, 'Action: extend');
    await page.getByLabel('A large quantity of information, or a search through one').check();
    await page.locator('#newDueDate-day').fill('31');
    await page.locator('#newDueDate-month').fill('2');
    await page.locator('#newDueDate-year').fill(year ?? '');
    await page.getByRole('button', { name: 'Extend' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('New due date must be a real date');
    expect(summary).toContain('Enter reasons for the extension');
    await audit(page, 'Action: extend, bad date and no reasons');
    await page.locator('.govuk-error-summary a', { hasText: 'New due date' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('newDueDate-day');
    await page.locator('#newDueDate-day').fill(String(Number(day)));
    await page.locator('#newDueDate-month').fill(String(Number(month)));
    await page.locator('#reason').fill('About 4,000 pages of case notes to search and review.');
    await page.getByRole('button', { name: 'Extend' }).click();
    await page.getByText('Time limit extended', { exact: true }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/Extended to/);
    expect(await page.getByRole('link', { name: 'Extend the time limit' }).count()).toBe(0);
    await audit(page, 'Request page, after extension');

    // Straight to the form again: refused, saying why.
    await page.goto(`/work/requests/${ids.smith}/extend`);
    await page.getByRole('heading', { name: 'You cannot do this now' }).waitFor();
    expect(await page.locator('#not-allowed-reason').innerText()).toMatch(
      /already extended.*only one extension/,
    );
    await audit(page, 'Action: extend, already extended');

    // The form left open in the other tab: the server refuses (409) and the error summary says why.
    await stale.bringToFront();
    await stale.getByLabel('Consultations are needed before deciding').check();
    await stale.locator('#newDueDate-day').fill(String(Number(day)));
    await stale.locator('#newDueDate-month').fill(String(Number(month)));
    await stale.locator('#newDueDate-year').fill(year ?? '');
    await stale.locator('#reason').fill('Need to consult the health provider.');
    await stale.getByRole('button', { name: 'Extend' }).click();
    await stale.locator('.govuk-error-summary').waitFor();
    expect(await stale.locator('.govuk-error-summary').innerText()).toMatch(/already been extended/);
    await audit(stale, 'Action: extend, refused by the server');
    const direct = await server.call(
      'POST',
      `/api/requests/${ids.smith}/events`,
      { type: 'extend', ground: 'consultations', newDueDate: newDue, reason: 'again' },
      officerSession,
    );
    expect(direct.status).toBe(409);
    await finish(opened);
  });

  it('records a paper request question by question, with check-your-answers and a printable receipt', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, intake, '/work/record');
    await page.getByRole('heading', { name: 'Record a paper or spoken request' }).waitFor();
    await audit(page, 'Record: start');
    await tabTo(page, 'button', 'Start');
    await page.keyboard.press('Enter');

    const step = async (heading: string | RegExp, label: string, answer: () => Promise<void>) => {
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await audit(page, `Record: ${label}`);
      await answer();
      await page.getByRole('button', { name: 'Continue' }).click();
    };
    await step('What are they asking for?', 'what they ask for', async () => {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await audit(page, 'Record: what they ask for, nothing chosen');
      await page.getByLabel('Their own personal information').check();
    });
    await step('How was the request made?', 'channel', () => page.getByLabel('Paper form handed in').check());
    await step('When did you acknowledge the request?', 'when acknowledged', async () => {
      expect(await page.locator('#received-year').inputValue()).toMatch(/^\d{4}$/);
      await page.locator('#received-time').fill('00:01');
    });
    await step('Who is the information about?', 'person', async () => {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').innerText()).toContain(
        'Enter the person’s full name',
      );
      await audit(page, 'Record: person, no name');
      await page.locator('#subject-name').fill('Rawiri Paki');
      await page.locator('#subject-prn').fill('RP-5005');
      await page.locator('#subject-dob-day').fill('12');
      await page.locator('#subject-dob-month').fill('8');
      await page.locator('#subject-dob-year').fill('1979');
    });
    await step('Who is making the request?', 'who asks', () =>
      page.getByLabel('The person themselves').check(),
    );
    await step('What do they want?', 'what they want', () =>
      page.locator('#description').fill('Visit records for 2025.'),
    );
    await step('How would they like to get the information?', 'form of release', () =>
      page.getByLabel('A copy').check(),
    );
    await step('Have they asked for it to be treated as urgent?', 'urgency', () =>
      page.getByLabel('No').check(),
    );
    await step('Do they need any help to make or follow the request?', 'assistance', () =>
      page.locator('#assistance').fill('Reads te reo Māori best'),
    );

    await page.getByRole('heading', { name: 'Check the answers before recording the request' }).waitFor();
    const answers = await page.locator('.govuk-summary-list').innerText();
    for (const expected of [
      'Rawiri Paki',
      'RP-5005',
      '12 August 1979',
      'Visit records for 2025.',
      'A copy',
      '12:01am',
    ]) {
      expect(answers).toContain(expected);
    }
    await audit(page, 'Record: check your answers');
    // Change one answer and come straight back to the check page.
    await page.getByRole('link', { name: 'Change what they want' }).click();
    await page.locator('#description').fill('Visit and phone records for 2025.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check the answers before recording the request' }).waitFor();
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(
      'Visit and phone records for 2025.',
    );
    await page.getByRole('button', { name: 'Record the request' }).click();

    await page.getByRole('heading', { name: 'Request recorded' }).waitFor();
    const receipt = await page.locator('.app-receipt').innerText();
    expect(receipt).toMatch(/TK-\d{4}-\d{6}/);
    expect(receipt).toMatch(/Date received\s+\d{1,2} \w+ \d{4}, 12:01am/);
    expect(receipt).toMatch(/We will reply by\s+\w+day,? \d{1,2} \w+ \d{4}/);
    expect(receipt).toContain('There is no charge');
    expect(receipt).toContain('What happens next');
    await audit(page, 'Receipt');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print the receipt' }).isVisible()).toBe(false);
    expect(await page.locator('.app-receipt').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await finish(opened);
  });

  it('lets an admin add an account, change its role and disable it; other roles cannot reach admin', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, admin, '/admin');
    await page.getByRole('heading', { name: 'Staff accounts' }).waitFor();
    await audit(page, 'Admin: accounts');
    await page.getByRole('link', { name: 'Add a staff account' }).click();
    await page.getByRole('heading', { name: 'Add a staff account' }).waitFor();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await audit(page, 'Admin: add account, errors');
    await page.locator('#name').fill('Nikau Newstaff');
    await page.locator('#email').fill('nikau@example.govt.nz');
    await page.getByLabel('Intake officer').check();
    await page.locator('#password').fill('a long enough passphrase for nikau 7');
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByText('Account added for Nikau Newstaff').waitFor();
    await page.getByRole('link', { name: 'Change Nikau Newstaff' }).click();
    await page.getByRole('heading', { name: 'Change Nikau Newstaff' }).waitFor();
    await audit(page, 'Admin: change account');
    await page.getByLabel('Privacy officer').check();
    await page.getByLabel('No, disable the account').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Account for Nikau Newstaff changed').waitFor();
    const row = await page.getByRole('row', { name: /Nikau Newstaff/ }).innerText();
    expect(row).toContain('Privacy officer');
    expect(row).toContain('Disabled');
    await finish(opened);

    const other = await openPage(browser, server.baseUrl);
    await signIn(other.page, intake, '/admin');
    await other.page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await audit(other.page, 'Admin: refused to intake');
    await finish(other);
  });
});
