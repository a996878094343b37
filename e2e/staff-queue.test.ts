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

// The staff workbench in Chromium: sign-in, queues with the triage countdown, URL state and saved views,
// a request page with its due-date explanation, triage, and keyboard shortcuts that can be turned off.

let server: E2eServer;
let browser: Browser;
let intake: StaffAccount;
let intakeSession: SignedIn;
const ids: Record<string, string> = {};

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startE2eServer();
  browser = await launchBrowser();
  intake = await server.staff('intake', 'Ina Intake');
  intakeSession = await server.signIn(intake);
  const record = async (key: string, body: Record<string, unknown>) => {
    const response = await server.call('POST', '/api/requests', body, intakeSession);
    expect(response.status, response.text).toBe(201);
    ids[key] = (response.json as { id: string }).id;
  };
  await record('parata', {
    kind: 'access',
    channel: 'paper',
    receivedAt: hoursAgo(3),
    subject: { name: 'Mere Parata', prn: 'MP-2001', site: 'Rimutaka' },
    description: 'All incident reports that mention me from January 2026.',
  });
  await record('smith', {
    kind: 'correction',
    channel: 'oral',
    receivedAt: hoursAgo(30),
    subject: { name: 'John Smith', prn: 'JS-3002' },
    description: 'My date of birth is wrong on my file: it should be 4 May 1981.',
  });
  await record('awa', {
    kind: 'access',
    channel: 'email',
    receivedAt: hoursAgo(1),
    subject: { name: 'Hine Awatere' },
    requester: {
      name: 'Lee Lawyer',
      relationship: 'agent',
      authorityMethod: 'document',
      authorityConfirmed: true,
    },
    description: 'Copies of my client’s health assessments.',
    urgent: true,
    urgencyReason: 'Court hearing next week',
  });
});

