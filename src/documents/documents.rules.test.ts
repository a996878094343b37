import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  documentTitle,
  exportFilename,
  fold,
  FOLD_FROM,
  FOLD_TO,
  searchTerms,
  snippet,
} from './documents.rules.ts';

describe('document rules', () => {
  it('folds case and macrons one character for one, as the SQL translate does', () => {
    expect(fold('Hēmi PŌTAE, Māori café')).toBe('hemi potae, maori cafe');
    expect([...FOLD_FROM]).toHaveLength([...FOLD_TO].length);
    expect(fold('Ā').length).toBe(1);
  });

  it('splits a search into distinct folded words, at most ten', () => {
    expect(searchTerms('  Hēmi  hemi Pōtae ')).toEqual(['hemi', 'potae']);
    expect(searchTerms(Array.from({ length: 12 }, (_, i) => `w${i}`).join(' '))).toHaveLength(10);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('cuts a snippet around the first hit at word boundaries', () => {
    const text = 'The prisoner Hēmi Pōtae was moved to unit B on Tuesday after the incident in the yard.';
    expect(snippet(text, ['potae'], 12)).toBe('…Hēmi Pōtae was moved…'); // not '…isoner', not 'to…'
    expect(snippet('short text', ['short'])).toBe('short text');
    expect(snippet('a\n\nb   c', ['zz'])).toBe('a b c');
  });

  it('names downloads safely, keeping macrons for clients that read filename*', () => {
    expect(attachmentDisposition('Pūrongo "1".pdf')).toBe(
      `attachment; filename="Purongo _1_.pdf"; filename*=UTF-8''P%C5%ABrongo%20%221%22.pdf`,
    );
    expect(attachmentDisposition("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
    expect(exportFilename('note.docx', 'pdf')).toBe('note.pdf');
    expect(exportFilename('note.docx', 'original')).toBe('note.docx');
    expect(exportFilename('.docx', 'pdf')).toBe('document.pdf');
  });

  it('titles a document: given, else the e-mail subject, else the file name without extension', () => {
    expect(documentTitle(' Report ', 'Subject', 'a.pdf')).toBe('Report');
    expect(documentTitle(undefined, 'Visit booking', 'm.eml')).toBe('Visit booking');
    expect(documentTitle(undefined, null, 'incident-report.pdf')).toBe('incident-report');
  });
});
