import type { StaffRole } from '../auth/auth.schema.ts';

/** Who may add documents to a request. */
export const uploadRoles: readonly StaffRole[] = ['officer', 'intake'];
/** Who may see the list of a request's documents (intake sees what it uploaded, not the content). */
export const listRoles: readonly StaffRole[] = ['intake', 'officer', 'decision-maker', 'manager', 'auditor'];
/** Who may read a document's text, pages and bytes, and search them. */
export const readRoles: readonly StaffRole[] = ['officer', 'decision-maker', 'manager', 'auditor'];
/** Who may take a document out of a request's scope. */
export const removeRoles: readonly StaffRole[] = ['officer'];

export const DISPOSITIONS = ['undecided', 'release-in-full', 'withhold-in-full', 'partial'] as const;

/** Page images: scale 1 is 72 dpi. */
export const PAGE_SCALE = { default: 1.5, min: 0.25, max: 3 } as const;

// Letters with diacritics, upper and lower case, each folded to one plain lower-case letter: the same table
// folds text in SQL (translate) and in code, so a match found by one is found by the other.
const ACCENTED = 'ĀĒĪŌŪāēīōūÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÑñÇçÝýÿ';
const PLAIN = [...ACCENTED].map((char) => char.normalize('NFD').charAt(0).toLowerCase()).join('');

/** The arguments of SQL `translate(lower(text), FOLD_FROM, FOLD_TO)`, which folds text as {@link fold} does. */
export const FOLD_FROM = ACCENTED;
export const FOLD_TO = PLAIN;

const FOLD = new Map([...ACCENTED].map((char, i) => [char, PLAIN.charAt(i)]));

/**
 * Lower-cases ASCII and strips macrons and common accents, one character for one (so positions in the
 * folded text are positions in the original).
 *
 * @example fold('Hēmi PŌTAE') // 'hemi potae'
 */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = char.charCodeAt(0);
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : (FOLD.get(char) ?? char);
  }
  return out;
}

/**
 * The folded words of a search, at most ten, each at most 100 characters.
 *
 * @example searchTerms('  Hēmi  Pōtae ') // ['hemi', 'potae']
 */
export function searchTerms(q: string): string[] {
  return [...new Set(fold(q).split(/\s+/).filter(Boolean))].slice(0, 10).map((t) => t.slice(0, 100));
}

/**
 * A short passage of a page around the first place a search's first word occurs (whitespace collapsed,
 * with ellipses where it was cut), so a hit can be judged without opening the page.
 *
 * @example snippet('The prisoner Hēmi Pōtae was moved to unit B on Tuesday.', ['potae'], 12) // '…prisoner Hēmi Pōtae was moved…'
 */
export function snippet(text: string, terms: readonly string[], radius = 60): string {
  const folded = fold(text);
  const first = terms[0] ?? '';
  const at = Math.max(0, first ? folded.indexOf(first) : 0);
  let start = Math.max(0, at - radius);
  let end = Math.min(text.length, at + first.length + radius);
  // Cut at word boundaries so the passage does not start or end mid-word.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at + first.length) end = space;
  }
  const passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${passage}${end < text.length ? '…' : ''}`;
}

const rfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A Content-Disposition header that keeps a name with macrons (RFC 6266 `filename*`) and gives older
 * clients a plain ASCII fallback.
 *
 * @example attachmentDisposition('Pūrongo.pdf') // `attachment; filename="Purongo.pdf"; filename*=UTF-8''P%C5%ABrongo.pdf`
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii || 'document'}"; filename*=UTF-8''${rfc5987(filename)}`;
}

/**
 * The filename to give a document's bytes: the uploaded name for the original; for the working PDF the
 * same name ending in .pdf.
 *
 * @example exportFilename('note.docx', 'pdf') // 'note.pdf'
 */
export function exportFilename(originalFilename: string, which: 'original' | 'pdf'): string {
  if (which === 'original') return originalFilename;
  const base = originalFilename.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base || 'document'}.pdf`;
}

/**
 * The title of a new document: the one given, else the e-mail's subject, else the file name without its
 * extension.
 *
 * @example documentTitle(undefined, null, 'incident-report.pdf') // 'incident-report'
 */
export function documentTitle(given: string | undefined, suggested: string | null, filename: string): string {
  const title = given?.trim() || suggested?.trim() || filename.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return (title || filename).slice(0, 300);
}