afterAll(async () => {
  console.log(`Staff pages (queues) checked with axe:\n${axeReport()}`);
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

describe('staff workbench: sign-in, queues, triage, shortcuts', BROWSER_TESTS, () => {
  it('signs in by keyboard (with the error summary for a wrong password) and lands on the triage queue with its 24-hour countdown', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await page.goto('/work?queue=triage');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await audit(page, 'Sign in');

    await tabTo(page, '#email');
    await page.keyboard.type(intake.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the passphrase at all, sorry');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Email or password is not right',
    );
    await audit(page, 'Sign in, wrong password');

    await page.locator('#password').fill(intake.password);
    await page.locator('#password').press('Enter');
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    // Back where they asked to go, with the queue in the address.
    expect(new URL(page.url()).search).toBe('?queue=triage');
    const table = page.getByRole('table');
    await table.waitFor();
    expect(await page.locator('caption').innerText()).toMatch(/^Triage: 3 requests shown/);
    const parataRow = page.getByRole('row', { name: /Mere Parata/ });
    expect(await parataRow.innerText()).toMatch(/Triage: (20|21) hours \d+ minutes? left/);
    expect(await parataRow.innerText()).toContain('New, to triage');
    expect(await parataRow.innerText()).toContain('On track');
    const smithRow = page.getByRole('row', { name: /John Smith/ });
    expect(await smithRow.innerText()).toMatch(/Triage: Overdue by 6 hours/);
    expect(await page.getByRole('row', { name: /Hine Awatere/ }).innerText()).toContain('Urgent');
    await audit(page, 'Workbench: triage queue');
    await finish(opened);
  });

  it('keeps search, filters and sort in the address (shareable, surviving reload) and saves views per user', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, intake, '/work?queue=triage');
    await page.locator('#q').fill('parata');
    await page.locator('#q').press('Enter');
    await page.waitForURL(/q=parata/);
    await page.getByRole('row', { name: /Mere Parata/ }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await page.reload();
    await page.getByRole('row', { name: /Mere Parata/ }).waitFor();
    expect(await page.locator('#q').inputValue()).toBe('parata');
    expect(await page.getByRole('row').count()).toBe(2);
    await audit(page, 'Workbench: search results');

    // Remove the search, filter by channel, sort by person (descending on a second press).
    await page.getByRole('button', { name: /Remove this filter Search: parata/ }).click();
    await page.waitForURL((url) => !url.search.includes('q='));
    await page.getByText('Filter requests').click();
    await page.locator('#filter-channel').selectOption('oral');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/channel=oral/);
    await page.getByRole('row', { name: /John Smith/ }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: /Remove this filter Channel: Spoken to staff/ }).click();
    await page.waitForURL((url) => !url.search.includes('channel='));
    await page.getByRole('button', { name: /^Person/ }).click();
    await page.waitForURL(/sort=person/);
    await page.getByRole('button', { name: /^Person/ }).click();
    await page.waitForURL(/dir=desc/);
    await page.reload();
    await page.getByRole('table').waitFor();
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Person');
    const names = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.map((name) => name.split('\n')[0])).toEqual(['Mere Parata', 'John Smith', 'Hine Awatere']);
    await audit(page, 'Workbench: sorted by person');

    await page.getByText('Save this view').click();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await audit(page, 'Workbench: save view, no name');
    await page.locator('#view-name').fill('Triage by name');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('link', { name: 'Triage by name' }).waitFor();
    const stored = await page.evaluate((key) => window.localStorage.getItem(key), `tiaki:views:${intake.id}`);
    expect(JSON.parse(stored ?? '[]')).toEqual([
      { name: 'Triage by name', query: 'queue=triage&sort=person&dir=desc' },
    ]);
    await page.getByRole('link', { name: 'My work' }).click();
    await page.waitForURL(/queue=mine/);
    await page.getByRole('link', { name: 'Triage by name' }).click();
    await page.waitForURL(/queue=triage&sort=person&dir=desc/);
    await finish(opened);
  });

  it('opens a request, explains its due date, and triages it with the error-summary pattern', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, intake, '/work?queue=triage');
    await page
      .getByRole('row', { name: /Mere Parata/ })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { level: 1, name: /Mere Parata/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/work/requests/${ids.parata}`);
    const header = await page.locator('.app-identity').innerText();
    expect(header).toMatch(/TK-\d{4}-\d{6}/);
    expect(header).toContain('New, to triage');
    expect(header).toMatch(/working days left/);
    expect(header).toContain('Not assigned');
    await audit(page, 'Request page');
    await page.getByText('How this date was worked out').click();
    expect(await page.locator('details').innerText()).toMatch(
      /due on the 20th working day after the day it was received \(.*s 44\)/,
    );
    await audit(page, 'Request page, due date explained');

    await tabTo(page, 'a', 'Triage this request');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Which track does this request go on?' }).waitFor();
    await audit(page, 'Action: triage');
    await page.getByRole('button', { name: 'Save triage' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await audit(page, 'Action: triage, nothing chosen');
    await page.locator('.govuk-error-summary a').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('track');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save triage' }).click();
    await page.getByText('Request triaged').waitFor();
    expect(await page.locator('.app-identity').innerText()).toContain('Privacy: access');
    expect(await page.locator('.moj-timeline').innerText()).toMatch(/Triage/);
    await audit(page, 'Request page, after triage');
    await finish(opened);
  });

  it('has keyboard shortcuts that never fire while typing and can be turned off', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, intake, '/work?queue=all');
    await page.getByRole('table').waitFor();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('n');
    expect(new URL(page.url()).pathname).toBe('/work');
    await page.locator('#q').blur();
    await page.keyboard.press('n');
    await page.waitForURL(/\/work\/record$/);
    await page.keyboard.press('g');
    await page.keyboard.press('t');
    await page.waitForURL(/queue=triage/);
    await page.keyboard.press('?');
    await page.waitForURL(/\/work\/settings/);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await audit(page, 'Settings');
    await page.getByLabel('Off').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Keyboard shortcuts are off.').waitFor();
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await page.waitForTimeout(200);
    expect(new URL(page.url()).pathname).toBe('/work/settings');
    // Kept for this user across reloads.
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.getByLabel('Off').isChecked()).toBe(true);
    await finish(opened);
  });
});
