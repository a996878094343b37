import path from 'node:path';
import type { Config } from '../../server/config.ts';
import type { BlobStore } from './blob-store.ts';
import { LocalBlobStore } from './local-store.ts';
import { S3BlobStore } from './s3-store.ts';

export { BlobNotFoundError, sha256Hex, assertSha256, type BlobStore } from './blob-store.ts';
export { LocalBlobStore } from './local-store.ts';
export { S3BlobStore, BlobCorruptError, type S3StoreOptions } from './s3-store.ts';

const stores = new Map<string, BlobStore>();

/**
 * The store the configuration names, one per configuration (shared by every request of a process):
 * TIAKI_STORAGE=s3 with S3_BUCKET (and S3_REGION, S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
 * S3_FORCE_PATH_STYLE), or the local folder.
 */
export function blobStoreFor(config: Config): BlobStore {
  const key = JSON.stringify([
    config.TIAKI_STORAGE,
    config.TIAKI_STORAGE_DIR,
    config.TIAKI_DATA_DIR,
    config.S3_BUCKET,
    config.S3_ENDPOINT,
  ]);
  let store = stores.get(key);
  if (!store) {
    if (config.TIAKI_STORAGE === 's3') {
      if (!config.S3_BUCKET) throw new Error('TIAKI_STORAGE=s3 needs S3_BUCKET');
      store = new S3BlobStore({
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      });
    } else
      store = new LocalBlobStore(
        path.resolve(config.TIAKI_STORAGE_DIR ?? path.join(config.TIAKI_DATA_DIR, 'files')),
      );
    stores.set(key, store);
  }
  return store;
}
