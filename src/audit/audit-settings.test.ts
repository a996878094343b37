import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditSettings,
  loadSigningKey,
  parsePrivateKey,
  SIGNING_KEY_FILE,
  trustedVerifierKeys,
} from './audit-settings.ts';
import { parseVerifierKey } from './merkle/checkpoint.ts';

const dirs: string[] = [];
const temporary = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-key-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the checkpoint signing key', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = der.subarray(der.length - 32);
  const publicDer = (key: ReturnType<typeof parsePrivateKey>) =>
    key.export({ format: 'der', type: 'pkcs8' }).toString('hex');

  it('TIAKI_AUDIT_SIGNING_KEY may be PEM, base64 PKCS#8 or the base64 32-byte seed: the same key', () => {
    for (const text of [pem, der.toString('base64'), seed.toString('base64')]) {
      expect(publicDer(parsePrivateKey(text))).toBe(publicDer(privateKey));
    }
  });

  it('refuses keys that are not Ed25519 or not a key at all', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    expect(() => parsePrivateKey(rsa.toString())).toThrow('must be Ed25519');
    expect(() => parsePrivateKey('not a key!')).toThrow('neither PEM nor base64');
  });

  it('the environment key wins; no file is written', () => {
    const dir = temporary();
    const key = loadSigningKey(
      auditSettings({ TIAKI_DATA_DIR: dir, TIAKI_AUDIT_SIGNING_KEY: seed.toString('base64') }),
    );
    expect(key.source).toBe('environment');
    expect(() => statSync(path.join(dir, SIGNING_KEY_FILE))).toThrow();
    expect(parseVerifierKey(key.verifierKey).name).toBe('tiaki-audit');
  });

  it('without one, a key is generated once in the data folder (mode 0600) and reused', () => {
    const dir = temporary();
    const settings = auditSettings({ TIAKI_DATA_DIR: dir });
    expect(loadSigningKey(settings, { create: false })).toBeNull();
    const first = loadSigningKey(settings);
    const file = path.join(dir, SIGNING_KEY_FILE);
    expect(first.source).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(loadSigningKey(settings).verifierKey).toBe(first.verifierKey);
    expect(loadSigningKey(settings, { create: false })?.verifierKey).toBe(first.verifierKey);
  });

  it('the export folder defaults into the data folder; other verifier keys come from the environment', () => {
    const dir = temporary();
    const other = loadSigningKey(auditSettings({ TIAKI_DATA_DIR: temporary() }));
    const settings = auditSettings({
      TIAKI_DATA_DIR: dir,
      TIAKI_AUDIT_VERIFIER_KEYS: ` ${other.verifierKey} ,`,
    });
    expect(settings.exportDir).toBe(path.join(dir, 'audit-checkpoints'));
    expect(auditSettings({ TIAKI_DATA_DIR: dir, TIAKI_AUDIT_EXPORT_DIR: '/mnt/witness' }).exportDir).toBe(
      '/mnt/witness',
    );
    const own = loadSigningKey(settings);
    expect(trustedVerifierKeys(settings, own)).toEqual([own.verifierKey, other.verifierKey]);
    expect(() => trustedVerifierKeys(settings, own, ['tiaki-audit+zz+bad'])).toThrow();
    expect(() => auditSettings({ TIAKI_AUDIT_ORIGIN: 'two words' })).toThrow('TIAKI_AUDIT_ORIGIN');
  });
});
