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
import { evaluateAccesses } from '../src/audit/evaluation.service.ts';
import { auditActions } from '../src/audit/audit-actions.ts';
import {
  auditActionLabels,
  formatIsoWeek,
  isoWeekOf,
  lastWeek,
  mondayOf,
  parseIsoWeek,
  shiftWeek,
} from '../web/src/staff/audit-format.ts';
import { reasonProblem } from '../web/src/staff/AccessGate.tsx';

// The access audit in the web app (issue 5): the interruption card when no work relationship explains opening
// a person's record, "who looked at my record" on an access request, the weekly report for a manager and an
// auditor (who records outcomes), and the usage figure as a chart with the same figures in a table.

let server: E2eServer;
let browser: Browser;
let manager: StaffAccount;
let auditor: StaffAccount;
let tama: StaffAccount;
let rua: StaffAccount;
let olivia: StaffAccount;
let kahu: StaffAccount;
const ids: Record<string, string> = {};
const subjects: Record<string, string> = {};

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
/** The NZ week the seeded accesses fall in (the report's default is the week before it). */
const thisWeek = () => formatIsoWeek(shiftWeek(lastWeek(new Date()), 1));

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startE2eServer();
  browser = await launchBrowser();
  const intake = await server.staff('intake', 'Ina Intake');
  manager = await server.staff('manager', 'Mana Manager', { team: 'north', site: 'Rimutaka' });
  auditor = await server.staff('auditor', 'Aroha Auditor');
  tama = await server.staff('officer', 'Tama Rewi', { team: 'north' });
  rua = await server.staff('officer', 'Rua Kenana', { team: 'north' });
  olivia = await server.staff('officer', 'Olivia Officer', { team: 'north' });
  kahu = await server.staff('officer', 'Kahu Browne', { team: 'north' });
  const intakeSession = await server.signIn(intake);
  const record = async (key: string, body: Record<string, unknown>) => {
    const response = await server.call('POST', '/api/requests', body, intakeSession);
    expect(response.status, response.text).toBe(201);
    ids[key] = (response.json as { id: string }).id;
    const detail = await server.call('GET', `/api/requests/${ids[key]}`, undefined, intakeSession);
    subjects[key] = (detail.json as { subject: { id: string } }).subject.id;
  };
  await record('walker', {
    kind: 'correction',
    channel: 'paper',
    receivedAt: hoursAgo(2),
    subject: { name: 'Hemi Walker', prn: 'A100234', site: 'Rimutaka' },
    description: 'My address on file is wrong: it is 12 Kauri Street.',
  });
  await record('ngata', {
    kind: 'correction',
    channel: 'oral',
    receivedAt: hoursAgo(3),
    subject: { name: 'Wiremu Ngata', prn: 'B200345' },
    description: 'The incident report of 3 March names the wrong unit.',
  });
  await record('parata', {
    kind: 'access',
    channel: 'paper',
    receivedAt: hoursAgo(4),
    subject: { name: 'Mere Parata', prn: 'MP-2001' },
    description: 'All incident reports that mention me from January 2026.',
  });
  // Olivia triages the access request (which assigns it to her): she handles it, so no card, and she may see its access log.
  const oliviaSession = await server.signIn(olivia);
  const triaged = await server.call(
    'POST',
    `/api/requests/${ids.parata}/events`,
    { type: 'triage', track: 'privacy-access' },
    oliviaSession,
  );
  expect(triaged.status, triaged.text).toBe(200);
  expect((triaged.json as { officer: { id: string } | null }).officer?.id).toBe(olivia.id);
  // Rua opens Wiremu Ngata's request with no work relationship and gives no reason: flagged `unexplained`.
  const ruaSession: SignedIn = await server.signIn(rua);
  const read = await server.call('GET', `/api/requests/${ids.ngata}`, undefined, ruaSession);
  expect(read.status, read.text).toBe(200);
  // Kahu opens one request 35 times today: far above the peers' usual day (and the floor of 30), so the
  // reads beyond a usual day are flagged `volume`, the policy's "usage higher than normal".
  const kahuSession = await server.signIn(kahu);
  for (let n = 0; n < 35; n++) {
    const again = await server.call('GET', `/api/requests/${ids.walker}`, undefined, kahuSession);
    expect(again.status).toBe(200);
  }
});

