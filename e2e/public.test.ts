import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from './support/build.ts';
import { startE2eServer, type E2eServer } from './support/server.ts';
import { audit, axeReport, launchBrowser, openPage, tabTo, BROWSER_TESTS } from './support/browser.ts';

// The public request pages in Chromium: the start page, one question per page, an agent's written
// authority, check your answers, the confirmation, and tracking with the emailed verification code.

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  console.log(`Public pages checked with axe:\n${axeReport()}`);
  await browser?.close();
  await server?.close();
});

async function continueWithKeyboard(page: Page): Promise<void> {
  await tabTo(page, 'button[type="submit"]', 'Continue');
  await page.keyboard.press('Enter');
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('public request pages', BROWSER_TESTS, () => {
  it('takes a request for your own information by keyboard, and tracks it with the emailed code', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl);
    await page.goto('/');
    await heading(page, 'Privacy requests');
    await audit(page, 'Home');
    await tabTo(page, 'a', 'Ask for your personal information');
    await page.keyboard.press('Enter');
    await heading(page, 'Ask for your personal information');
    const start = await page.locator('main').innerText();
    for (const part of ['Who can ask', 'It is free', 'What you need', 'How long it takes', '20 working days'])
      expect(start).toContain(part);
    await audit(page, 'Request: start page');
    await tabTo(page, 'a', 'Start now');
    await page.keyboard.press('Enter');

    await heading(page, 'Who is the information about?');
    await audit(page, 'Request: about whom');
    await continueWithKeyboard(page);
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(
      true,
    );
    await audit(page, 'Request: about whom, nothing chosen');
    await tabTo(page, 'a', 'Select who the information is about');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('about-whom');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');

    await heading(page, 'About you');
    await audit(page, 'Request: about you');
    await tabTo(page, '#subject-name');
    await page.keyboard.type('Tania Kereama');
    await page.keyboard.press('Tab');
    await page.keyboard.type('30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1990');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Date of birth must be a real date',
    );
    await audit(page, 'Request: about you, impossible date');
    await page.locator('#subject-dob-day').fill('28');
    await page.locator('#subject-dob-day').press('Enter');

    await heading(page, 'What would you like to do?');
    await audit(page, 'Request: what to do');
    await tabTo(page, '#kind');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');

    await heading(page, 'What information do you want?');
    await audit(page, 'Request: what information');
    await tabTo(page, '#description');
    await page.keyboard.type('Everything about my time at the Wellington office in 2024.');
    await continueWithKeyboard(page);

    await heading(page, 'How would you like to get the information?');
    await audit(page, 'Request: form of release');
    await tabTo(page, '#form-of-release');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');

    await heading(page, 'Your contact details');
    await page.locator('#email').fill('tania@');
    await page.locator('#email').press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter an email address in the correct format',
    );
    await audit(page, 'Request: contact details, bad email');
    await page.locator('#email').fill('tania@example.nz');
    await page.locator('#email').press('Enter');

    await heading(page, 'Check your answers before sending your request');
    const answers = await page.locator('.govuk-summary-list').innerText();
    for (const expected of [
      'Me',
      'Tania Kereama',
      '28 February 1990',
      'Wellington office',
      'A copy',
      'tania@example.nz',
    ]) {
      expect(answers).toContain(expected);
    }
    await audit(page, 'Request: check your answers');
    await page.getByRole('link', { name: 'Change how to get it' }).click();
    await heading(page, 'How would you like to get the information?');
    await page.getByLabel('A summary').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Check your answers before sending your request');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('A summary');
    await tabTo(page, 'button', 'Accept and send');
    await page.keyboard.press('Enter');

    await heading(page, 'Request sent');
    const reference = (await page.locator('.govuk-panel strong').innerText()).trim();
    expect(reference).toMatch(/^TK-\d{4}-\d{6}$/);
    const confirmation = await page.locator('main').innerText();
    expect(confirmation).toMatch(/We will reply by \w+day,? \d{1,2} \w+ \d{4} at the latest/);
    expect(confirmation).toContain('There is no charge');
    await audit(page, 'Request: confirmation');

    // Tracking: a wrong code is refused; the emailed one shows status, due date and the steps.
    await page.getByRole('link', { name: 'track your request' }).click();
    await heading(page, 'Track your request');
    await audit(page, 'Track: form');
    await page.locator('#reference').fill(reference);
    await page.locator('#code').fill('WRONG-CODE');
    await page.getByRole('button', { name: 'Show my request' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await audit(page, 'Track: wrong code');
    const code = await server.lastCodeMailedTo('tania@example.nz');
    await page.locator('#code').fill(code);
    await page.locator('#code').press('Enter');
    await heading(page, `Request ${reference}`);
    const tracked = await page.locator('main').innerText();
    expect(tracked).toContain('We have your request and will look at it within one day.');
    expect(tracked).toMatch(/We will reply by\s+\w+day,? \d{1,2} \w+ \d{4}/);
    expect(tracked).toContain('What has happened');
    await audit(page, 'Track: result');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an agent upload the person’s written authority, and explains what to do without it', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl);
    await page.goto('/request/about');
    await heading(page, 'Who is the information about?');
    await page.getByLabel('Someone else').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Do you have their written permission to ask for them?');
    await audit(page, 'Request: agent permission');
    await page.getByLabel('No').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'You need their written permission');
    await audit(page, 'Request: no permission');
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await heading(page, 'Do you have their written permission to ask for them?');
    await page.getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Upload their written permission');
    await audit(page, 'Request: upload permission');
    await page
      .locator('#authority')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('must be a PDF, JPG or PNG');
    await audit(page, 'Request: upload permission, wrong type');
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    await page
      .locator('#authority')
      .setInputFiles({ name: 'authority.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('Selected: authority.pdf').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'About the person you are asking for');
    await page.locator('#subject-name').fill('Pita Hohaia');
    await page.locator('#subject-dob-day').fill('3');
    await page.locator('#subject-dob-month').fill('11');
    await page.locator('#subject-dob-year').fill('1975');
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'What would you like to do?');
    await page.getByLabel('Correct personal information').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'What is wrong, and what should it say?');
    await audit(page, 'Request: what is wrong');
    await page.locator('#description').fill('His address on file is old; it is now 12 Rata Street, Porirua.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'How would you like to get the information?');
    await page.getByLabel('A copy').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Your contact details');
    await page.locator('#requester-name').fill('Lee Advocate');
    await page.locator('#email').fill('lee@advocates.example.nz');
    await page.locator('#phone').fill('021 555 0199');
    await audit(page, 'Request: agent contact details');
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Check your answers before sending your request');
    const answers = await page.locator('.govuk-summary-list').innerText();
    for (const expected of [
      'Someone else',
      'authority.pdf',
      'Pita Hohaia',
      'Correct personal information',
      'Lee Advocate',
    ]) {
      expect(answers).toContain(expected);
    }
    await audit(page, 'Request: check your answers (agent)');
    await page.getByRole('button', { name: 'Accept and send' }).click();
    await heading(page, 'Request sent');
    const reference = (await page.locator('.govuk-panel strong').innerText()).trim();

    const intake = await server.staff('intake', 'Ira Intake');
    const session = await server.signIn(intake);
    const list = await server.call('GET', `/api/requests?q=${reference}&queue=triage`, undefined, session);
    const item = (list.json as { items: Array<{ id: string; channel: string; kind: string }> }).items[0];
    expect(item).toMatchObject({ channel: 'web', kind: 'correction' });
    const detail = await server.call('GET', `/api/requests/${item?.id}`, undefined, session);
    expect((detail.json as { requester: unknown }).requester).toMatchObject({
      name: 'Lee Advocate',
      relationship: 'agent',
      authorityMethod: 'document',
    });
    expect(problems).toEqual([]);
    await context.close();
  });
});
