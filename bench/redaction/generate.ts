/**
 * A synthetic incident-report bundle for the redaction benchmark: N pages of realistic text (a
 * corrections unit's incident reports, file notes and statements) in which a handful of people's
 * names and a phone number recur, sometimes wrapped across lines. Deterministic for a given seed.
 */
import * as mupdf from 'mupdf';

/** The strings a reviewer would withhold in this bundle. */
export const WITHHELD = ['Ngaire Pōtae', 'Sione Taufa', "John O'Brien", '021 555 0199'];

const PEOPLE = [
  'Ngaire Pōtae',
  'NGAIRE PŌTAE',
  'Sione Taufa',
  'John O’Brien',
  'Mei Ling Chen',
  'Hemi Walker',
  'Priya Raman',
  'Tevita Fifita',
  'Aroha Ngata',
  'Wiremu Tāne',
];
const STAFF = [
  'Officer Ruiz',
  'Senior Officer Kereama',
  'Nurse Patel',
  'Principal Corrections Officer Smith',
  'Case Manager Liu',
];
const PLACES = [
  'Te Whare unit',
  'the yard',
  'the visits hall',
  'Kōwhai wing',
  'the health centre',
  'the kitchen',
];
const ACTIONS = [
  'was seen arguing with',
  'asked to speak with',
  'reported a complaint about',
  'was escorted to the interview room with',
  'handed a written statement to',
  'declined to comment on the incident involving',
];
const FOLLOW = [
  'The matter was recorded in the daily log and the duty manager was informed.',
  'No injuries were reported; a nurse checked both people as a precaution.',
  'CCTV footage for the period has been requested and placed on hold.',
  'A follow-up interview is planned for the next working day.',
  'The phone number given for the family contact was 021 555 0199.',
  'Staff followed the de-escalation procedure and the unit returned to normal routine.',
];

/** A small linear congruential generator: the same bundle on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296;
}

const EXTRA = [
  'omacron',
  'Omacron',
  'amacron',
  'Amacron',
  'emacron',
  'Emacron',
  'imacron',
  'Imacron',
  'umacron',
  'Umacron',
  'quoteright',
];
const EXTRA_CHARS = 'ōŌāĀēĒīĪūŪ’';

function literal(text: string): string {
  let out = '(';
  for (const ch of text) {
    const k = EXTRA_CHARS.indexOf(ch);
    if (k >= 0) out += `\\${(0o200 + k).toString(8)}`;
    else if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return `${out})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * Builds the bundle.
 *
 * @example const pdf = generateBundle(200); // about 200 pages of incident reports
 */
export function generateBundle(pages: number, seed = 20_260_301): Uint8Array {
  const random = lcg(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const doc = new mupdf.PDFDocument();
  const font = doc.addObject({
    Type: 'Font',
    Subtype: 'Type1',
    BaseFont: 'Helvetica',
    Encoding: {
      Type: 'Encoding',
      BaseEncoding: 'WinAnsiEncoding',
      Differences: [128, ...EXTRA.map((n) => doc.newName(n))],
    },
  });
  const bold = doc.addObject({
    Type: 'Font',
    Subtype: 'Type1',
    BaseFont: 'Helvetica-Bold',
    Encoding: 'WinAnsiEncoding',
  });
  for (let p = 0; p < pages; p++) {
    const report = 4000 + Math.floor(p / 3);
    let content = `BT /F2 14 Tf 56 790 Td ${literal(`Incident report IR-2025-${report} (page ${(p % 3) + 1} of 3)`)} Tj ET\n`;
    content += `BT /F1 9 Tf 56 772 Td ${literal(`Unit: ${pick(PLACES)}. Reporting officer: ${pick(STAFF)}. Classification: in confidence.`)} Tj ET\n`;
    content += '0.5 w 56 764 m 539 764 l S\n';
    const lines: string[] = [];
    while (lines.length < 52) {
      const hour = 7 + Math.floor(random() * 12);
      const minute = Math.floor(random() * 60);
      const paragraph =
        `At ${hour}:${String(minute).padStart(2, '0')} ${pick(PEOPLE)} ${pick(ACTIONS)} ${pick(PEOPLE)} in ${pick(PLACES)}. ` +
        `${pick(STAFF)} attended and spoke with ${pick(PEOPLE)}, who said they had been waiting since the morning muster. ` +
        `${pick(FOLLOW)} ${pick(FOLLOW)}`;
      lines.push(...wrap(paragraph, 96), '');
    }
    content += 'BT /F1 10 Tf 13 TL 56 744 Td\n';
    for (const text of lines.slice(0, 52)) content += `${literal(text)} Tj T*\n`;
    content += 'ET\n';
    content += `BT /F1 8 Tf 56 40 Td ${literal(`IR-2025-${report} — printed for file. Page ${p + 1} of ${pages}.`)} Tj ET\n`;
    const page = doc.addPage([0, 0, 595, 842], 0, { Font: { F1: font, F2: bold } }, content);
    doc.insertPage(-1, page);
  }
  doc.getTrailer().put('Info', {
    Title: doc.newString('Incident reports, Te Whare unit, 2025'),
    Author: doc.newString('Ngaire Pōtae'),
  });
  const bytes = doc.saveToBuffer('compress').asUint8Array().slice();
  doc.destroy();
  return bytes;
}
