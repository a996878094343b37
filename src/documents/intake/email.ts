import PostalMime, { type Address } from 'postal-mime';
import { UploadRefusal } from './refusal.ts';
import type { TextDocument } from './text-pdf.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The readable text of an HTML body: scripts and styles dropped, block elements on their own lines,
 * list items bulleted, entities decoded.
 *
 * @example htmlToText('<p>Kia ora</p><p>Hēmi &amp; Mere</p>') // 'Kia ora\n\nHēmi & Mere'
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|tr|table|blockquote|ul|ol)\s*>/gi, '\n\n')
    .replace(/<\/(td|th)\s*>/gi, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n =
          code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** @example addressList([{ name: 'Hēmi', address: 'h@x.nz' }]) // 'Hēmi <h@x.nz>' */
export function addressList(addresses: Address | Address[] | undefined): string {
  const list = addresses === undefined ? [] : Array.isArray(addresses) ? addresses : [addresses];
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((m) => (m.name ? `${m.name} <${m.address}>` : m.address))
    .join(', ');
}

/** A file attached to an e-mail, decoded. */
export interface EmailAttachment {
  /** The name it was sent with, or `attachment-<n>` when it has none. */
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** An e-mail read: what its printed document shows, and its attachments (not yet printed anywhere). */
export interface ReadEmail {
  heading: string[];
  text: string;
  subject: string | null;
  attachments: EmailAttachment[];
}

/** What happened to an e-mail's attachments, for the e-mail's own document to say. */
export interface AttachmentOutcome {
  /** Names of the attachments added as documents of their own. */
  added: string[];
  /** Attachments not added, each with why (the officer must deal with them by hand). */
  notAdded: Array<{ filename: string; reason: string }>;
}

/** A sent file name fit to store: control characters dropped, at most 255 characters. */
function attachmentName(sent: string | null): string {
  const kept = [...(sent ?? '')].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f;
  });
  return kept.join('').trim().slice(0, 255);
}

/**
 * Parses an e-mail (.eml): its From, To, Cc, Date and Subject, the text body (or the HTML body as text)
 * and its attachments, decoded. Inline parts without a file name (images an HTML body shows) are left
 * out: they are part of the message's layout, not files sent with it.
 *
 * @example const email = await readEmail(emlBytes) // { heading: ['From: …'], text: '…', attachments: [...] }
 */
export async function readEmail(bytes: Uint8Array): Promise<ReadEmail> {
  let email;
  try {
    email = await PostalMime.parse(bytes, { maxNestingDepth: 50, maxPartCount: 1000 });
  } catch (error) {
    throw new UploadRefusal(
      'malformed',
      `The e-mail cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const heading = [
    ['From', addressList(email.from)],
    ['To', addressList(email.to)],
    ['Cc', addressList(email.cc)],
    // The Date header as written (postal-mime turns it into UTC, losing the sender's time zone).
    ['Date', email.headers.find((h) => h.key === 'date')?.value ?? email.date ?? ''],
    ['Subject', email.subject ?? ''],
  ]
    .filter(([, value]) => value)
    .map(([label, value]) => `${label}: ${value}`);
  const text = email.text?.trim() || (email.html ? htmlToText(email.html) : '');
  const attachments = email.attachments
    .filter((a) => a.disposition !== 'inline' || a.filename)
    .map((a, i) => ({
      filename: attachmentName(a.filename) || `attachment-${i + 1}`,
      mimeType: a.mimeType,
      bytes:
        typeof a.content === 'string'
          ? new TextEncoder().encode(a.content)
          : a.content instanceof Uint8Array
            ? a.content
            : new Uint8Array(a.content),
    }));
  return { heading, text, subject: email.subject ?? null, attachments };
}

/**
 * An e-mail as a document to print: its heading, its body, then what became of its attachments. Without
 * an `outcome` the attachments are only named (an e-mail attached to an e-mail: its attachments are not
 * added, see prepareUploadWithAttachments).
 *
 * @example emailText(email, { added: ['a.pdf'], notAdded: [] }).body // '…\n\nAttachments (added as separate documents): a.pdf'
 */
export function emailText(
  email: ReadEmail,
  outcome?: AttachmentOutcome,
): TextDocument & { subject: string | null } {
  const notes: string[] = [];
  if (!outcome) {
    if (email.attachments.length > 0)
      notes.push(
        `Attachments of this attached e-mail, not added (add them by hand if they are in scope): ${email.attachments.map((a) => a.filename).join(', ')}`,
      );
  } else {
    if (outcome.added.length > 0)
      notes.push(`Attachments (added as separate documents): ${outcome.added.join(', ')}`);
    const byReason = new Map<string, string[]>();
    for (const { filename, reason } of outcome.notAdded)
      byReason.set(reason, [...(byReason.get(reason) ?? []), filename]);
    for (const [reason, names] of byReason)
      notes.push(`Attachments not added (${reason.replace(/[.\s]+$/, '')}): ${names.join(', ')}`);
  }
  const body = [email.text, ...notes].filter((part) => part).join('\n\n');
  return { heading: email.heading, body, subject: email.subject };
}

/**
 * An e-mail (.eml) as a document to print, its attachments only named (see {@link emailText}).
 *
 * @example await emailDocument(emlBytes) // { heading: ['From: …', 'Subject: …'], body: '…' }
 */
export async function emailDocument(bytes: Uint8Array): Promise<TextDocument & { subject: string | null }> {
  return emailText(await readEmail(bytes));
}
