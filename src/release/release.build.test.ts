import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { verifyReleaseCopy } from '../documents/redaction/index.ts';
import { makeTextPdf } from '../documents/testing-documents.ts';
import { buildReleasePackage, ReleaseRefusedError, type DocumentToRelease } from './release.build.ts';
import { planDocument } from './release.rules.ts';

function pageTexts(pdf: Uint8Array): string[] {
  const doc = new mupdf.PDFDocument(pdf);
  try {
    return Array.from({ length: doc.countPages() }, (_, i) => {
      const page = doc.loadPage(i);
      const text = page.toStructuredText('preserve-whitespace').asText();
      page.destroy();
      return text;
    });
  } finally {
    doc.destroy();
  }
}

async function document(
  id: string,
  title: string,
  pages: string[][],
  disposition: string,
  options: { withholdGround?: string; find?: Array<{ text: string; ground: string }> } = {},
): Promise<DocumentToRelease> {
  const find = options.find ?? [];
  return {
    documentId: id,
    title,
    pageCount: pages.length,
    pdf: await makeTextPdf(pages),
    plan: planDocument({
      disposition,
      withholdGround: options.withholdGround ?? null,
      acceptedGrounds: find.map((f) => f.ground),
    }),
    find,
    areas: [],
    ocrPages: [],
  };
}

const NAME = 'Ngaire Pōtae';
const request = (
  documents: DocumentToRelease[],
  statements: Array<{ providedOn: string; information: string; statement: string }> = [],
) => ({
  reference: 'TK-2026-000042',
  date: '2026-11-23',
  decision: 'access granted in part',
  defaultGround: 's53(b)',
  documents,
  statements,
});

