import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/databases.ts';
import { loadConfig } from '../server/config.ts';
import { record } from '../requests/testing-requests.ts';
import { makeTextPdf } from './testing-documents.ts';
import { getBytes, startDocumentsApp, uploadOk, type DocumentsFixture } from './intake/testing-uploads.ts';
import {
  BlobCorruptError,
  BlobNotFoundError,
  blobStoreFor,
  S3BlobStore,
  sha256Hex,
} from './storage/index.ts';

/** The smallest S3 that the SDK will talk to: PUT, GET and HEAD of path-style /bucket/key, in memory. */
function tinyS3(): { server: Server; objects: Map<string, Buffer>; log: string[] } {
  const objects = new Map<string, Buffer>();
  const log: string[] = [];
  const server = createServer((request, response) => {
    const key = decodeURIComponent(new URL(request.url ?? '/', 'http://s3').pathname);
    log.push(`${request.method} ${key}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'PUT') {
        objects.set(key, Buffer.concat(chunks));
        response.writeHead(200, { etag: '"x"' }).end();
        return;
      }
      const object = objects.get(key);
      if (!object) {
        response.writeHead(404, { 'content-type': 'application/xml' });
        response.end(
          request.method === 'HEAD'
            ? undefined
            : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message></Error>',
        );
        return;
      }
      response.writeHead(200, {
        'content-length': object.length,
        'content-type': 'application/octet-stream',
      });
      response.end(request.method === 'HEAD' ? undefined : object);
    });
  });
  return { server, objects, log };
}

const s3Env = (endpoint: string) => ({
  TIAKI_STORAGE: 's3',
  S3_BUCKET: 'tiaki-test',
  S3_ENDPOINT: endpoint,
  S3_ACCESS_KEY_ID: 'test',
  S3_SECRET_ACCESS_KEY: 'test-secret',
  S3_FORCE_PATH_STYLE: 'true',
});

describe('the S3 blob store', () => {
  const s3 = tinyS3();
  let endpoint: string;
  let store: S3BlobStore;

  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
    store = blobStoreFor(loadConfig(s3Env(endpoint))) as S3BlobStore;
  });
  afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));

  it('is what TIAKI_STORAGE=s3 selects', () => {
    expect(store).toBeInstanceOf(S3BlobStore);
  });

  it('stores bytes under their SHA-256 with a fan-out prefix, once, and reads them back', async () => {
    const bytes = new TextEncoder().encode('Kia ora, Hēmi');
    const sha256 = await store.put(bytes);
    expect(sha256).toBe(sha256Hex(bytes));
    expect([...s3.objects.keys()]).toContain(
      `/tiaki-test/sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`,
    );
    await store.put(bytes);
    expect(s3.log.filter((line) => line.startsWith('PUT'))).toHaveLength(1); // the second put only asked (HEAD)
    expect(await store.has(sha256)).toBe(true);
    expect(new TextDecoder().decode(await store.get(sha256))).toBe('Kia ora, Hēmi');
  });

  it('says when an object is missing, and refuses one whose bytes no longer match its name', async () => {
    const absent = sha256Hex(new TextEncoder().encode('never stored'));
    expect(await store.has(absent)).toBe(false);
    await expect(store.get(absent)).rejects.toBeInstanceOf(BlobNotFoundError);
    const sha256 = await store.put(new TextEncoder().encode('original'));
    s3.objects.set(
      `/tiaki-test/sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`,
      Buffer.from('tampered'),
    );
    await expect(store.get(sha256)).rejects.toBeInstanceOf(BlobCorruptError);
  });
});

describe.each(testDatabaseKinds())('documents kept in S3 on %s', (kind) => {
  const s3 = tinyS3();
  let f: DocumentsFixture;

  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
    f = await startDocumentsApp(kind, ['officer'], s3Env(endpoint));
  });
  afterAll(async () => {
    await f.close();
    await new Promise<void>((resolve) => s3.server.close(() => resolve()));
  });

  it('uploads into the bucket and serves the working PDF from it', async () => {
    const requestId = (await record(f.t, f.sessions.officer)).id;
    const pdf = await makeTextPdf([['Stored in object storage']]);
    const created = await uploadOk(f.t, f.sessions.officer, requestId, pdf, 'a.pdf');
    expect([...s3.objects.keys()].some((key) => key.endsWith(sha256Hex(pdf)))).toBe(true);
    const back = await getBytes(f.t, f.sessions.officer, `/api/documents/${created.id}/pdf`);
    expect(Buffer.from(back.bytes).equals(Buffer.from(pdf))).toBe(true);
  });
});
