import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './hash.ts';
import { auditLeafHash, canonicalJson, encodeAuditLeaf, type AuditLeafEvent } from './leaf.ts';

const event: AuditLeafEvent = {
  seq: 7,
  at: new Date('2025-07-01T09:30:00+12:00'),
  actorId: 'u-1',
  action: 'person.read',
  entityType: 'person',
  entityId: 'p-9',
  personId: 'p-9',
  address: '10.0.0.1',
  reason: null,
  details: { view: 'summary', pages: [1, 2], nested: { z: 1, a: 'ā' } },
};

describe('canonical audit leaf encoding', () => {
  it('writes sorted keys, no whitespace, UTC time with milliseconds', () => {
    expect(encodeAuditLeaf(event).toString('utf8')).toBe(
      '{"action":"person.read","actorId":"u-1","address":"10.0.0.1","at":"2025-06-30T21:30:00.000Z",' +
        '"details":{"nested":{"a":"ā","z":1},"pages":[1,2],"view":"summary"},"entityId":"p-9",' +
        '"entityType":"person","personId":"p-9","reason":null,"seq":7}',
    );
  });

  it('gives the same bytes for an ISO string time, a different key order and extra row columns', () => {
    const reordered = {
      leafHash: 'ignored',
      details: { view: 'summary', nested: { a: 'ā', z: 1 }, pages: [1, 2] },
      reason: null,
      address: '10.0.0.1',
      personId: 'p-9',
      entityId: 'p-9',
      entityType: 'person',
      action: 'person.read',
      actorId: 'u-1',
      at: '2025-06-30T21:30:00Z',
      seq: 7,
    };
    expect(encodeAuditLeaf(reordered).equals(encodeAuditLeaf(event))).toBe(true);
  });

  it('equals the generic canonical JSON of the ten fields, and its leaf hash is SHA-256(0x00 || bytes)', () => {
    const { at, ...rest } = event;
    expect(encodeAuditLeaf(event).toString()).toBe(
      canonicalJson({ ...rest, at: (at as Date).toISOString() }),
    );
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update(encodeAuditLeaf(event))
      .digest();
    expect(toHex(auditLeafHash(event))).toBe(toHex(expected));
  });

  it('changes with every field, so no field can be altered unseen', () => {
    const base = toHex(auditLeafHash(event));
    const variants: Partial<AuditLeafEvent>[] = [
      { seq: 8 },
      { at: new Date('2025-06-30T21:30:00.001Z') },
      { actorId: 'u-2' },
      { action: 'person.created' },
      { entityType: 'request' },
      { entityId: 'p-8' },
      { personId: null },
      { address: '10.0.0.2' },
      { reason: 'case review' },
      { details: {} },
    ];
    for (const change of variants) expect(toHex(auditLeafHash({ ...event, ...change }))).not.toBe(base);
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => encodeAuditLeaf({ ...event, seq: 1.5 })).toThrow(TypeError);
    expect(() => encodeAuditLeaf({ ...event, at: 'not a date' })).toThrow(RangeError);
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date(0) })).toBe(
      '{"b":[null],"c":"1970-01-01T00:00:00.000Z"}',
    );
  });
});

describe('string quoting', () => {
  it('escapes exactly as JSON.stringify does, including quotes, controls and lone surrogates', () => {
    for (const value of [
      'plain',
      'a"b',
      'back\\slash',
      'tab\there',
      'nul\u0000',
      'ā ē ī ō ū',
      '\u2028',
      '\ud800',
      '😀',
    ]) {
      expect(canonicalJson(value)).toBe(JSON.stringify(value));
      expect(canonicalJson({ [value]: value })).toBe(JSON.stringify({ [value]: value }));
    }
  });
});
