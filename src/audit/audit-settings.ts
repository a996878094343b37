import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseVerifierKey, verifierKey } from './merkle/checkpoint.ts';

/** The audit log's environment variables (README's configuration table lists them). */
export const auditEnvSchema = z.object({
  TIAKI_DATA_DIR: z.string().default('./data'),
  /** Ed25519 private key: PEM (PKCS#8), or base64 of the PKCS#8 DER or of the 32-byte seed. */
  TIAKI_AUDIT_SIGNING_KEY: z.string().optional(),
  /** Where each signed checkpoint is also written as a file, meant to be another host's folder. */
  TIAKI_AUDIT_EXPORT_DIR: z.string().optional(),
  /** Further verifier keys `verify` trusts (comma-separated signed-note keys), e.g. after a key change. */
  TIAKI_AUDIT_VERIFIER_KEYS: z.string().optional(),
  /** The log's name in every checkpoint. */
  TIAKI_AUDIT_ORIGIN: z.string().regex(/^\S+$/, 'one word, no spaces').default('tiaki/audit'),
});

/** The key name in checkpoint signatures and verifier keys. */
export const AUDIT_KEY_NAME = 'tiaki-audit';

/** The signing key file kept in the data folder when no key is given in the environment. */
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  name: string;
  /** The signed-note verifier key an outside auditor is given: `tiaki-audit+<id>+<base64>`. */
  verifierKey: string;
  /** Where the key came from, for messages: `environment` or the file's path. */
  source: string;
}

export interface AuditSettings {
  dataDir: string;
  exportDir: string;
  origin: string;
  signingKeyText: string | null;
  extraVerifierKeys: string[];
}

/**
 * Reads the audit settings from the environment. The export folder defaults to
 * `<TIAKI_DATA_DIR>/audit-checkpoints`.
 *
 * @example auditSettings({ TIAKI_DATA_DIR: '/srv/tiaki' }).exportDir // '/srv/tiaki/audit-checkpoints'
 */
export function auditSettings(env: NodeJS.ProcessEnv = process.env): AuditSettings {
  const parsed = auditEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.TIAKI_DATA_DIR);
  return {
    dataDir,
    exportDir: path.resolve(values.TIAKI_AUDIT_EXPORT_DIR ?? path.join(dataDir, 'audit-checkpoints')),
    origin: values.TIAKI_AUDIT_ORIGIN,
    signingKeyText: values.TIAKI_AUDIT_SIGNING_KEY?.trim() || null,
    extraVerifierKeys: (values.TIAKI_AUDIT_VERIFIER_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  };
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): this fixed prefix, then the 32 bytes.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Parses an Ed25519 private key given as PEM, or base64 of PKCS#8 DER or of the 32-byte seed.
 *
 * @example parsePrivateKey(readFileSync('key.pem', 'utf8')).asymmetricKeyType // 'ed25519'
 */
export function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) {
    key = createPrivateKey(trimmed);
  } else {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === 0 || bytes.toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
      throw new Error('the audit signing key is neither PEM nor base64');
    }
    const der = bytes.length === 32 ? Buffer.concat([ED25519_PKCS8_PREFIX, bytes]) : bytes;
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be Ed25519');
  return key;
}

function signingKeyFrom(privateKey: KeyObject, source: string): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    name: AUDIT_KEY_NAME,
    verifierKey: verifierKey(AUDIT_KEY_NAME, publicKey),
    source,
  };
}

/**
 * The checkpoint signing key: `TIAKI_AUDIT_SIGNING_KEY` when set; otherwise `<data dir>/audit-signing-key.pem`,
 * created on first use with mode 0600 (`create: false` only reads it, and answers null when it is absent).
 *
 * @example loadSigningKey(auditSettings()).verifierKey // 'tiaki-audit+1a2b3c4d+AX…'
 */
export function loadSigningKey(settings: AuditSettings, options: { create: false }): SigningKey | null;
export function loadSigningKey(settings: AuditSettings, options?: { create?: true }): SigningKey;
export function loadSigningKey(
  settings: AuditSettings,
  options: { create?: boolean } = {},
): SigningKey | null {
  if (settings.signingKeyText) return signingKeyFrom(parsePrivateKey(settings.signingKeyText), 'environment');
  const file = path.join(settings.dataDir, SIGNING_KEY_FILE);
  try {
    return signingKeyFrom(parsePrivateKey(readFileSync(file, 'utf8')), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (options.create === false) return null;
  mkdirSync(settings.dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    // 'wx': two processes starting at once must not each write a key; the loser reads the winner's.
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return signingKeyFrom(parsePrivateKey(readFileSync(file, 'utf8')), file);
  }
  return signingKeyFrom(privateKey, file);
}

/**
 * The verifier keys a checkpoint may be signed with: the signing key's own (when there is one) and
 * `TIAKI_AUDIT_VERIFIER_KEYS`, plus any given (e.g. `--key`). Throws on a malformed key.
 *
 * @example trustedVerifierKeys(settings, signingKey, []) // ['tiaki-audit+1a2b3c4d+AX…']
 */
export function trustedVerifierKeys(
  settings: AuditSettings,
  signingKey: SigningKey | null,
  extra: readonly string[] = [],
): string[] {
  const keys = [...(signingKey ? [signingKey.verifierKey] : []), ...settings.extraVerifierKeys, ...extra];
  for (const key of keys) parseVerifierKey(key);
  return [...new Set(keys)];
}
