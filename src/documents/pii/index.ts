export { detect, detectDocument } from './detect.ts';
export { isValidIrd, isValidNhi, isValidNzBankAccount } from './checks.ts';
export { DEFAULT_PRN_PATTERN } from './recognisers.ts';
export { toCodePointOffsets } from './offsets.ts';
export { PII_TYPES, type DetectContext, type KnownPerson, type PiiType, type Span } from './types.ts';
