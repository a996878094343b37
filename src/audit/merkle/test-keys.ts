import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * A fixed Ed25519 key pair from a one-byte-repeated seed, so tests are deterministic (test use only).
 * Seed 8 gives a public key whose base64 contains '+', which verifier-key parsing must survive.
 *
 * @example const { privateKey, publicKey } = testKeyPair(8);
 */
export function testKeyPair(seedByte: number): { privateKey: KeyObject; publicKey: KeyObject } {
  const pkcs8 = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.alloc(32, seedByte),
  ]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
