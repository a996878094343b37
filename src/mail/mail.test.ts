import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { blobStoreFor } from '../documents/storage/index.ts';
import { makeTextPdf } from '../documents/testing-documents.ts';
import { loadConfig } from '../server/config.ts';
import { sendMail } from './mail.ts';

function scratchConfig() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-mail-'));
  return loadConfig({
    LOG_LEVEL: 'silent',
    TIAKI_STORAGE_DIR: path.join(dir, 'files'),
    TIAKI_OUTBOX_DIR: path.join(dir, 'outbox'),
  });
}

async function onlyMessage(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  expect(files).toHaveLength(1);
  return PostalMime.parse(readFileSync(path.join(dir, files[0] ?? '')));
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the outbox', () => {
  it('writes a plain message as before when there are no attachments', async () => {
    const config = scratchConfig();
    await sendMail({ to: 'aroha@example.nz', subject: 'Your request', text: 'Kia ora Aroha' }, config);
    const message = await onlyMessage(config.TIAKI_OUTBOX_DIR ?? '');
    expect(message.subject).toBe('Your request');
    expect(message.text?.trim()).toBe('Kia ora Aroha');
    expect(message.attachments).toEqual([]);
  });

  it('attaches files from the blob store, read when the message is sent', async () => {
    const config = scratchConfig();
    const pdf = await makeTextPdf([['Release package page']]);
    const sha256 = await blobStoreFor(config).put(pdf);
    await sendMail(
      {
        to: 'aroha@example.nz',
        subject: 'Your release',
        text: 'Attached: the release.',
        attachments: [{ filename: 'release-TK-2026-000001.pdf', sha256, contentType: 'application/pdf' }],
      },
      config,
    );
    const message = await onlyMessage(config.TIAKI_OUTBOX_DIR ?? '');
    expect(message.text?.trim()).toBe('Attached: the release.');
    expect(message.attachments).toHaveLength(1);
    const [attachment] = message.attachments;
    expect(attachment?.filename).toBe('release-TK-2026-000001.pdf');
    expect(attachment?.mimeType).toBe('application/pdf');
    expect(sha(new Uint8Array(attachment?.content as ArrayBuffer))).toBe(sha256);
  });

  it('fails (so the job retries) when an attachment is not in the store, and writes nothing', async () => {
    const config = scratchConfig();
    await expect(
      sendMail(
        {
          to: 'aroha@example.nz',
          subject: 'x',
          text: 'x',
          attachments: [{ filename: 'a.pdf', sha256: 'a'.repeat(64), contentType: 'application/pdf' }],
        },
        config,
      ),
    ).rejects.toThrow('no stored object');
    expect(() => readdirSync(config.TIAKI_OUTBOX_DIR ?? '')).toThrow();
  });
});
