import { testKeyPair } from './test-keys.ts';
import { describe, expect, it } from 'vitest';
import {
  createCheckpoint,
  parseVerifierKey,
  verifierKey,
  verifyCheckpoint,
  type Checkpoint,
} from './checkpoint.ts';

const { privateKey, publicKey } = testKeyPair(8); // its base64 key contains '+'
const other = testKeyPair(3);
const checkpoint: Checkpoint = {
  origin: 'tiaki.example.govt.nz/audit',
  treeSize: 1000,
  rootHash: 'ab'.repeat(32),
  time: '2025-07-01T00:00:00.000Z',
};
const vkey = verifierKey('tiaki-audit', publicKey);

describe('signed checkpoints (C2SP signed note, Ed25519)', () => {
  it('writes origin, size, base64 root and time, a blank line and one signature line', () => {
    const note = createCheckpoint(checkpoint, privateKey, 'tiaki-audit');
    const lines = note.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'tiaki.example.govt.nz/audit',
      '1000',
      Buffer.from('ab'.repeat(32), 'hex').toString('base64'),
      'time 2025-07-01T00:00:00.000Z',
      '',
    ]);
    expect(lines[5]).toMatch(/^— tiaki-audit [A-Za-z0-9+/]{91}=$/);
    expect(lines[6]).toBe('');
  });

  it('verifies with the verifier key or the key object and gives back the checkpoint', () => {
    const note = createCheckpoint(checkpoint, privateKey, 'tiaki-audit');
    expect(verifyCheckpoint(note, vkey)).toEqual({ ok: true, checkpoint });
    expect(verifyCheckpoint(note, { name: 'tiaki-audit', publicKey }, { origin: checkpoint.origin }).ok).toBe(
      true,
    );
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(verifyCheckpoint(createCheckpoint(checkpoint, pem, 'tiaki-audit'), vkey).ok).toBe(true);
  });

  it('rejects an altered size or root, another key, another origin and a missing signature', () => {
    const note = createCheckpoint(checkpoint, privateKey, 'tiaki-audit');
    expect(verifyCheckpoint(note.replace('\n1000\n', '\n1001\n'), vkey)).toMatchObject({ ok: false });
    const root = Buffer.from('ab'.repeat(32), 'hex').toString('base64');
    const otherRoot = Buffer.from('ac'.repeat(32), 'hex').toString('base64');
    expect(verifyCheckpoint(note.replace(root, otherRoot), vkey).ok).toBe(false);
    expect(verifyCheckpoint(note, verifierKey('tiaki-audit', other.publicKey)).ok).toBe(false);
    expect(verifyCheckpoint(createCheckpoint(checkpoint, other.privateKey, 'tiaki-audit'), vkey).ok).toBe(
      false,
    );
    expect(verifyCheckpoint(note, vkey, { origin: 'elsewhere/audit' })).toMatchObject({ ok: false });
    expect(verifyCheckpoint(note.slice(0, note.indexOf('\n\n') + 1), vkey).ok).toBe(false);
  });

  it('accepts a note co-signed by a witness as long as our signature is there', () => {
    const note = createCheckpoint(checkpoint, privateKey, 'tiaki-audit');
    const witness = createCheckpoint(checkpoint, other.privateKey, 'witness');
    const both = note + witness.slice(witness.indexOf('\n\n') + 2);
    expect(verifyCheckpoint(both, vkey).ok).toBe(true);
    expect(verifyCheckpoint(both, verifierKey('witness', other.publicKey)).ok).toBe(true);
  });

  it('round-trips the verifier key and refuses a key whose ID does not match', () => {
    expect(parseVerifierKey(vkey).publicKey.equals(publicKey)).toBe(true);
    const key = vkey.slice('tiaki-audit+12345678+'.length); // the base64 key may itself contain '+'
    expect(() => parseVerifierKey(`tiaki-audit+00000000+${key}`)).toThrow(/key ID/);
    expect(() => verifierKey('bad name', publicKey)).toThrow();
  });
});
