import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const axeSource = (require('axe-core') as { source: string }).source;

/**
 * Options for a describe of browser tests: each test drives a real Chromium through many screens, each
 * checked by axe, and a minute is too tight on a loaded 2-core machine (one such test has taken 59 s).
 */
export const BROWSER_TESTS = { timeout: 180_000 } as const;

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing phoning home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Script errors, failed console messages and CSP violations seen so far (asserted empty at the end). */
  problems: string[];
}

/**
 * A fresh browser context (no shared cookies or storage) and page, in NZ time, collecting CSP violations
 * and script errors: the built app must run under the server's CSP without any.
 */
export async function openPage(browser: Browser, baseUrl: string): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: 'en-NZ',
    timezoneId: 'Pacific/Auckland',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Expected API refusals (401 before sign-in, 404/409 the tests provoke) are logged by Chromium as errors.
    if (/Failed to load resource: the server responded with a status of (401|403|404|409|400|429)/.test(text))
      return;
    problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}

export interface AxeSummary {
  label: string;
  width: number;
  violations: Array<{ id: string; impact: string | null; help: string; targets: string[] }>;
}

/** Every page and state checked, for the summary printed at the end of each file. */
export const axeLog: AxeSummary[] = [];

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function runAxe(page: Page): Promise<AxeSummary['violations']> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an injected <script> would be blocked).
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (runTags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: unknown,
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: unknown[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: runTags },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, tags);
}

/**
 * Checks the page as it stands: axe (WCAG 2.2 AA tags) with zero violations, and no horizontal scrolling at
 * 320 px wide (WCAG 1.4.10 reflow; a wide data table may scroll inside its own focusable region).
 * Set E2E_AXE_NARROW=1 to run axe at 320 px too. Restores the desktop viewport afterwards.
 */
export async function audit(page: Page, label: string): Promise<void> {
  // A background tab gets no animation frames (and slow clicks): check the page in front.
  await page.bringToFront();
  const desktop = await runAxe(page);
  axeLog.push({ label, width: 1280, violations: desktop });
  expect(desktop, `${label}: axe violations`).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  try {
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const overflow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      culprits: [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((element) => !element.closest('.app-table-scroll'))
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`),
    }));
    expect(
      overflow.scrollWidth,
      `${label}: horizontal scroll at 320 px (${overflow.culprits.join(', ')})`,
    ).toBeLessThanOrEqual(overflow.clientWidth);
    if (process.env.E2E_AXE_NARROW) {
      const narrow = await runAxe(page);
      axeLog.push({ label: `${label} (320 px)`, width: 320, violations: narrow });
      expect(narrow, `${label} at 320 px: axe violations`).toEqual([]);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** A markdown table of the pages checked (printed by each file's afterAll). */
export function axeReport(): string {
  const lines = ['| page and state | width | axe violations |', '|---|---|---|'];
  for (const entry of axeLog) {
    lines.push(
      `| ${entry.label} | ${entry.width} | ${entry.violations.length === 0 ? '0' : entry.violations.map((v) => v.id).join(', ')} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Presses Tab until the focused element matches a CSS selector (and contains `text`, when given), proving
 * it is reachable by keyboard; fails after `max` presses.
 * @example await tabTo(page, 'button', 'Sign in')
 */
export async function tabTo(page: Page, selector: string, text?: string, max = 80): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const matched = await page.evaluate(
      ([wanted, words]) => {
        const active = document.activeElement as HTMLElement | null;
        if (!active || active === document.body || !active.matches(wanted ?? '*')) return false;
        return !words || active.innerText.includes(words) || (active as HTMLInputElement).value === words;
      },
      [selector, text ?? ''] as const,
    );
    if (matched) return;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(
    `Could not reach ${selector} ${text ?? ''} with Tab in ${max} presses (focus is on ${focused})`,
  );
}

/** The text of the element that has focus. */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
}
