// Takes the README screenshots (docs/screenshots/*.png) of the workbench, a request page and the kiosk,
// against a throwaway in-memory database with a few synthetic requests:
//   node --import tsx e2e/screenshots.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureWebBuilt, projectRoot } from './support/build.ts';
import { startE2eServer } from './support/server.ts';
import { launchBrowser, openPage } from './support/browser.ts';

const out = path.join(projectRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

await ensureWebBuilt();
const server = await startE2eServer();
const browser = await launchBrowser();
try {
  const intake = await server.staff('intake', 'Ina Intake');
  const officer = await server.staff('officer', 'Olivia Officer', { team: 'north', site: 'Rimutaka' });
  const intakeSession = await server.signIn(intake);
  const officerSession = await server.signIn(officer);
  const daysAgo = (days: number, hour = 10) => {
    const date = new Date(Date.now() - days * 86_400_000);
    date.setUTCHours(hour - 12, 15, 0, 0);
    return date.toISOString();
  };
  const people: Array<[string, string, string, number, string]> = [
    ['Mere Parata', 'MP-2001', 'paper', 0, 'All incident reports that mention me from January 2026.'],
    ['John Smith', 'JS-3002', 'oral', 1, 'My date of birth is wrong on my file.'],
    ['Hine Awatere', 'HA-4410', 'email', 12, 'Copies of my health assessments since 2024.'],
    ['Rawiri Paki', 'RP-5005', 'paper', 24, 'Visit and phone records for 2025.'],
    ['Aroha Ngata', 'AN-4411', 'post', 33, 'My case management plan and the notes behind it.'],
    ['Tama Wiremu', 'TW-1188', 'paper', 6, 'CCTV footage of the incident in B block on 3 March.'],
  ];
  const ids: string[] = [];
  for (const [name, prn, channel, age, description] of people) {
    const created = await server.call(
      'POST',
      '/api/requests',
      {
        kind: 'access',
        channel,
        receivedAt: daysAgo(age),
        subject: { name, prn, site: 'Rimutaka' },
        description,
      },
      intakeSession,
    );
    if (created.status !== 201) throw new Error(`seeding ${name}: ${created.text}`);
    ids.push((created.json as { id: string }).id);
  }
  await server.call('POST', '/api/kiosk/requests', {
    name: 'Nikau Rangi',
    prn: 'NR-7001',
    kind: 'correction',
    description: 'Wrong iwi on my file',
  });
  for (const id of ids.slice(2)) {
    await server.call(
      'POST',
      `/api/requests/${id}/events`,
      { type: 'triage', track: 'privacy-access' },
      officerSession,
    );
    await server.call(
      'POST',
      `/api/requests/${id}/events`,
      { type: 'assign', officerId: officer.id },
      officerSession,
    );
  }
  const featured = ids[2] ?? '';
  const detail = await server.call('GET', `/api/requests/${featured}`, undefined, officerSession);
  const due = (detail.json as { decisionDueDate: string }).decisionDueDate;
  const later = await server.call(
    'GET',
    `/api/deadline?received=${due}&workingDays=10`,
    undefined,
    officerSession,
  );
  await server.call(
    'POST',
    `/api/requests/${featured}/events`,
    {
      type: 'extend',
      ground: 'large-quantity',
      newDueDate: (later.json as { due: string }).due,
      reason: 'About 4,000 pages of health records to review.',
    },
    officerSession,
  );

  const { page, context } = await openPage(browser, server.baseUrl);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto('/work?queue=all');
  await page.locator('#email').fill(officer.email);
  await page.locator('#password').fill(officer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: path.join(out, 'workbench.png') });
  await page.goto(`/work/requests/${featured}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByText('How this date was worked out').click();
  await page.screenshot({ path: path.join(out, 'request.png'), fullPage: true });
  await context.close();

  const kiosk = await openPage(browser, server.baseUrl);
  await kiosk.page.setViewportSize({ width: 1080, height: 960 });
  await kiosk.page.goto('/kiosk');
  await kiosk.page.getByRole('heading', { level: 1 }).waitFor();
  await kiosk.page.screenshot({ path: path.join(out, 'kiosk.png') });
  await kiosk.page.getByRole('button', { name: /Ask for my information/ }).click();
  await kiosk.page.locator('#kiosk-name').fill('Nikau Rangi');
  await kiosk.page.screenshot({ path: path.join(out, 'kiosk-question.png') });
  await kiosk.context.close();
  process.stdout.write(`Screenshots written to ${out}\n`);
} finally {
  await browser.close();
  await server.close();
}
