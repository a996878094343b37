export {
  extractPages,
  ExtractError,
  type Extracted,
  type ExtractedPage,
  type ExtractOptions,
} from './extract.ts';
export { sniffType, decodeText, type FileType } from './file-type.ts';
export { ocrImage, terminateOcr, englishLangPath } from './ocr.ts';
