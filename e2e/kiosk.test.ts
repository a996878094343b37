import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from './support/build.ts';
import { startE2eServer, type E2eServer } from './support/server.ts';
import { audit, axeReport, launchBrowser, openPage, tabTo, BROWSER_TESTS } from './support/browser.ts';

// The kiosk, driven by keyboard in Chromium: a person asks for their information, the screen is left
// alone, asks "Are you still there?" after 60 s and wipes everything 20 s later. Time is fast-forwarded
// with Playwright's clock, so the production timings are tested as they are (no test-only settings).

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  console.log(`Kiosk pages checked with axe:\n${axeReport()}`);
  await browser?.close();
  await server?.close();
});

/** axe + 320 px, every control at least 60 px, and the heading in English and te reo Māori. */
async function checkScreen(page: Page, label: string): Promise<void> {
  await audit(page, `Kiosk: ${label}`);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, input, textarea, a[href]')]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ text: element.innerText || element.id, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.height < 60 || rect.width < 60)
      .map(({ text, rect }) => `${text} (${Math.round(rect.width)}×${Math.round(rect.height)})`),
  );
  expect(small, `${label}: targets smaller than 60 px`).toEqual([]);
  const headingLanguages = await page.evaluate(() => {
    const heading = document.querySelector('h1, [role="alertdialog"] h2');
    return {
      en: heading?.querySelector('.kiosk-en')?.textContent ?? '',
      mi: heading?.querySelector('[lang="mi"]')?.textContent ?? '',
    };
  });
  expect(headingLanguages.en, `${label}: English heading`).not.toBe('');
  expect(headingLanguages.mi, `${label}: te reo Māori heading`).not.toBe('');
}

async function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

