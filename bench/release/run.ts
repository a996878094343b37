/**
 * Release benchmark: the time to build a 200-page release package, and redaction throughput inside it.
 * Ten generated incident-report bundles of 20 pages each (bench/redaction/generate.ts: four withheld
 * strings recurring in any case, with macrons, apostrophes and line wraps, the name in the metadata
 * too); nine are released in part (every withheld string redacted), one is withheld in full (20 pages
 * blanked and labelled). In the same process it times
 *   - the baseline: the same 200 pages assembled into a package (schedule, merge, page numbers,
 *     rewrite) without redaction or verification: what copying the documents out costs;
 *   - the package build (release.build.ts): redaction of each document (including redactPdf's own
 *     verification of each copy), assembly, and the verification of the whole package against every
 *     withheld string (two text engines, object and byte scan);
 *   - the same build through the use case (buildRelease on an in-memory PGlite database: readiness,
 *     reading the blobs, the re-check, storing the package, the releases row and the audit row).
 * Best of RUNS runs for the first two; the use case runs once.
 *
 *   node --import tsx bench/release/run.ts [runs]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../src/auth/actor.ts';
import { users } from '../../src/auth/auth.schema.ts';
import { openDatabase } from '../../src/db/client.ts';
import { inTransaction } from '../../src/db/tx.ts';
import { decisions } from '../../src/decisions/decisions.schema.ts';
import { documents, redactionMarks } from '../../src/documents/documents.schema.ts';
import { insertTestDocument } from '../../src/documents/testing-documents.ts';
import { assemblePackage } from '../../src/release/package.pdf.ts';
import { buildReleasePackage, type DocumentToRelease } from '../../src/release/release.build.ts';
import { planDocument } from '../../src/release/release.rules.ts';
import { buildRelease } from '../../src/release/release.service.ts';
import { applyRequestEvent, createRequest, moveRequest } from '../../src/requests/requests.service.ts';
import { loadConfig } from '../../src/server/config.ts';
import { generateBundle, WITHHELD } from '../redaction/generate.ts';

const RUNS = Number(process.argv[2] ?? 2);
const BUNDLES = 10;
const PAGES_EACH = 20;
const PAGES = BUNDLES * PAGES_EACH;
const GROUND = 's53(b)';
const WITHHELD_GROUND = 's49(1)(d)';

async function best<T>(runs: number, work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  let seconds = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const value = await work();
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    // Keep the fastest run's result, so its own step timings add up to the time reported.
    if (elapsed < seconds) {
      seconds = elapsed;
      result = value;
    }
  }
  return { seconds, result: result as T };
}

const bundles = Array.from({ length: BUNDLES }, (_, i) => ({
  title: `Incident reports, bundle ${i + 1}`,
  pdf: generateBundle(PAGES_EACH, 20_260_301 + i),
  withheldInFull: i === BUNDLES - 1,
}));

const documentsToRelease: DocumentToRelease[] = bundles.map((b, i) => {
  const find = b.withheldInFull ? [] : WITHHELD.map((text) => ({ text, ground: GROUND }));
  return {
    documentId: `bundle-${i + 1}`,
    title: b.title,
    pageCount: PAGES_EACH,
    pdf: b.pdf,
    plan: planDocument({
      disposition: b.withheldInFull ? 'withhold-in-full' : 'partial',
      withholdGround: b.withheldInFull ? WITHHELD_GROUND : null,
      acceptedGrounds: find.map((m) => m.ground),
    }),
    find,
    areas: [],
    ocrPages: [],
  };
});
const facts = {
  reference: 'TK-2026-000200',
  date: '2026-11-23',
  decision: 'access granted in part',
  defaultGround: GROUND,
  statements: [],
};

// Warm up MuPDF, the fonts and the code paths on one small document.
await buildReleasePackage({
  ...facts,
  documents: [{ ...documentsToRelease[0]!, pdf: generateBundle(2, 7), pageCount: 2 }],
});

const baseline = await best(RUNS, () =>
  assemblePackage({
    ...facts,
    documents: documentsToRelease.map((d) => ({
      documentId: d.documentId,
      title: d.title,
      pages: d.pageCount,
      outcome: d.plan.outcome,
      grounds: d.plan.grounds,
      pdf: d.pdf,
    })),
  }),
);
const build = await best(RUNS, () => buildReleasePackage({ ...facts, documents: documentsToRelease }));
if (build.result.pageCount !== baseline.result.pageCount)
  throw new Error(`page counts differ: ${build.result.pageCount} vs ${baseline.result.pageCount}`);

const service = await throughTheUseCase();

const t = build.result.timings;
const secs = (ms: number) => ms / 1000;
const redactionPagesPerSecond = PAGES / secs(t.redaction);
const row = (name: string, s: number, note: string) =>
  `| ${name} | ${s.toFixed(2)} s | ${(PAGES / s).toFixed(1)} | ${(s / baseline.seconds).toFixed(1)}× | ${note} |`;

const report = `# Release package benchmark

Ten generated incident-report bundles (\`bench/redaction/generate.ts\`) of ${PAGES_EACH} pages each, ${PAGES} pages in all
(${(bundles.reduce((n, b) => n + b.pdf.length, 0) / 1024).toFixed(0)} KiB): nine released in part with the four withheld strings
(${WITHHELD.map((w) => `\`${w}\``).join(', ')}) redacted wherever they occur, one withheld in full
(${PAGES_EACH} pages blanked and labelled ${WITHHELD_GROUND}). The package is ${build.result.pageCount} pages:
${build.result.schedulePages} schedule page(s) and the ${PAGES} document pages.
Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString().slice(0, 10)}.
Load average at the end of the run: ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(', ')} (a shared machine: absolute times vary, ratios less).
Best of ${RUNS} runs (the use case once), wall clock, all in one process; ratios against the baseline of the same run.

| step | time | pages/s | vs baseline | what it does |
|---|---|---|---|---|
${row('baseline: the same pages copied into a package, no redaction', baseline.seconds, 'schedule, merge (MuPDF graft), page numbers, rewrite')}
${row('build the 200-page package (release.build.ts)', build.seconds, 'redact + assemble + verify the whole package')}
${row('  of which: redaction of the 10 documents', secs(t.redaction), `${redactionPagesPerSecond.toFixed(1)} pages/s, each copy verified by redactPdf itself`)}
${row('  of which: assembly', secs(t.assembly), 'schedule, merge, page numbers, rewrite')}
${row('  of which: verification of the whole package', secs(t.verification), `${build.result.withheld.length} withheld strings, two engines + object and byte scan`)}
${row('build through the use case (buildRelease, PGlite)', service.seconds, 'readiness, blobs, the above, re-check, store, releases + audit rows')}

Redaction throughput: **${redactionPagesPerSecond.toFixed(1)} pages/s** (search, MuPDF redaction, cleaning, labels, rewrite and the
per-document verification). A 200-page package takes **${build.seconds.toFixed(1)} s** to build and verify
(${(build.seconds / baseline.seconds).toFixed(0)}× copying the same pages without redaction), ${service.seconds.toFixed(1)} s through the use case.
The package verified clean and kept every page. Pages carry no images, so OCR was never needed; a scanned
page costs about 1–2 s more (see bench/results/redaction.md).
`;

process.stdout.write(report);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../results/release.md', import.meta.url), report);

/** The same package through buildRelease on a fresh in-memory database, with its own blob store. */
async function throughTheUseCase(): Promise<{ seconds: number }> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tiaki-bench-release-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    TIAKI_STORAGE_DIR: path.join(scratch, 'files'),
  });
  const handle = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    await handle.migrate();
    const db = handle.db;
    // Accounts straight into the table: password hashing is not what is measured.
    const [officerRow, deciderRow] = await db
      .insert(users)
      .values([
        {
          email: 'officer@bench.invalid',
          name: 'Bench Officer',
          role: 'officer',
          passwordHash: 'x',
          team: 'north',
        },
        { email: 'decider@bench.invalid', name: 'Bench Decider', role: 'decision-maker', passwordHash: 'x' },
      ])
      .returning();
    if (!officerRow || !deciderRow) throw new Error('users not inserted');
    const actorOf = (u: typeof officerRow): Actor => ({
      id: u.id,
      name: u.name,
      role: u.role,
      team: u.team,
      site: u.site,
      address: 'bench',
    });
    const officer = actorOf(officerRow);
    const decider = actorOf(deciderRow);
    const created = await createRequest(
      db,
      { kind: 'staff', actor: officer },
      {
        kind: 'access',
        channel: 'paper',
        receivedAt: new Date(Date.now() - 3_600_000),
        subject: { name: 'Aroha Pōtae', contact: 'aroha@example.nz' },
        description: 'All my incident reports',
      },
    );
    await applyRequestEvent(db, officer, created.id, { type: 'triage', track: 'privacy-access' });
    // Decided by the lifecycle alone (the decision record is inserted below); the events endpoint refuses these.
    await inTransaction(db, async (tx) => {
      await moveRequest(tx, officer, created.id, { type: 'submit-for-decision' });
      await moveRequest(tx, decider, created.id, {
        type: 'decide',
        outcome: 'granted-in-part',
        reason: 'Other people’s information withheld',
      });
    });
    await db.insert(decisions).values({
      requestId: created.id,
      outcome: 'granted-in-part',
      grounds: [GROUND, WITHHELD_GROUND],
      reasons: 'Other people’s information withheld',
      status: 'approved',
      approvedAt: new Date(),
    });
    for (const [i, b] of bundles.entries()) {
      const doc = await insertTestDocument(db, config, created.id, b.pdf, {
        title: b.title,
        gatheredAt: new Date(Date.now() - (BUNDLES - i) * 1000),
      });
      await db
        .update(documents)
        .set({
          disposition: b.withheldInFull ? 'withhold-in-full' : 'partial',
          withholdGround: b.withheldInFull ? WITHHELD_GROUND : null,
        })
        .where(eq(documents.id, doc.id));
      if (!b.withheldInFull)
        await db.insert(redactionMarks).values(
          WITHHELD.map((text) => ({
            documentId: doc.id,
            page: 1,
            kind: 'text',
            text,
            source: 'officer',
            status: 'accepted',
            ground: GROUND,
          })),
        );
    }
    const start = process.hrtime.bigint();
    const release = await buildRelease(db, config, officer, created.id);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (release.pageCount !== build.result.pageCount)
      throw new Error('the use case built a different package');
    return { seconds };
  } finally {
    await handle.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