describe('building a release package', () => {
  it('redacts, blanks, schedules and adds the statement of correction (s 44, IPP 7)', async () => {
    const partial = await document(
      'a',
      'Incident report IR-4001',
      [
        [
          'Incident report IR-4001',
          `At 9:15 ${NAME} was seen in the yard with Hemi Walker.`,
          'Hemi Walker asked for the nurse.',
        ],
        ['Page two: the unit returned to normal routine.'],
      ],
      'partial',
      { find: [{ text: NAME, ground: 's53(b)' }] },
    );
    const full = await document(
      'b',
      'Unit log 12 March',
      [['Unit log: Hemi Walker attended muster.']],
      'release-in-full',
    );
    const withheld = await document(
      'c',
      'Intelligence note',
      [['Secret source Tama Rua says the gang will move.'], ['More about Tama Rua.'], ['Third page.']],
      'withhold-in-full',
      { withholdGround: 's49(1)(d)' },
    );
    const built = await buildReleasePackage(
      request(
        [partial, full, withheld],
        [
          {
            providedOn: '2026-10-01',
            information: 'the incident report of 12 March',
            statement: 'I was not in the yard that day.',
          },
        ],
      ),
    );
    const texts = pageTexts(built.pdf);
    expect(built.pageCount).toBe(texts.length);
    expect(built.pageCount).toBe(built.schedulePages + 2 + 1 + 3 + 1);
    expect(built.schedule.map((e) => [e.title, e.fromPage, e.toPage, e.outcome, e.grounds])).toEqual([
      [
        'Incident report IR-4001',
        built.schedulePages + 1,
        built.schedulePages + 2,
        'withheld-in-part',
        ['s53(b)'],
      ],
      ['Unit log 12 March', built.schedulePages + 3, built.schedulePages + 3, 'released', []],
      ['Intelligence note', built.schedulePages + 4, built.schedulePages + 6, 'withheld', ['s49(1)(d)']],
    ]);

    const schedule = texts.slice(0, built.schedulePages).join('\n');
    expect(schedule).toContain('TK-2026-000042');
    expect(schedule).toContain('Incident report IR-4001');
    expect(schedule).toContain('Withheld in part');
    expect(schedule).toContain('Released');
    expect(schedule).toContain('s49(1)(d)');
    expect(schedule).toContain('unwarranted disclosure of the affairs of another individual');
    expect(schedule).toContain('safe custody or the rehabilitation');
    expect(schedule).toContain('Statements of correction');

    const redactedPage = texts[built.schedulePages] ?? '';
    expect(redactedPage).toContain('Hemi Walker');
    expect(redactedPage).toContain('was seen in the yard');
    expect(redactedPage).toContain('s53(b)');
    expect(texts.join('\n')).not.toMatch(/Ngaire|P[oō]tae/i);
    expect(Buffer.from(built.pdf).toString('latin1')).not.toMatch(/Ngaire/i);
    expect(await verifyReleaseCopy(built.pdf, [NAME, 'Tama Rua'])).toEqual([]);

    for (const page of texts.slice(built.schedulePages + 3, built.schedulePages + 6)) {
      expect(page).not.toContain('Tama Rua');
      expect(page).toContain('s49(1)(d)');
    }
    expect(texts[built.schedulePages + 2]).toContain('Unit log: Hemi Walker attended muster.');
    const statement = (texts[texts.length - 1] ?? '').replace(/\s+/g, ' ');
    expect(statement).toContain(
      'Statement of correction provided by the person on 1 October 2026 about the incident report of 12 March:',
    );
    expect(statement).toContain('I was not in the yard that day.');
  });

  it('cleans a document released in full: no metadata or annotations survive', async () => {
    const source = await makeTextPdf([['A plain page.']]);
    const doc = new mupdf.PDFDocument(source);
    doc.getTrailer().put('Info', { Author: doc.newString('Secret Author Person') });
    const page = doc.loadPage(0);
    const note = page.createAnnotation('Text');
    note.setContents('Private sticky note');
    note.update();
    page.destroy();
    const dirty = doc.saveToBuffer('').asUint8Array().slice();
    doc.destroy();
    const full: DocumentToRelease = {
      ...(await document('a', 'Letter', [['x']], 'release-in-full')),
      pdf: dirty,
    };
    const built = await buildReleasePackage(request([full]));
    expect(await verifyReleaseCopy(built.pdf, ['Secret Author Person', 'Private sticky note'])).toEqual([]);
    expect(pageTexts(built.pdf)[built.schedulePages]).toContain('A plain page.');
  });

  it('refuses when a string withheld in one document is readable in another', async () => {
    const partial = await document('a', 'Incident report', [[`${NAME} was seen.`]], 'partial', {
      find: [{ text: NAME, ground: 's53(b)' }],
    });
    const full = await document(
      'b',
      'Unit log',
      [['Nothing here.'], [`Visit by NGAIRE PŌTAE at noon.`]],
      'release-in-full',
    );
    const error = await buildReleasePackage(request([partial, full])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseRefusedError);
    const reasons = (error as ReleaseRefusedError).reasons.join('\n');
    expect(reasons).toContain('“Unit log” (released in full), page 2 of the document');
    expect(reasons).toContain(NAME);
  });

  it('refuses a withheld string in a statement of correction, and names where', async () => {
    const partial = await document('a', 'Incident report', [[`${NAME} was seen.`]], 'partial', {
      find: [{ text: NAME, ground: 's53(b)' }],
    });
    const error = await buildReleasePackage(
      request(
        [partial],
        [{ providedOn: '2026-10-01', information: 'the report', statement: `${NAME} was not there.` }],
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseRefusedError);
    expect((error as ReleaseRefusedError).message).toContain('is in a statement of correction');
  });

  it('refuses a string withheld elsewhere found in a scanned page’s OCR text', async () => {
    const partial = await document('a', 'Incident report', [[`${NAME} was seen.`]], 'partial', {
      find: [{ text: NAME, ground: 's53(b)' }],
    });
    const scanned = {
      ...(await document('b', 'Scanned form', [['(image)']], 'release-in-full')),
      ocrPages: [{ page: 1, text: `signed ${NAME}` }],
    };
    await expect(buildReleasePackage(request([partial, scanned]))).rejects.toThrow(
      'is in the scanned page 1 of “Scanned form” (released in full)',
    );
  });

  it('shows a title that holds a withheld string as [withheld] on the schedule', async () => {
    const partial = await document('a', `Statement of ${NAME}`, [[`${NAME} was seen.`]], 'partial', {
      find: [{ text: NAME, ground: 's53(b)' }],
    });
    const built = await buildReleasePackage(request([partial]));
    expect(built.schedule[0]?.title).toBe('Statement of [withheld]');
    expect(pageTexts(built.pdf)[0]).toContain('Statement of [withheld]');
  });

  it('carries many documents over several schedule pages with the right page numbers', async () => {
    const docs = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        document(
          `d${i}`,
          `File note number ${i + 1} about the visits hall roster`,
          [['note']],
          'release-in-full',
        ),
      ),
    );
    const built = await buildReleasePackage(request(docs));
    expect(built.schedulePages).toBeGreaterThan(1);
    const texts = pageTexts(built.pdf);
    expect(texts.length).toBe(built.schedulePages + 45);
    expect(built.schedule[44]?.fromPage).toBe(built.schedulePages + 45);
    expect(texts.slice(0, built.schedulePages).join('\n')).toContain('File note number 45');
  });
});