afterAll(async () => {
  console.log(`Access audit pages checked with axe:\n${axeReport()}`);
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

/** Runs the evaluation job's service over the last week, as `audit.evaluate` does every 15 minutes. */
async function evaluate(): Promise<void> {
  const now = Date.now();
  await inTransaction(server.db, (tx) =>
    evaluateAccesses(tx, { from: new Date(now - 7 * 86_400_000), to: new Date(now + 60_000) }),
  );
}

describe('ISO weeks and reasons as the web app reads them', () => {
  it('has words for every action that can touch a person’s record (the “who looked at my record” list)', () => {
    const aboutStaffOrSystem =
      /^(auth|user|job)\.|^audit\.(seq-void|event-erased|relationships-loaded|profiles-loaded|report-mailed)$/;
    const missing = Object.keys(auditActions).filter(
      (action) => !aboutStaffOrSystem.test(action) && !(action in auditActionLabels),
    );
    expect(missing).toEqual([]);
  });

  it('parses, writes and shifts ISO weeks across a year end, and checks reasons of 5 to 1000 characters', () => {
    expect(parseIsoWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(parseIsoWeek('2026-W54')).toBeNull();
    expect(parseIsoWeek('2026-48')).toBeNull();
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(formatIsoWeek({ year: 2026, week: 7 })).toBe('2026-W07');
    expect(isoWeekOf(new Date(Date.UTC(2026, 10, 23)))).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(new Date(Date.UTC(2027, 0, 1)))).toEqual({ year: 2026, week: 53 });
    expect(mondayOf({ year: 2026, week: 1 }).toISOString().slice(0, 10)).toBe('2025-12-29');
    expect(formatIsoWeek(shiftWeek({ year: 2026, week: 1 }, -1))).toBe('2025-W52');
    // NZ Monday 1 a.m. is still Sunday in UTC: "last week" follows the NZ date.
    expect(formatIsoWeek(lastWeek(new Date('2026-11-22T12:30:00Z')))).toBe('2026-W47');
    expect(formatIsoWeek(lastWeek(new Date('2026-11-22T10:30:00Z')))).toBe('2026-W46');
    expect(reasonProblem('  no ')).toMatch(/at least 5 characters/);
    expect(reasonProblem('')).toMatch(/Say why/);
    expect(reasonProblem('x'.repeat(1001))).toMatch(/1000 characters or fewer/);
    expect(reasonProblem('Asked by the unit manager')).toBeNull();
  });
});

describe('access audit in the web app', BROWSER_TESTS, () => {
  it('interrupts an officer opening a record with no work relationship: nothing of the record in the page until a reason is given', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, tama, `/work/requests/${ids.walker}`);
    await page.getByRole('heading', { level: 1, name: 'Why do you need this record?' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(
      'You have no recorded work reason to open this person’s record. Why do you need it?',
    );
    // The record is not hidden behind the card: it is not in the document at all.
    const html = await page.content();
    for (const secret of ['Hemi Walker', 'A100234', 'Kauri Street']) expect(html).not.toContain(secret);
    expect(await page.title()).not.toContain('Hemi Walker');
    await audit(page, 'Interruption card');

    await page.locator('#access-reason').fill('no');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('at least 5 characters');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.content()).not.toContain('Hemi Walker');
    await audit(page, 'Interruption card, reason too short');
    await page.locator('.govuk-error-summary a').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('access-reason');

    await page
      .locator('#access-reason')
      .fill('The unit manager asked me to check his address before a transfer.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: /Hemi Walker/ }).waitFor();
    expect(await page.locator('main').innerText()).toContain('12 Kauri Street');
    await audit(page, 'Request page after a reason');

    // Within 12 hours the card is not shown again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Hemi Walker/ }).waitFor();
    // No nav item for an officer, and the audit pages say "not allowed" when typed in.
    expect(await page.getByRole('link', { name: 'Access audit' }).count()).toBe(0);
    await page.goto('/work/audit');
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await audit(page, 'Access audit, not allowed (officer)');
    await page.goto('/work/audit/usage');
    await page.getByRole('heading', { name: 'You cannot see this page' }).waitFor();
    await finish(opened);
  });

  it('lets Go back leave without showing the record, and guards the receipt and action pages too', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, rua, `/work/requests/${ids.walker}`);
    await page.getByRole('heading', { level: 1, name: 'Why do you need this record?' }).waitFor();
    await page.getByRole('button', { name: 'Go back' }).click();
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/work');
    // Straight to the receipt or an action of the same request: the same card, nothing of the record.
    for (const path of ['receipt', 'triage']) {
      await page.goto(`/work/requests/${ids.walker}/${path}`);
      await page.getByRole('heading', { level: 1, name: 'Why do you need this record?' }).waitFor();
      expect(await page.content()).not.toContain('Hemi Walker');
    }
    await finish(opened);
  });

  it('shows the officer handling an access request who looked at the person’s record (roles and dates, no names)', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, olivia, `/work/requests/${ids.parata}`);
    await page.getByRole('heading', { level: 1, name: /Mere Parata/ }).waitFor();
    const section = page.getByRole('region', { name: 'Who looked at this person’s record' });
    await section.getByRole('table').waitFor();
    const text = await section.innerText();
    expect(text).toContain('may include this list in the release');
    expect(text).toContain('Privacy officer');
    expect(text).toContain('Opened a request about the person');
    expect(text).not.toContain('Olivia');
    await audit(page, 'Request page with who looked at the record');
    await finish(opened);
  });

  it('gives a manager the week’s report of their staff’s flagged accesses, in words', async () => {
    await evaluate();
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, manager, '/work');
    await page.getByRole('link', { name: 'Access audit' }).click();
    await page.getByRole('heading', { level: 1, name: /Weekly report, week/ }).waitFor();
    // Last week by default, in the address once chosen.
    expect(await page.locator('h1').innerText()).toContain(formatIsoWeek(lastWeek(new Date())));
    await audit(page, 'Weekly report, last week (manager)');

    await page.locator('#week').fill('week 48');
    await page.getByRole('button', { name: 'Show this week' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('for example 2026-W47');
    await audit(page, 'Weekly report, bad week');

    await page.locator('#week').fill(thisWeek());
    await page.getByRole('button', { name: 'Show this week' }).click();
    await page.waitForURL(new RegExp(`week=${thisWeek()}`));
    const ruaGroup = page.getByRole('region', { name: /Rua Kenana/ });
    await ruaGroup.waitFor();
    const ruaText = await ruaGroup.innerText();
    expect(ruaText).toContain('Wiremu Ngata');
    expect(ruaText).toContain('Unexplained');
    expect(ruaText).toContain('no work relationship, shared unit or stated reason explains it');
    expect(ruaText).toContain('Not reviewed yet');
    const tamaText = await page.getByRole('region', { name: /Tama Rewi/ }).innerText();
    expect(tamaText).toContain('The unit manager asked me to check his address before a transfer.');
    // Managers read; only auditors record outcomes.
    expect(await page.getByRole('button', { name: 'Record outcome' }).count()).toBe(0);
    await audit(page, 'Weekly report, this week (manager)');

    await page.getByRole('link', { name: 'Usage by team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usage by team' }).waitFor();
    await page.getByRole('table').waitFor();
    expect(await page.locator('caption').innerText()).toContain('Team north');
    await audit(page, 'Usage by team (manager)');
    await finish(opened);
  });

  it('lets an auditor record a breach with a note, and shows the usage chart with its table', async () => {
    const opened = await openPage(browser, server.baseUrl);
    const { page } = opened;
    await signIn(page, auditor, `/work/audit?week=${thisWeek()}`);
    const item = page.getByRole('article', { name: /Wiremu Ngata/ });
    await item.waitFor();
    await item.getByRole('button', { name: 'Record outcome' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Select whether the access was justified or a breach',
    );
    await audit(page, 'Weekly report, outcome not chosen (auditor)');

    await item.getByLabel('Breach').check();
    await item.getByLabel('Note (optional)').fill('No work reason; discussed with the officer.');
    await item.getByRole('button', { name: 'Record outcome' }).click();
    await item.getByText('Outcome recorded: Breach').waitFor();
    // The form is gone; focus is on the message that replaced it, not lost to the page.
    await page.waitForFunction(() => document.activeElement?.classList.contains('app-audit-item__status'));
    const text = await item.innerText();
    expect(text).toContain('Breach');
    expect(text).toContain('Note: No work reason; discussed with the officer.');
    expect(text).not.toContain('Not reviewed yet');
    expect(await item.getByRole('button', { name: 'Record outcome' }).count()).toBe(0);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await audit(page, 'Weekly report, breach recorded (auditor)');
    // Recorded on the server, not only on the page.
    await page.reload();
    await page
      .getByRole('article', { name: /Wiremu Ngata/ })
      .getByText('Breach', { exact: true })
      .waitFor();

    // One of Kahu's high-volume reads is also a breach (through the API), so the chart marks a breach.
    const auditorSession = await server.signIn(auditor);
    const report = await server.call(
      'GET',
      `/api/audit/reports/weekly?week=${thisWeek()}`,
      undefined,
      auditorSession,
    );
    const volumeItem = (
      report.json as { items: Array<{ seq: number; staff: { id: string }; flags: Array<{ code: string }> }> }
    ).items.find((entry) => entry.staff.id === kahu.id && entry.flags.some((flag) => flag.code === 'volume'));
    expect(volumeItem).toBeDefined();
    const marked = await server.call(
      'POST',
      `/api/audit/flags/${volumeItem?.seq}/outcome`,
      { outcome: 'breach', note: 'Browsing' },
      auditorSession,
    );
    expect(marked.status, marked.text).toBe(200);

    await page.goto('/work/audit/usage?team=north');
    await page.getByRole('heading', { level: 1, name: 'Usage by team' }).waitFor();
    const chart = page.getByRole('img', { name: /Team north: share of staff/ });
    await chart.waitFor();
    expect(await page.locator('svg title').first().textContent()).toContain('Team north');
    expect(await page.locator('svg desc').first().textContent()).toContain('same figures are in the table');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(12);
    const latest = await rows.last().innerText();
    expect(latest).toContain(thisWeek());
    // Kahu, 1 of the 5 staff in team north, with unjustified high usage: 20%.
    expect(latest).toMatch(/20%\s+5\s+1\s+1\s+\d+\s+1\s*breaches/);
    expect(await page.locator('svg desc').first().textContent()).toContain(
      `Breaches were recorded in ${thisWeek()} (1)`,
    );
    await audit(page, 'Usage by team, chart and table (auditor)');
    await finish(opened);
  });
});
