#!/usr/bin/env node
// Standalone verifier for Tiaki's audit log (RFC 9162 proofs, C2SP signed checkpoints). Needs only Node.
//   node verifier-standalone.js checkpoint NOTE_FILE VERIFIER_KEY   -> "ok SIZE ROOT_HEX" when signed by the key
//   node verifier-standalone.js inclusion PROOF.json ROOT_HEX LEAF   (LEAF: leaf hash hex, or a file of the leaf bytes)
//   node verifier-standalone.js consistency PROOF.json FIRST_ROOT_HEX SECOND_ROOT_HEX
// Prints "ok" and exits 0 when the proof holds; prints "FAILED" and exits 1 otherwise. See docs/audit-verifier.md.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const node = (left, right) => sha256(Buffer.from([1]), left, right); // interior node: 0x01 || left || right
const hex = (text) => Buffer.from(text, 'hex');
const half = (x) => Math.floor(x / 2);
const done = (ok, text = '') => {
  console.log(ok ? `ok ${text}`.trim() : 'FAILED');
  process.exit(ok ? 0 : 1);
};
const [mode, file, a, b] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');

if (mode === 'checkpoint') {
  // Verifier key: NAME+KEYID+BASE64(0x01 || 32-byte Ed25519 key); the base64 part may itself contain '+'.
  const [name, id] = a.split('+');
  const raw = Buffer.from(a.slice(name.length + 10), 'base64');
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  const body = text.slice(0, text.indexOf('\n\n') + 1); // origin, size, base64 root, time: what was signed
  const [, size, root] = body.split('\n');
  const signatures = text
    .slice(body.length + 1)
    .split('\n')
    .filter((line) => line.startsWith(`\u2014 ${name} `));
  const ok = signatures.some((line) => {
    const signature = Buffer.from(line.split(' ')[2], 'base64'); // 4-byte key ID, then 64-byte signature
    return (
      signature.subarray(0, 4).toString('hex') === id &&
      verify(null, Buffer.from(body), key, signature.subarray(4))
    );
  });
  done(ok, `${size} ${Buffer.from(root, 'base64').toString('hex')}`);
}

const proof = JSON.parse(text);
const path = (Buffer.from(proof.path, 'base64').toString('hex').match(/.{64}/g) ?? []).map(hex);

if (mode === 'inclusion') {
  // RFC 9162 section 2.1.3.2
  const leaf = /^[0-9a-f]{64}$/i.test(b) ? hex(b) : sha256(Buffer.from([0]), readFileSync(b));
  if (proof.leafIndex >= proof.treeSize) done(false);
  let fn = proof.leafIndex;
  let sn = proof.treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) done(false);
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = node(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  done(sn === 0 && r.equals(hex(a)));
}

if (mode === 'consistency') {
  // RFC 9162 section 2.1.4.2, for 0 < first < second
  const [firstRoot, secondRoot] = [hex(a), hex(b)];
  if (!(proof.first > 0 && proof.first < proof.second) || path.length === 0) done(false);
  if (Number.isInteger(Math.log2(proof.first))) path.unshift(firstRoot);
  let fn = proof.first - 1;
  let sn = proof.second - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) done(false);
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = node(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  done(fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0);
}

console.error('usage: checkpoint NOTE VKEY | inclusion PROOF ROOT LEAF | consistency PROOF ROOT1 ROOT2');
process.exit(2);
