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

/**
 * An e-mail (.eml) as a document to print: its From, To, Cc, Date and Subject, then the text body (or the
 * HTML body as text), then the names of its attachments (their content is not part of this document).
 *
 * @example await emailDocument(emlBytes) // { heading: ['From: …', 'Subject: …'], body: '…\n\nAttachments: report.pdf' }
 */
export async function emailDocument(bytes: Uint8Array): Promise<TextDocument & { subject: string | null }> {
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
  let body = email.text?.trim() || (email.html ? htmlToText(email.html) : '');
  const attachments = email.attachments
    .filter((a) => a.disposition !== 'inline' || a.filename)
    .map((a) => a.filename ?? `(unnamed ${a.mimeType})`);
  if (attachments.length > 0) body += `\n\nAttachments: ${attachments.join(', ')}`;
  return { heading, body, subject: email.subject ?? null };
}
