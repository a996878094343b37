export { prepareUpload, type IntakeOptions, type PreparedDocument } from './intake.ts';
export { intakeLimits, megabytes, type IntakeLimits } from './limits.ts';
export { UploadRefusal, type RefusalKind } from './refusal.ts';
export { SOURCE_TYPES, WORD_TYPES, sniffUpload, type SourceType } from './sniff.ts';
export { textToPdf, type TextDocument } from './text-pdf.ts';
export type { PageText } from './pages.ts';
