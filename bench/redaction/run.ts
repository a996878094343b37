/**
 * Redaction benchmark: a generated 200-page incident-report bundle (bench/redaction/generate.ts) in
 * which four withheld strings recur. In the same process it times
 *   - the baseline: MuPDF opening the bundle and saving it with garbage collection (garbage=4,compress),
 *     the least any rewrite of the file costs;
 *   - redactPdf: search, redaction, cleaning, rewrite and the built-in verification of the copy;
 *   - verifyReleaseCopy alone on the release copy (two text engines, object scan, byte scan);
 * and reports pages per second and ratios to the baseline. Best of RUNS runs each.
 *
 *   node --import tsx bench/redaction/run.ts [pages] [runs]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as mupdf from 'mupdf';
import { redactPdf, verifyReleaseCopy } from '../../src/documents/redaction/index.ts';
import { generateBundle, WITHHELD } from './generate.ts';

const PAGES = Number(process.argv[2] ?? 200);
const RUNS = Number(process.argv[3] ?? 2);

async function best<T>(runs: number, work: () => Promise<T> | T): Promise<{ seconds: number; result: T }> {
  let seconds = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = await work();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds, result: result as T };
}

const bundle = generateBundle(PAGES);

// Warm up both paths on a small document.
const warm = generateBundle(3, 7);
await redactPdf(warm, { find: WITHHELD }, 's53(b)', { ocr: 'never' });

const baseline = await best(RUNS, () => {
  const doc = new mupdf.PDFDocument(bundle);
  const out = doc.saveToBuffer('garbage=4,compress');
  const size = out.getLength();
  out.destroy();
  doc.destroy();
  return size;
});
const extraction = await best(RUNS, () => {
  const doc = new mupdf.PDFDocument(bundle);
  let glyphs = 0;
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const stext = page.toStructuredText('preserve-whitespace');
    stext.walk({ onChar: () => void glyphs++ });
    stext.destroy();
    page.destroy();
  }
  doc.destroy();
  return glyphs;
});
const redaction = await best(RUNS, () => redactPdf(bundle, { find: WITHHELD }, 's53(b)', { ocr: 'auto' }));
const verification = await best(RUNS, () => verifyReleaseCopy(redaction.result.pdf, WITHHELD));

const release = redaction.result;
if (verification.result.length > 0)
  throw new Error(`release copy not clean: ${JSON.stringify(verification.result)}`);
if (release.pages !== PAGES) throw new Error(`page count changed: ${release.pages}`);
const onPages = release.places.filter((p) => p.where === 'text').length;
const perText = WITHHELD.map(
  (t) => `${t}: ${release.places.filter((p) => p.text === t && p.where === 'text').length}`,
).join(', ');

const rate = (s: number) => (PAGES / s).toFixed(1);
const row = (name: string, s: number, note: string) =>
  `| ${name} | ${s.toFixed(2)} s | ${rate(s)} | ${(s / baseline.seconds).toFixed(1)}× | ${note} |`;

const report = `# Redaction benchmark

Generated bundle (\`bench/redaction/generate.ts\`): ${PAGES} pages of incident reports (A4, 52 lines of
10 pt text a page), ${(bundle.length / 1024).toFixed(0)} KiB, four withheld strings
(${WITHHELD.map((w) => `\`${w}\``).join(', ')}) recurring in any letter case, with macrons,
a typographic apostrophe and line wraps; the name also sits in the Info dictionary.
Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${new Date().toISOString().slice(0, 10)}.
Load average at the end of the run: ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(', ')} (a shared machine: absolute times vary, ratios less).
Best of ${RUNS} runs, wall clock, all in one process; ratios against the baseline of the same run.

| step | time | pages/s | vs baseline | what it does |
|---|---|---|---|---|
${row('baseline: MuPDF open + save (garbage=4,compress)', baseline.seconds, 'the least any rewrite costs')}
${row('reference: MuPDF walk of every glyph of every page', extraction.seconds, `${extraction.result} glyphs; the least a glyph-exact search costs`)}
${row('redactPdf (search, redact, clean, save, verify)', redaction.seconds, `${release.redactions} places: ${onPages} occurrences on pages (${perText}) + metadata`)}
${row('verifyReleaseCopy alone', verification.seconds, 'MuPDF text (glyphs in 2 orders, ActualText) + own content-stream engine + object and byte scan')}

Redaction proper (search, MuPDF redaction, cleaning, labels, rewrite) is redactPdf minus the
verification: about ${(redaction.seconds - verification.seconds).toFixed(1)} s, ${(PAGES / (redaction.seconds - verification.seconds)).toFixed(1)} pages/s.
The release copy verified clean (no engine finds any withheld string) and kept all ${PAGES} pages.
OCR was on ('auto') but, as the pages carry no images, no page needed it; a scanned page costs about
1–2 s more each (rendering at 200 dpi and Tesseract), see \`src/documents/redaction/redact-ocr.test.ts\`.
`;

process.stdout.write(report);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../results/redaction.md', import.meta.url), report);
