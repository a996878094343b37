import { createHash } from 'node:crypto';

export interface AuditLeafFields {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  personId: string | null;
  address: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The event's canonical bytes: sorted-key JSON without whitespace, `at` as an ISO string. */
export function encodeAuditLeaf(event: AuditLeafFields): Buffer {
  return Buffer.from(canonical({ ...event, at: event.at.toISOString() }), 'utf8');
}

/** RFC 9162 leaf hash: SHA-256(0x00 || leaf). */
export function auditLeafHash(event: AuditLeafFields): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(encodeAuditLeaf(event))
    .digest();
}