/** Nothing of the last person anywhere the browser keeps things. */
async function expectNoTraces(page: Page, secrets: string[], historyLength: number): Promise<void> {
  const state = await page.evaluate(async () => ({
    html: document.documentElement.outerHTML,
    values: [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map(
      (field) => field.value,
    ),
    localStorage: window.localStorage.length,
    sessionStorage: window.sessionStorage.length,
    indexedDb: (await window.indexedDB.databases()).length,
    caches: 'caches' in window ? (await window.caches.keys()).length : 0,
    path: window.location.pathname + window.location.search + window.location.hash,
    historyLength: window.history.length,
    historyState: window.history.state as unknown,
    title: document.title,
  }));
  for (const secret of secrets) expect(state.html, `"${secret}" is still in the page`).not.toContain(secret);
  expect(state.values.every((value) => value === '')).toBe(true);
  expect(state.localStorage).toBe(0);
  expect(state.sessionStorage).toBe(0);
  expect(state.indexedDb).toBe(0);
  expect(state.caches).toBe(0);
  expect(state.path).toBe('/kiosk');
  expect(state.historyLength).toBe(historyLength);
  expect(state.historyState).toBeNull();
  for (const secret of secrets) expect(state.title).not.toContain(secret);
}

describe('kiosk', BROWSER_TESTS, () => {
  it('takes a request by keyboard, shows only the reference and due date, and wipes everything after 60 + 20 s untouched', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl);
    const kioskResponses: Array<{ url: string; cacheControl: string | null }> = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/kiosk/'))
        kioskResponses.push({
          url: response.url(),
          cacheControl: response.headers()['cache-control'] ?? null,
        });
    });
    await page.clock.install();
    // Whatever address is typed, the kiosk keeps one bare /kiosk entry in the history.
    await page.goto('/kiosk?from=somewhere#x');
    await page.getByRole('heading', { level: 1, name: /Privacy requests/ }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/kiosk');
    const historyLength = await page.evaluate(() => window.history.length);
    await checkScreen(page, 'start');

    await tabTo(page, 'button', 'Ask for my information');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /What is your full name\?.*Ko wai tō ingoa katoa\?/ }).waitFor();
    await checkScreen(page, 'name');

    // Next with nothing typed: the error summary (in both languages) takes focus and links to the box.
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('.kiosk-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('kiosk-error-summary'))).toBe(
      true,
    );
    expect(await page.locator('.kiosk-error-summary').innerText()).toContain('Tuhia tō ingoa katoa');
    await checkScreen(page, 'name, with an error');
    await tabTo(page, 'a', 'Enter your full name');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('kiosk-name');
    await page.keyboard.type('Hemi Te Awa-Whāriki');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /What is your PRN\?/ }).waitFor();
    await checkScreen(page, 'PRN');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('kiosk-prn');
    await page.keyboard.type('PRN-77123');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /What information do you want\?/ }).waitFor();
    await checkScreen(page, 'what information');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('kiosk-description');
    await page.keyboard.type('My case notes from Rimutaka unit, March 2026');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /Check your answers/ }).waitFor();
    const answers = await page.locator('main').innerText();
    expect(answers).toContain('Hemi Te Awa-Whāriki');
    expect(answers).toContain('PRN-77123');
    expect(answers).toContain('My case notes from Rimutaka unit');
    await checkScreen(page, 'check your answers');
    await tabTo(page, 'button', 'Send my request');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: /Your request has been sent/ }).waitFor();
    const reference = (await page.locator('#kiosk-reference').innerText()).trim();
    expect(reference).toMatch(/^TK-\d{4}-\d{6}$/);
    const due = await page.locator('#kiosk-due').innerText();
    expect(due).toMatch(/\d{4}/);
    // The confirmation shows the reference and the due date only: nothing the person typed.
    const confirmation = await page.locator('main').innerText();
    for (const typed of ['Hemi', 'PRN-77123', 'Rimutaka']) expect(confirmation).not.toContain(typed);
    await checkScreen(page, 'confirmation');
    expect(kioskResponses.length).toBeGreaterThan(0);
    for (const response of kioskResponses) expect(response.cacheControl).toContain('no-store');

    // Left alone: at 59 s nothing happens; at 60 s it asks; the question takes focus. The 60 s run from the
    // person's last key, pressed just before the clock jumps, so the slow checks above (axe, on a loaded
    // machine) cannot eat into them.
    await page.keyboard.press('Shift');
    await page.clock.fastForward(59_000);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.clock.fastForward(2_000);
    const dialog = page.getByRole('alertdialog', { name: /Are you still there\?.*Kei konei tonu koe\?/ });
    await dialog.waitFor();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? ''),
    ).toContain('Yes, I am still here');
    await checkScreen(page, 'are you still there?');

    // 20 s more: everything is wiped and the start screen is back.
    await page.clock.fastForward(20_500);
    await page.getByRole('heading', { level: 1, name: /Privacy requests/ }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await expectNoTraces(page, ['Hemi', 'Whāriki', 'PRN-77123', 'Rimutaka', reference], historyLength);
    await checkScreen(page, 'start, after the wipe');

    // The request itself reached the register.
    const intake = await server.staff('intake', 'Kiri Intake');
    const session = await server.signIn(intake);
    const found = await server.call(
      'GET',
      `/api/requests?q=${encodeURIComponent(reference)}&queue=all`,
      undefined,
      session,
    );
    expect(found.status).toBe(200);
    expect((found.json as { items: Array<{ reference: string; channel: string }> }).items[0]).toMatchObject({
      reference,
      channel: 'kiosk',
    });

    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads each question aloud when asked, keeps the answers when the person is still there, and "Start again" wipes them', async () => {
    const { page, problems, context } = await openPage(browser, server.baseUrl);
    // Record what the page asks the speech engine to say (headless Chromium has no voices to hear).
    await page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push(`${utterance.lang}: ${utterance.text}`);
      };
    });
    await page.clock.install();
    await page.goto('/kiosk');
    const historyLength = await page.evaluate(() => window.history.length);
    const readAloud = page.getByRole('button', { name: /Read aloud/ });
    expect(await readAloud.getAttribute('aria-pressed')).toBe('false');
    await readAloud.click();
    expect(await readAloud.getAttribute('aria-pressed')).toBe('true');
    await checkScreen(page, 'start, reading aloud');
    const spokenNow = () => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.slice());
    expect(await spokenNow()).toContain('en-NZ: Privacy requests');
    await page.getByRole('button', { name: /Ask to fix my information/ }).click();
    await page.getByRole('heading', { name: /What is your full name\?/ }).waitFor();
    expect(await spokenNow()).toContain('en-NZ: What is your full name?');
    await page.locator('#kiosk-name').fill('Aroha Ngata');
    await page.clock.fastForward(61_000);
    await page.getByRole('alertdialog').waitFor();
    // Tab stays inside the question while it is shown.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? ''),
    ).toContain('Yes, I am still here');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(await page.locator('#kiosk-name').inputValue()).toBe('Aroha Ngata');
    // The timer starts again from the answer: no question 30 s later.
    await page.clock.fastForward(30_000);
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    await page.locator('#kiosk-name').press('Enter');
    await page.locator('#kiosk-prn').fill('AN-4411');
    await page.locator('#kiosk-prn').press('Enter');
    await page.getByRole('heading', { name: /What is wrong, and what should it say\?/ }).waitFor();
    await checkScreen(page, 'what is wrong (correction)');
    await page.getByRole('button', { name: /Start again/ }).click();
    await page.getByRole('heading', { level: 1, name: /Privacy requests/ }).waitFor();
    await expectNoTraces(page, ['Aroha', 'Ngata', 'AN-4411'], historyLength);
    // Read-aloud was that person's choice: the next person starts with it off.
    expect(await page.getByRole('button', { name: /Read aloud/ }).getAttribute('aria-pressed')).toBe('false');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('checks a request with its reference and PRN, refuses a wrong PRN, and wipes after "Finish"', async () => {
    const created = await server.call('POST', '/api/kiosk/requests', {
      name: 'Wiremu Rangi',
      prn: 'WR-1001',
      kind: 'access',
      description: 'My medical file',
    });
    expect(created.status).toBe(201);
    const { reference } = created.json as { reference: string };

    const { page, problems, context } = await openPage(browser, server.baseUrl);
    await page.goto('/kiosk');
    const historyLength = await page.evaluate(() => window.history.length);
    await tabTo(page, 'button', 'Check my requests');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /What is your reference number\?/ }).waitFor();
    await checkScreen(page, 'reference number');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not a reference');
    await page.keyboard.press('Enter');
    await page.locator('.kiosk-error-summary').waitFor();
    await checkScreen(page, 'reference number, badly typed');
    await page.locator('#kiosk-reference-input').fill(reference.toLowerCase());
    await page.locator('#kiosk-reference-input').press('Enter');

    await page.getByRole('heading', { name: /What is your PRN\?/ }).waitFor();
    await page.locator('#kiosk-prn').fill('XX-9999');
    await page.locator('#kiosk-prn').press('Enter');
    await page.getByText('We could not find that request').waitFor();
    await checkScreen(page, 'check: not found');
    await page.locator('#kiosk-prn').fill('WR-1001');
    await page.locator('#kiosk-prn').press('Enter');

    await page.getByRole('heading', { name: /Your request.*Tō tono/ }).waitFor();
    const result = await page.locator('main').innerText();
    expect(result).toContain(reference);
    expect(result).toContain('We have your request');
    expect(result).not.toContain('Wiremu');
    await checkScreen(page, 'check: result');
    await tabTo(page, 'button', 'Finish');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Privacy requests/ }).waitFor();
    await expectNoTraces(page, [reference, 'WR-1001', 'XX-9999'], historyLength);
    expect(problems).toEqual([]);
    await context.close();
  });
});
