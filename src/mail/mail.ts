import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Executor } from '../db/tx.ts';
import { blobStoreFor } from '../documents/storage/index.ts';
import { enqueueJob } from '../jobs/jobs.repo.ts';
import { loadConfig, type Config } from '../server/config.ts';

/**
 * A file to attach, by its SHA-256 in the blob store: the job payload stays small, and the bytes are
 * read when the message is sent.
 */
export interface MailAttachment {
  filename: string;
  sha256: string;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export const MAIL_JOB = 'mail.send';

/** Queues a message in the same transaction as the change that causes it; the job sends it (with retries). */
export async function queueMail(tx: Executor, mail: OutgoingMail): Promise<void> {
  await enqueueJob(tx, { kind: MAIL_JOB, payload: { ...mail }, maxAttempts: 8 });
}

/** Where mail goes when no SMTP server is configured: one .eml file per message. */
export function outboxDir(config: Pick<Config, 'TIAKI_OUTBOX_DIR' | 'TIAKI_DATA_DIR'>): string {
  return path.resolve(config.TIAKI_OUTBOX_DIR ?? path.join(config.TIAKI_DATA_DIR, 'outbox'));
}

/** Sends through SMTP_URL with nodemailer, or writes the message to the outbox folder. */
export async function sendMail(mail: OutgoingMail, config: Config = loadConfig()): Promise<void> {
  const message = {
    from: config.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.attachments && mail.attachments.length > 0
      ? { attachments: await attachmentsOf(mail.attachments, config) }
      : {}),
  };
  if (config.SMTP_URL) {
    await nodemailer.createTransport(config.SMTP_URL).sendMail(message);
    return;
  }
  const built = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    .sendMail(message);
  const dir = outboxDir(config);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, `${Date.now()}-${built.messageId.replace(/[^A-Za-z0-9.-]/g, '')}.eml`),
    built.message as Buffer,
  );
}

/** The attachments' bytes from the blob store; a missing blob fails the send (the job retries, then fails). */
async function attachmentsOf(attachments: readonly MailAttachment[], config: Config) {
  const store = blobStoreFor(config);
  const out: Array<{ filename: string; content: Buffer; contentType: string }> = [];
  for (const a of attachments) {
    out.push({
      filename: a.filename,
      content: Buffer.from(await store.get(a.sha256)),
      contentType: a.contentType,
    });
  }
  return out;
}
