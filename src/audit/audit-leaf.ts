/**
 * The audit leaf encoding has one implementation, in the Merkle module; this name stays for the callers
 * that import it from here.
 */
export { auditLeafHash, encodeAuditLeaf, type AuditLeafEvent as AuditLeafFields } from './merkle/leaf.ts';
