import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UploadRefusal } from './refusal.ts';
import type { WordType } from './sniff.ts';

/** How long LibreOffice may take over one file before it is killed. */
export const CONVERSION_TIMEOUT_MS = 120_000;

const NAMES: Record<WordType, string> = {
  docx: 'Word (.docx)',
  doc: 'Word 97–2003 (.doc)',
  odt: 'OpenDocument text (.odt)',
  rtf: 'Rich Text (.rtf)',
};

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * LibreOffice's `soffice`: the configured path when it is executable, else the first `soffice` on PATH;
 * undefined when there is none.
 *
 * @example await findSoffice(undefined) // '/usr/bin/soffice' or undefined
 */
export async function findSoffice(configured: string | undefined): Promise<string | undefined> {
  if (configured) return (await executable(configured)) ? configured : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'soffice');
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

/** The refusal for a Word file when no LibreOffice is installed, saying how to convert it by hand. */
export function conversionUnavailable(type: WordType): UploadRefusal {
  return new UploadRefusal(
    'needs-conversion',
    `This is a ${NAMES[type]} file and this server cannot convert it to PDF (LibreOffice is not installed). ` +
      'Save it as PDF from Word (File > Save As > PDF) or LibreOffice (File > Export as PDF) and upload the PDF',
  );
}

/** Runs a program to its end; `killed` when it overran the timeout. */
function run(file: string, args: string[], timeout: number): Promise<{ ok: boolean; killed: boolean }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error) =>
      resolve({ ok: !error, killed: error?.killed ?? false }),
    );
  });
}

/**
 * Converts a Word processor file to PDF with LibreOffice in a private temporary folder (its own profile
 * too, so conversions running side by side do not share one), killed after `timeout` ms. The folder is
 * removed afterwards whatever happens.
 *
 * @example await convertWithSoffice(docxBytes, 'docx', '/usr/bin/soffice') // PDF bytes
 */
export async function convertWithSoffice(
  bytes: Uint8Array,
  type: WordType,
  soffice: string,
  timeout = CONVERSION_TIMEOUT_MS,
): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tiaki-convert-'));
  try {
    const input = path.join(dir, `document.${type}`);
    const outdir = path.join(dir, 'out');
    await writeFile(input, bytes);
    const result = await run(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outdir,
        input,
      ],
      timeout,
    );
    if (!result.ok)
      throw new UploadRefusal(
        'malformed',
        result.killed
          ? `Converting the ${NAMES[type]} file to PDF took longer than ${timeout / 1000} seconds; save it as PDF and upload the PDF`
          : `LibreOffice could not convert the ${NAMES[type]} file to PDF; it may be damaged. Save it as PDF and upload the PDF`,
      );
    try {
      return new Uint8Array(await readFile(path.join(outdir, 'document.pdf')));
    } catch {
      throw new UploadRefusal(
        'malformed',
        `LibreOffice made no PDF from the ${NAMES[type]} file; it may be damaged. Save it as PDF and upload the PDF`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
