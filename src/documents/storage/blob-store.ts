import { createHash } from 'node:crypto';

/**
 * Content-addressed storage: bytes are stored under their SHA-256 (lower-case hex), so storing the same
 * bytes twice keeps one copy and a stored object can never change under its name.
 */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes stored under `sha256`; throws {@link BlobNotFoundError} when there are none. */
  get(sha256: string): Promise<Uint8Array>;
  has(sha256: string): Promise<boolean>;
}

/** No object is stored under this hash. */
export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`no stored object has SHA-256 ${sha256}`);
    this.name = 'BlobNotFoundError';
  }
}

/** @example sha256Hex(new TextEncoder().encode('abc')) // 'ba7816bf…' */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Refuses anything that is not a lower-case SHA-256, so a name can never reach outside the store. */
export function assertSha256(value: string): void {
  if (!SHA256.test(value)) throw new Error(`not a SHA-256 in lower-case hex: ${JSON.stringify(value)}`);
}
