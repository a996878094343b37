import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';

const require = createRequire(import.meta.url);

/**
 * The folder of the English LSTM model shipped in `@tesseract.js-data/eng`. We read it from disk so
 * nothing is ever fetched at run time (tesseract.js would otherwise download from a CDN).
 *
 * @example englishLangPath() // '/…/node_modules/@tesseract.js-data/eng/4.0.0_best_int'
 */
export function englishLangPath(): string {
  const root = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));
  return path.join(root, '4.0.0_best_int');
}

let worker: Promise<Worker> | undefined;

function getWorker(): Promise<Worker> {
  worker ??= createWorker('eng', OEM.LSTM_ONLY, {
    langPath: englishLangPath(),
    gzip: true,
    // 'none' neither reads nor writes a cache, so no stray eng.traineddata appears in the working folder.
    cacheMethod: 'none',
  }).catch((error: unknown) => {
    worker = undefined;
    throw error;
  });
  return worker;
}

/**
 * Recognises the English text of one image (PNG, JPEG) with the process's single tesseract worker.
 *
 * @example await ocrImage(pngBytes) // 'Incident report\nPrisoner …'
 */
export async function ocrImage(image: Uint8Array): Promise<string> {
  const w = await getWorker();
  const result = await w.recognize(Buffer.from(image));
  return result.data.text;
}

/**
 * Ends the OCR worker thread, if one was started, so the process can exit. A later OCR call starts a
 * new one.
 *
 * @example await terminateOcr()
 */
export async function terminateOcr(): Promise<void> {
  const pending = worker;
  worker = undefined;
  if (!pending) return;
  try {
    await (await pending).terminate();
  } catch {
    // A worker that failed to start has nothing to end.
  }
}
