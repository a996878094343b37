import path from 'node:path';
import type { Config } from '../../server/config.ts';
import type { BlobStore } from './blob-store.ts';
import { LocalBlobStore } from './local-store.ts';

export { BlobNotFoundError, sha256Hex, assertSha256, type BlobStore } from './blob-store.ts';
export { LocalBlobStore } from './local-store.ts';

const stores = new Map<string, BlobStore>();

/**
 * The store the configuration names, one per configuration (shared by every request of a process).
 * TODO(documents helper): the `s3` branch.
 */
export function blobStoreFor(config: Config): BlobStore {
  const key = JSON.stringify([config.TIAKI_STORAGE, config.TIAKI_STORAGE_DIR, config.TIAKI_DATA_DIR, config.S3_BUCKET, config.S3_ENDPOINT]);
  let store = stores.get(key);
  if (!store) {
    if (config.TIAKI_STORAGE === 's3') throw new Error('S3 storage is not wired yet');
    store = new LocalBlobStore(path.resolve(config.TIAKI_STORAGE_DIR ?? path.join(config.TIAKI_DATA_DIR, 'files')));
    stores.set(key, store);
  }
  return store;
}
