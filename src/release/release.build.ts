/**
 * Building a release package without the database: each document is redacted (or cleaned, or
 * blanked), the package is assembled with its schedule and any statements of correction, and the
 * whole package is verified against every withheld string of the release. Any readable withheld
 * string refuses the package, with the document and page where it was found.
 */
import {
  RedactionLeakError,
  UnreadablePdfError,
  redactPdf,
  redactString,
  verifyReleaseCopy,
  containsFolded,
  type AreaMark,
  type FindMark,
  type LeakHit,
  type OcrEngine,
} from '../documents/redaction/index.ts';
import { assemblePackage, type AssembledPackage, type PackageStatement } from './package.pdf.ts';
import type { DocumentPlan } from './release.rules.ts';

/** One document to put in the package. */
export interface DocumentToRelease {
  documentId: string;
  title: string;
  pageCount: number;
  /** The working PDF. */
  pdf: Uint8Array;
  plan: DocumentPlan;
  /** Accepted text marks (each withheld wherever it occurs in the document) and area marks. */
  find: readonly FindMark[];
  areas: readonly AreaMark[];
  /** Text of the pages read by OCR when the document was added (for pixels another engine would miss). */
  ocrPages: ReadonlyArray<{ page: number; text: string }>;
}

export interface PackageRequest {
  reference: string;
  date: string;
  decision: string;
  /** The ground for a mark that has none (readiness makes sure every mark has one). */
  defaultGround: string;
  documents: readonly DocumentToRelease[];
  statements: readonly PackageStatement[];
  ocrEngine?: OcrEngine;
}

export interface BuiltPackage extends AssembledPackage {
  /** Every string withheld somewhere in the release: none is readable anywhere in the package. */
  withheld: string[];
  /** Time spent per step, in milliseconds. */
  timings: { redaction: number; assembly: number; verification: number };
}

/** The package must not be released; each reason names where and why. */
export class ReleaseRefusedError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`The release package was refused: ${reasons.join('; ')}`);
    this.name = 'ReleaseRefusedError';
  }
}

/** The label a withheld string gets where it would appear in the schedule (a document's title). */
export const WITHHELD_LABEL = '[withheld]';

/**
 * Redacts, assembles and verifies. Throws {@link ReleaseRefusedError} when a document cannot be
 * redacted or the package still shows a withheld string.
 *
 * @example const built = await buildReleasePackage({ reference, date, decision, defaultGround: 's53(b)', documents, statements: [] });
 */
export async function buildReleasePackage(request: PackageRequest): Promise<BuiltPackage> {
  const withheld = [...new Set(request.documents.flatMap((d) => d.find.map((m) => m.text)))];
  const refusals: string[] = [];
  const started = performance.now();

  const redacted: Array<{ doc: DocumentToRelease; pdf: Uint8Array }> = [];
  for (const doc of request.documents) {
    try {
      const pdf = await redactDocument(doc, request.defaultGround, request.ocrEngine);
      redacted.push({ doc, pdf });
    } catch (error) {
      refusals.push(refusalOf(doc, error));
    }
    if (doc.plan.treatment !== 'blank') {
      // A string withheld in another document, read by OCR from a scanned page of this one.
      const own = new Set(doc.find.map((m) => m.text));
      for (const page of doc.ocrPages) {
        for (const text of withheld) {
          if (!own.has(text) && containsFolded(page.text, text))
            refusals.push(
              `withheld text “${text}” is in the scanned page ${page.page} of “${doc.title}” (${outcomeWords(doc)}): mark it in that document too`,
            );
        }
      }
    }
  }
  if (refusals.length > 0) throw new ReleaseRefusedError(refusals);
  const redactedAt = performance.now();

  const assembled = await assemblePackage({
    reference: request.reference,
    date: request.date,
    decision: request.decision,
    documents: redacted.map(({ doc, pdf }) => ({
      documentId: doc.documentId,
      title: redactString(doc.title, withheld, WITHHELD_LABEL),
      pages: doc.pageCount,
      outcome: doc.plan.outcome,
      grounds: doc.plan.grounds,
      pdf,
    })),
    statements: request.statements,
  });
  const assembledAt = performance.now();

  const hits = await verifyReleaseCopy(assembled.pdf, withheld);
  if (hits.length > 0) throw new ReleaseRefusedError(leakReasons(hits, assembled, request.documents));
  return {
    ...assembled,
    withheld,
    timings: {
      redaction: redactedAt - started,
      assembly: assembledAt - redactedAt,
      verification: performance.now() - assembledAt,
    },
  };
}

