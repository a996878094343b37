import type { Mark, Rect } from './types.ts';

// Page text and marks. Mark offsets count Unicode code points (the server's rule), not UTF-16 units, so
// a macron or an emoji before a name never shifts its highlight: every slice goes through Array.from.

export interface TextSegment {
  text: string;
  /** The mark this run of text is under; null for plain text. */
  mark: Mark | null;
}

/**
 * Splits a page's text into plain runs and marked runs. Marks without offsets, outside the text, or
 * overlapping an earlier mark's run (from the point it overlaps) are left out of the highlighting.
 * @example segmentPage('Hemi Walker attended', [mark(0, 11)]) // [{text:'Hemi Walker',mark}, {text:' attended',mark:null}]
 */
export function segmentPage(text: string, marks: readonly Mark[]): TextSegment[] {
  const points = Array.from(text);
  const spans = marks
    .filter(
      (mark): mark is Mark & { startOffset: number; endOffset: number } =>
        mark.kind === 'text' &&
        mark.startOffset !== null &&
        mark.endOffset !== null &&
        mark.startOffset < mark.endOffset &&
        mark.startOffset >= 0 &&
        mark.startOffset < points.length,
    )
    .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const mark of spans) {
    const start = Math.max(mark.startOffset, cursor);
    const end = Math.min(mark.endOffset, points.length);
    if (end <= start) continue;
    if (start > cursor) segments.push({ text: points.slice(cursor, start).join(''), mark: null });
    segments.push({ text: points.slice(start, end).join(''), mark });
    cursor = end;
  }
  if (cursor < points.length) segments.push({ text: points.slice(cursor).join(''), mark: null });
  return segments;
}

/**
 * Where typed text first occurs in a page's text, in code points; null when it is not there.
 * @example findText('Kia ora Mere Parata', 'Mere') // { start: 8, end: 12 }
 */
export function findText(pageText: string, wanted: string): { start: number; end: number } | null {
  if (!wanted) return null;
  const index = pageText.indexOf(wanted);
  if (index < 0) return null;
  const start = Array.from(pageText.slice(0, index)).length;
  return { start, end: start + Array.from(wanted).length };
}

/**
 * The code points of `text` from `start` to `end`.
 * @example sliceCodePoints('Māori name', 0, 5) // 'Māori'
 */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

export type RectInput = { x0: string; y0: string; x1: string; y1: string };

/**
 * Reads an area typed as four numbers (points from the top-left corner) and checks it lies on the page.
 * Problems name the box they are about.
 * @example parseRect({ x0: '10', y0: '10', x1: '100', y1: '40' }, 595, 842) // { rect: [10, 10, 100, 40] }
 */
export function parseRect(
  input: RectInput,
  width: number,
  height: number,
): { rect: Rect } | { problems: Array<{ field: keyof RectInput; message: string }> } {
  const problems: Array<{ field: keyof RectInput; message: string }> = [];
  const names: Record<keyof RectInput, string> = {
    x0: 'Left edge',
    y0: 'Top edge',
    x1: 'Right edge',
    y1: 'Bottom edge',
  };
  const read = (field: keyof RectInput, limit: number): number => {
    const raw = input[field].trim();
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) {
      problems.push({ field, message: `Enter the ${names[field].toLowerCase()} as a number of points` });
      return NaN;
    }
    if (value < 0 || value > limit) {
      problems.push({
        field,
        message: `${names[field]} must be between 0 and ${Math.round(limit)} points`,
      });
      return NaN;
    }
    return value;
  };
  const x0 = read('x0', width);
  const y0 = read('y0', height);
  const x1 = read('x1', width);
  const y1 = read('y1', height);
  if (!Number.isNaN(x0) && !Number.isNaN(x1) && x1 <= x0)
    problems.push({ field: 'x1', message: 'Right edge must be to the right of the left edge' });
  if (!Number.isNaN(y0) && !Number.isNaN(y1) && y1 <= y0)
    problems.push({ field: 'y1', message: 'Bottom edge must be below the top edge' });
  return problems.length > 0 ? { problems } : { rect: [x0, y0, x1, y1] };
}

/**
 * An area as a sentence.
 * @example rectText([10, 20, 110, 60]) // '100 × 40 points, 10 from the left and 20 from the top'
 */
export function rectText(rect: Rect): string {
  const [x0, y0, x1, y1] = rect.map((value) => Math.round(value)) as Rect;
  return `${x1 - x0} × ${y1 - y0} points, ${x0} from the left and ${y0} from the top`;
}
