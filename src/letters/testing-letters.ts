/** Test helpers for letters: what a PDF says (read by MuPDF) and which fonts it embeds. Only tests import this. */
import * as mupdf from 'mupdf';

/** Every page's text, whitespace folded to single spaces, and the page count. */
export function pdfText(bytes: Uint8Array): { pages: number; text: string } {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    const parts: string[] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      parts.push(page.toStructuredText('preserve-whitespace').asText());
      page.destroy();
    }
    return { pages: parts.length, text: parts.join('\n').replace(/\s+/g, ' ') };
  } finally {
    doc.destroy();
  }
}

/** The names of the TrueType fonts whose program is embedded (a FontDescriptor with /FontFile2). */
export function embeddedFonts(bytes: Uint8Array): string[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  try {
    const pdf = doc.asPDF();
    if (!pdf) return [];
    const names: string[] = [];
    for (let i = 1; i < pdf.countObjects(); i++) {
      const obj = pdf.newIndirect(i).resolve();
      if (!obj.isDictionary()) continue;
      const type = obj.get('Type');
      if (type.isName() && type.asName() === 'FontDescriptor' && !obj.get('FontFile2').isNull()) {
        names.push(obj.get('FontName').asName());
      }
    }
    return names;
  } finally {
    doc.destroy();
  }
}