/** One document's release copy: cleaned, redacted by its marks, or every page blanked and labelled. */
export async function redactDocument(
  doc: DocumentToRelease,
  defaultGround: string,
  ocrEngine?: OcrEngine,
): Promise<Uint8Array> {
  const { plan } = doc;
  let result;
  if (plan.treatment === 'clean') {
    // Released in full still loses metadata, annotations, attachments, hidden layers and old revisions.
    result = await redactPdf(doc.pdf, {}, defaultGround, { ocr: 'never' });
  } else if (plan.treatment === 'blank') {
    const ground = plan.grounds[0] ?? defaultGround;
    const pages = Array.from({ length: doc.pageCount }, (_, i) => ({ page: i + 1, ground }));
    result = await redactPdf(doc.pdf, { find: doc.find, pages }, ground, { ocr: 'never' });
  } else {
    result = await redactPdf(
      doc.pdf,
      { find: doc.find, areas: doc.areas },
      defaultGround,
      ocrEngine ? { ocr: 'auto', ocrEngine } : { ocr: 'auto' },
    );
  }
  if (result.pages !== doc.pageCount)
    throw new Error(`the release copy has ${result.pages} pages, the document ${doc.pageCount}`);
  return result.pdf;
}

function outcomeWords(doc: DocumentToRelease): string {
  return doc.plan.outcome === 'released' ? 'released in full' : 'released in part';
}

function refusalOf(doc: DocumentToRelease, error: unknown): string {
  if (error instanceof RedactionLeakError)
    return `“${doc.title}” still shows withheld text after redaction (${[...new Set(error.hits.map((h) => h.source))].join(', ')}): withhold the page or the document`;
  if (error instanceof UnreadablePdfError) return `“${doc.title}” cannot be read: ${error.message}`;
  if (error instanceof RangeError) return `“${doc.title}” has a mark that does not fit it: ${error.message}`;
  throw error;
}

/** Where each withheld string was found in the package, in the officer's terms. */
function leakReasons(
  hits: readonly LeakHit[],
  assembled: AssembledPackage,
  documents: readonly DocumentToRelease[],
): string[] {
  const reasons = new Set<string>();
  for (const hit of hits) {
    const page = hit.page;
    if (page === undefined) {
      reasons.add(`withheld text “${hit.text}” is readable in the package file (${hit.source})`);
      continue;
    }
    if (page <= assembled.schedulePages) {
      reasons.add(`withheld text “${hit.text}” is on the schedule (page ${page})`);
      continue;
    }
    const entry = assembled.schedule.find((e) => page >= e.fromPage && page <= e.toPage);
    if (entry) {
      const doc = documents.find((d) => d.documentId === entry.documentId);
      reasons.add(
        `withheld text “${hit.text}” is readable in “${doc?.title ?? entry.title}” (${doc ? outcomeWords(doc) : entry.outcome}), page ${page - entry.fromPage + 1} of the document, page ${page} of the package: mark it in that document too`,
      );
      continue;
    }
    if (assembled.statementPages && page >= assembled.statementPages.fromPage)
      reasons.add(
        `withheld text “${hit.text}” is in a statement of correction (page ${page}); the package cannot be released with it`,
      );
    else reasons.add(`withheld text “${hit.text}” is readable on page ${page} of the package`);
  }
  return [...reasons];
}
