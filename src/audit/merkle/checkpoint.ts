import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { fromHex, toHex } from './hash.ts';

/** A signed statement of the log's size and root at a moment. */
export interface Checkpoint {
  /** Names the log, e.g. `tiaki.example.govt.nz/audit`; one line, no spaces needed. */
  origin: string;
  treeSize: number;
  /** RFC 9162 root of the first treeSize events, hex. */
  rootHash: string;
  /** ISO-8601 UTC time the checkpoint was made. */
  time: string;
}

const SIGNATURE_ALGORITHM_ED25519 = 0x01;
const EM_DASH = '\u2014';

function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new Error('the checkpoint key must be Ed25519');
  return Buffer.from(jwk.x, 'base64url');
}

function checkKeyName(name: string): void {
  if (!/^[^\s+]+$/.test(name)) throw new Error(`key name "${name}" must be non-empty with no spaces or "+"`);
}

// C2SP signed-note key ID: the first 4 bytes of SHA-256(name || "\n" || 0x01 || 32-byte public key).
function keyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([SIGNATURE_ALGORITHM_ED25519]))
    .update(rawPublicKey(publicKey))
    .digest()
    .subarray(0, 4);
}

/**
 * The checkpoint's note text (C2SP tlog-checkpoint): origin, decimal size, base64 root, then one
 * extension line `time <ISO>`, each ending in a newline. This text is what gets signed.
 *
 * @example checkpointBody({ origin: 'tiaki/audit', treeSize: 3, rootHash, time })
 * // 'tiaki/audit\n3\n<base64 root>\ntime 2025-07-01T00:00:00.000Z\n'
 */
export function checkpointBody(checkpoint: Checkpoint): string {
  if (!checkpoint.origin || /[\n\r]/.test(checkpoint.origin))
    throw new Error('origin must be one non-empty line');
  if (!Number.isSafeInteger(checkpoint.treeSize) || checkpoint.treeSize < 0)
    throw new Error('treeSize must be ≥ 0');
  const time = new Date(checkpoint.time).toISOString();
  const root = Buffer.from(fromHex(checkpoint.rootHash)).toString('base64');
  return `${checkpoint.origin}\n${checkpoint.treeSize}\n${root}\ntime ${time}\n`;
}

/**
 * The verifier key in signed-note form, `<name>+<8 hex key ID>+<base64(0x01 || public key)>`: what an
 * outside auditor is given to check checkpoints.
 *
 * @example verifierKey('tiaki-audit', publicKey) // 'tiaki-audit+1a2b3c4d+AXm…'
 */
export function verifierKey(keyName: string, publicKey: KeyObject): string {
  checkKeyName(keyName);
  const key = Buffer.concat([Buffer.from([SIGNATURE_ALGORITHM_ED25519]), rawPublicKey(publicKey)]);
  return `${keyName}+${keyId(keyName, publicKey).toString('hex')}+${key.toString('base64')}`;
}

/**
 * Parses a signed-note verifier key back into its name and Ed25519 public key.
 *
 * @example parseVerifierKey(verifierKey('tiaki-audit', publicKey)).name // 'tiaki-audit'
 */
export function parseVerifierKey(vkey: string): { name: string; publicKey: KeyObject } {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!match) throw new Error('a verifier key reads <name>+<8 hex digits>+<base64 key>');
  const [, name, id, key] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(key, 'base64');
  if (bytes.length !== 33 || bytes[0] !== SIGNATURE_ALGORITHM_ED25519)
    throw new Error('not an Ed25519 verifier key');
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: bytes.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  if (keyId(name, publicKey).toString('hex') !== id)
    throw new Error('the verifier key ID does not match the key');
  return { name, publicKey };
}

/**
 * Signs a checkpoint as a C2SP signed note: the body, a blank line, then
 * `— <key name> <base64(4-byte key ID || 64-byte Ed25519 signature of the body)>`.
 *
 * @example
 * const { privateKey } = generateKeyPairSync('ed25519');
 * createCheckpoint({ origin: 'tiaki/audit', treeSize: tree.size, rootHash: toHex(tree.root()),
 *   time: new Date().toISOString() }, privateKey, 'tiaki-audit');
 */
export function createCheckpoint(
  checkpoint: Checkpoint,
  privateKey: KeyObject | string,
  keyName: string,
): string {
  checkKeyName(keyName);
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const body = checkpointBody(checkpoint);
  const signature = sign(null, Buffer.from(body, 'utf8'), key);
  const publicKey = createPublicKey(key);
  const line = Buffer.concat([keyId(keyName, publicKey), signature]).toString('base64');
  return `${body}\n${EM_DASH} ${keyName} ${line}\n`;
}

/** The result of checking a signed checkpoint. */
export type CheckpointVerdict = { ok: true; checkpoint: Checkpoint } | { ok: false; error: string };

/**
 * Checks a signed checkpoint against a public key (a KeyObject with its key name, or a verifier key
 * string) and parses it. Other signatures on the note are ignored; one valid signature by the key is
 * required. Pass `origin` to insist on the log's name.
 *
 * @example verifyCheckpoint(note, verifierKeyString) // { ok: true, checkpoint: { origin, treeSize, rootHash, time } }
 */
export function verifyCheckpoint(
  note: string,
  key: string | { name: string; publicKey: KeyObject },
  options: { origin?: string } = {},
): CheckpointVerdict {
  let name: string;
  let publicKey: KeyObject;
  try {
    ({ name, publicKey } = typeof key === 'string' ? parseVerifierKey(key) : key);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const split = note.indexOf('\n\n');
  if (split < 0 || !note.endsWith('\n'))
    return { ok: false, error: 'not a signed note (no blank line before signatures)' };
  const body = note.slice(0, split + 1);
  const signatureLines = note.slice(split + 2, -1).split('\n');
  const id = keyId(name, publicKey);
  let signed = false;
  for (const line of signatureLines) {
    const match = new RegExp(`^${EM_DASH} (\\S+) ([A-Za-z0-9+/=]+)$`).exec(line);
    if (!match) return { ok: false, error: `malformed signature line: ${line.slice(0, 80)}` };
    if (match[1] !== name) continue;
    const bytes = Buffer.from(match[2]!, 'base64');
    if (bytes.length !== 68 || !bytes.subarray(0, 4).equals(id)) continue;
    if (verify(null, Buffer.from(body, 'utf8'), publicKey, bytes.subarray(4))) signed = true;
  }
  if (!signed) return { ok: false, error: `no valid signature by ${name}` };
  const lines = body.slice(0, -1).split('\n');
  const [origin, size, root, timeLine] = lines;
  if (origin === undefined || size === undefined || root === undefined || timeLine === undefined) {
    return { ok: false, error: 'a checkpoint has origin, size, root and time lines' };
  }
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    return { ok: false, error: 'bad tree size' };
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root)
    return { ok: false, error: 'bad root hash' };
  const time = /^time (\S+)$/.exec(timeLine)?.[1];
  if (time === undefined || Number.isNaN(Date.parse(time))) return { ok: false, error: 'bad time line' };
  if (options.origin !== undefined && origin !== options.origin) {
    return { ok: false, error: `checkpoint is for log "${origin}", not "${options.origin}"` };
  }
  return { ok: true, checkpoint: { origin, treeSize: Number(size), rootHash: toHex(rootBytes), time } };
}
