import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertSha256, BlobNotFoundError, sha256Hex, type BlobStore } from './blob-store.ts';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** A MinIO, Ceph or other S3-compatible address; AWS's own when unset. */
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** `https://host/bucket/key` rather than `https://bucket.host/key` (most non-AWS stores want this). */
  forcePathStyle: boolean;
}

/** The stored bytes do not hash to the name they are stored under: the object was altered or damaged. */
export class BlobCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`the object stored as ${sha256} does not hash to that name`);
    this.name = 'BlobCorruptError';
  }
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}

/**
 * Content-addressed storage in an S3-compatible bucket, with keys `sha256/ab/cd/abcd…` (the same fan-out
 * as the local store, which keeps listings and partitions even). Objects are never overwritten: a put
 * asks first (HEAD) and writes only what is missing; every read is hashed against its name.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Many S3-compatible stores reject the SDK's newer default checksum headers; we check SHA-256 ourselves.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    // Without keys the SDK's default chain applies (instance role, environment, profile).
    if (options.accessKeyId && options.secretAccessKey)
      config.credentials = { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey };
    this.client = new S3Client(config);
  }

  private keyOf(sha256: string): string {
    assertSha256(sha256);
    return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (await this.has(sha256)) return sha256;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.keyOf(sha256),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
      }),
    );
    return sha256;
  }

  async get(sha256: string): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }),
      );
      if (!answer.Body) throw new BlobNotFoundError(sha256);
      bytes = await answer.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(sha256);
      throw error;
    }
    if (sha256Hex(bytes) !== sha256) throw new BlobCorruptError(sha256);
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}
