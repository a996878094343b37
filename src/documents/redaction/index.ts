/**
 * True redaction: planning (pure), MuPDF redaction of every hiding place, and verification of the
 * release copy by two text engines and a scan of every decompressed object.
 *
 * @example
 * const { pdf } = await redactPdf(bytes, { find: ['Ngaire Pōtae'] }, 's53(b)');
 * await verifyReleaseCopy(pdf, ['Ngaire Pōtae']); // []
 */
export {
  redactPdf,
  RedactionLeakError,
  UnreadablePdfError,
  type AreaMark,
  type FindMark,
  type RedactedPlace,
  type RedactionMarks,
  type RedactOptions,
  type RedactResult,
} from './redact.ts';
export {
  verifyReleaseCopy,
  earlierRevisions,
  type LeakHit,
  type LeakSource,
  type VerifyOptions,
} from './verify.ts';
export {
  planRedactions,
  readingOrders,
  type Glyph,
  type PageGlyphs,
  type PlannedRedaction,
  type Quad,
  type RedactionPlan,
  type WithheldText,
} from './plan.ts';
export { foldText, foldChar, containsFolded, redactString } from './fold.ts';
export { startOcr, type OcrEngine } from './ocr.ts';
