/**
 * The tamper-evident audit log's pure core: RFC 9162 Merkle tree, proofs, signed checkpoints and
 * whole-log verification. No I/O: the database layer feeds it rows and stores what it returns.
 */
export {
  EMPTY_ROOT,
  HASH_SIZE,
  equalHashes,
  fromHex,
  leafHash,
  nodeHash,
  splitPoint,
  toHex,
  type Hash,
} from './hash.ts';
export { CompactRange, MerkleTree } from './tree.ts';
export {
  decodeConsistencyProof,
  decodeInclusionProof,
  encodeConsistencyProof,
  encodeInclusionProof,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyProof,
  type InclusionProof,
} from './proofs.ts';
export { auditLeafHash, canonicalJson, encodeAuditLeaf, type AuditLeafEvent } from './leaf.ts';
export {
  checkpointBody,
  createCheckpoint,
  parseVerifierKey,
  verifierKey,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointVerdict,
} from './checkpoint.ts';
export {
  LogVerifier,
  verifyLog,
  type AuditLogRow,
  type LogProblem,
  type LogVerdict,
  type TrustedCheckpoint,
} from './verify-log.ts';
