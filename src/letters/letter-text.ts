/**
 * Letters as text: the templates in ./templates (kept in git, one per kind) rendered with Mustache. The
 * text uses a small line markup the PDF writer lays out: "# " a title, "## " a heading, "- " a list item,
 * a blank line a gap, any other line a paragraph. Values are escaped so that text a person wrote (reasons,
 * descriptions) can never turn into markup.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';

export const letterKinds = ['decision', 'extension', 'transfer', 'correction'] as const;
export type LetterKind = (typeof letterKinds)[number];

const templates = new Map<LetterKind, string>();

function template(kind: LetterKind): string {
  let text = templates.get(kind);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`./templates/${kind}.mustache`, import.meta.url)), 'utf8');
    templates.set(kind, text);
  }
  return text;
}

/**
 * Text that could be read as markup at the start of a line is escaped with a backslash, which
 * {@link parseLetterLine} removes.
 * @example escapeValue('# not a title') // '\\# not a title'
 */
export function escapeValue(value: unknown): string {
  return String(value)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/^(?=#|- |\\)/gm, '\\');
}

/** Renders a letter's template with its view; the result is the marked-up text. */
export function renderLetterText(kind: LetterKind, view: object): string {
  const text = Mustache.render(template(kind), view, {}, { escape: escapeValue });
  // One blank line at most between paragraphs; none at either end.
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line of a letter, as the PDF writer lays it out. */
export type LetterLine =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'item'; text: string }
  | { kind: 'gap' }
  | { kind: 'paragraph'; text: string };

/**
 * Reads one line of marked-up text.
 * @example parseLetterLine('## Our decision') // { kind: 'heading', text: 'Our decision' }
 * @example parseLetterLine('\\# literally') // { kind: 'paragraph', text: '# literally' }
 */
export function parseLetterLine(line: string): LetterLine {
  if (line.trim() === '') return { kind: 'gap' };
  if (line.startsWith('\\')) return { kind: 'paragraph', text: line.slice(1) };
  if (line.startsWith('## ')) return { kind: 'heading', text: line.slice(3) };
  if (line.startsWith('# ')) return { kind: 'title', text: line.slice(2) };
  if (line.startsWith('- ')) return { kind: 'item', text: line.slice(2) };
  return { kind: 'paragraph', text: line };
}

/**
 * The letter as plain text, markup removed: what is stored as the letter's body.
 * @example plainLetterText('# Title\n- item\n\\# kept') // 'Title\n• item\n# kept'
 */
export function plainLetterText(marked: string): string {
  return marked
    .split('\n')
    .map((line) => {
      const parsed = parseLetterLine(line);
      switch (parsed.kind) {
        case 'gap':
          return '';
        case 'item':
          return `• ${parsed.text}`;
        case 'title':
        case 'heading':
        case 'paragraph':
          return parsed.text;
      }
    })
    .join('\n');
}
