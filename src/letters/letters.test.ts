import { describe, expect, it } from 'vitest';
import { letterPdf } from './letter-pdf.ts';
import { escapeValue, parseLetterLine, plainLetterText, renderLetterText } from './letter-text.ts';
import {
  correctionLetterView,
  decisionLetterView,
  extensionLetterView,
  transferLetterView,
  type LetterHead,
} from './letter-views.ts';
import { embeddedFonts, pdfText } from './testing-letters.ts';

const head: LetterHead = {
  agency: 'Privacy Office',
  reference: 'TK-2026-000042',
  date: '2026-03-02',
  requesterName: 'Hēmi Walker',
  subjectName: 'Aroha Pōtae',
  contact: '12 Kōwhai Street, Kirikiriroa',
  receivedDate: '2026-02-02',
  description: 'Every incident report about me\n# from 2025',
  signerName: 'Dana Decider',
  signerTitle: 'Decision maker',
};

describe('letter text', () => {
  it('text a person wrote never becomes markup', () => {
    expect(escapeValue('# title\n- item\nplain')).toBe('\\# title\n\\- item\nplain');
    expect(parseLetterLine('\\# title')).toEqual({ kind: 'paragraph', text: '# title' });
    expect(parseLetterLine('## Heading')).toEqual({ kind: 'heading', text: 'Heading' });
    expect(parseLetterLine('- item')).toEqual({ kind: 'item', text: 'item' });
    const marked = renderLetterText('extension', {
      ...extensionLetterView(head, {
        track: 'privacy-access',
        originalDueDate: '2026-03-02',
        newDueDate: '2026-03-16',
        workingDays: 10,
        ground: 'consultations',
        reason: '## we must ask the prison health service',
        noticeDate: '2026-02-20',
      }),
    });
    expect(
      marked
        .split('\n')
        .filter((line) => line.startsWith('## '))
        .map((l) => l.slice(3)),
    ).toEqual(['The new date', 'Why we need more time', 'Your right to complain']);
    expect(plainLetterText(marked)).toContain('## we must ask the prison health service');
  });

  it('the letter names the person the information is about when an agent asked', () => {
    const text = plainLetterText(
      renderLetterText(
        'transfer',
        transferLetterView(head, {
          track: 'privacy-access',
          agency: 'Te Whatu Ora',
          reason: 'it holds the health records',
          noticeDate: '2026-02-10',
          receivedDate: '2026-02-02',
        }),
      ),
    );
    expect(text).toContain('Kia ora Hēmi Walker,');
    expect(text).toContain('To: Hēmi Walker\n12 Kōwhai Street, Kirikiriroa');
    expect(text).toContain('s 43');
  });

  it('IPP 7: the correction letter carries the statement-of-correction right when not corrected', () => {
    const text = plainLetterText(
      renderLetterText(
        'correction',
        correctionLetterView(head, {
          outcome: 'corrected-in-part',
          information: 'Incident report of 3 January',
          correctionSought: 'Remove that I swore',
          correctionMade: 'Corrected the time to 10:15',
          reasons: 'The swearing was heard by two officers.',
          withholdReasons: false,
        }),
      ),
    );
    expect(text).toContain('What we corrected: Corrected the time to 10:15');
    expect(text).toContain('Your right to a statement of correction');
    expect(text).toContain('The swearing was heard by two officers.');
  });
});

describe('letter PDF', () => {
  it('the font is embedded, macrons survive, and a long letter runs onto further pages', async () => {
    const documents = Array.from({ length: 60 }, (_, i) => ({
      title: `Whakaaturanga ${i + 1} — Kāinga Ora file note`,
      disposition: 'partial',
      withholdGround: null,
      markGrounds: ['s53(b)'],
    }));
    const view = decisionLetterView(head, {
      track: 'privacy-access',
      outcome: 'granted-in-part',
      grounds: ['s53(b)'],
      reasons: 'The notes name other people in Aotearoa.',
      withholdReasons: false,
      formOfRelease: 'copy',
      formAsked: 'copy',
      formDiffersReason: null,
      conditions: null,
      documents,
    });
    const bytes = await letterPdf('Decision letter', renderLetterText('decision', view));
    const fonts = embeddedFonts(bytes);
    // pdf-lib names a subset font after the font with a number: DejaVuSans-1234, DejaVuSans-Bold-5678.
    expect(fonts.some((name) => /^DejaVuSans-\d+$/.test(name))).toBe(true);
    expect(fonts.some((name) => /^DejaVuSans-Bold-\d+$/.test(name))).toBe(true);
    const { pages, text } = pdfText(bytes);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('Aroha Pōtae');
    expect(text).toContain('Whakaaturanga 60 — Kāinga Ora file note');
    expect(text).toContain('Aotearoa');
    expect(text).toContain('Nāku noa, nā Dana Decider');
  });
});
