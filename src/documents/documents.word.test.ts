import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { record } from '../requests/testing-requests.ts';
import { makeTextPdf } from './testing-documents.ts';
import {
  docxOf,
  getBytes,
  send,
  startDocumentsApp,
  uploadOk,
  type DocumentsFixture,
} from './intake/testing-uploads.ts';

/**
 * A stand-in for LibreOffice: called as `soffice … --convert-to pdf --outdir DIR FILE`, it checks FILE
 * exists and writes DIR/<FILE's name>.pdf (a prepared PDF), as soffice does.
 */
function fakeSoffice(dir: string, pdfPath: string): string {
  const script = path.join(dir, 'soffice');
  writeFileSync(
    script,
    `#!/bin/sh
outdir=""; input=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) outdir="$2"; shift 2 ;;
    --convert-to) [ "$2" = "pdf" ] || exit 2; shift 2 ;;
    -*) shift ;;
    *) input="$1"; shift ;;
  esac
done
[ -f "$input" ] || exit 3
mkdir -p "$outdir"
name=$(basename "$input")
cp "${pdfPath}" "$outdir/\${name%.*}.pdf"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

describe.each(testDatabaseKinds())('Word files through LibreOffice on %s', (kind) => {
  let f: DocumentsFixture;
  let requestId: string;
  let converted: Uint8Array;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tiaki-soffice-'));
    converted = await makeTextPdf([['File note', 'Case manager Mere Tawhiri met the prisoner.']]);
    writeFileSync(path.join(dir, 'converted.pdf'), converted);
    f = await startDocumentsApp(kind, ['officer'], {
      SOFFICE_PATH: fakeSoffice(dir, path.join(dir, 'converted.pdf')),
    });
    requestId = (await record(f.t, f.sessions.officer)).id;
  });
  afterAll(async () => {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts a .docx (told apart from other ZIPs by word/document.xml) and keeps the original', async () => {
    const docx = docxOf('File note');
    const created = await uploadOk(f.t, f.sessions.officer, requestId, docx, 'File note.docx');
    expect(created).toMatchObject({ sourceType: 'docx', pageCount: 1, title: 'File note' });
    const detail = await send(f.t.baseUrl, 'GET', `/api/documents/${created.id}`, {
      session: f.sessions.officer,
    });
    expect(detail.json.pages[0].text).toContain('Case manager Mere Tawhiri met the prisoner.');

    const original = await getBytes(f.t, f.sessions.officer, `/api/documents/${created.id}/original`);
    expect(original.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(original.bytes).equals(Buffer.from(docx))).toBe(true);
    const pdf = await getBytes(f.t, f.sessions.officer, `/api/documents/${created.id}/pdf`);
    expect(pdf.headers.get('content-disposition')).toContain('filename="File note.pdf"');
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(converted))).toBe(true);
  });

  it('recognises .doc (OLE with a WordDocument stream) and .rtf by content and converts them too', async () => {
    const ole = new Uint8Array(
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(504),
        Buffer.from('WordDocument', 'utf16le'),
        Buffer.alloc(64),
      ]),
    );
    expect((await uploadOk(f.t, f.sessions.officer, requestId, ole, 'old.bin')).sourceType).toBe('doc');
    const rtf = new TextEncoder().encode('{\\rtf1\\ansi Kia ora}');
    expect((await uploadOk(f.t, f.sessions.officer, requestId, rtf, 'note.txt')).sourceType).toBe('rtf');
  });
});
