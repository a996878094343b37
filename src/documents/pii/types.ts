/** The kinds of personal information the detector finds (CONTRACT.md span types). */
export const PII_TYPES = [
  'PERSON',
  'PRN',
  'NHI',
  'IRD',
  'PHONE',
  'EMAIL',
  'ADDRESS',
  'DOB',
  'DRIVER_LICENCE',
  'PASSPORT',
  'BANK_ACCOUNT',
  'PLATE',
] as const;

export type PiiType = (typeof PII_TYPES)[number];

/**
 * A suggested span of personal information. `start`/`end` are UTF-16 indices into the text given to
 * `detect` (`text.slice(start, end) === span.text`); `score` is a confidence in 0..1.
 */
export interface Span {
  start: number;
  end: number;
  type: PiiType;
  text: string;
  score: number;
  /** A staff member's name: goes to the staff-safety review (C.09.04). */
  staff?: boolean;
  /** The requester's own information: not suggested for withholding (dropped unless asked for). */
  own?: boolean;
  /** Which recogniser found it, for the reviewer ("checksum", "register", "context", "list", "model", …). */
  source?: string;
}

/** Someone the agency already knows: the person register, the staff directory, the requester. */
export interface KnownPerson {
  name: string;
  kind: 'person' | 'staff' | 'requester';
  prn?: string;
  /** Other identifiers of this person (NHI, phone, …); the requester's are not suggested either. */
  identifiers?: string[];
}

export interface DetectContext {
  knownPeople?: KnownPerson[];
  /**
   * The agency's person record number: a pattern whose first capture group (or whole match) is the
   * number. Default: `PRN` (or "prisoner/person record number") followed by 6–10 digits.
   */
  prnPattern?: RegExp;
  /**
   * The shape of a bare PRN (default 8 digits), suggested at a lower score in a table or list whose
   * heading says 'PRN'.
   */
  prnShape?: RegExp;
  /** Keep the requester's own spans, marked `own: true` (default false: dropped). */
  includeOwn?: boolean;
  /** Use the `compromise` name model as well as the register, lists and context (default true). */
  model?: boolean;
  /**
   * Names found in full elsewhere in the same document (other pages): a lone part of one in this text
   * ('Olivia' on page 3 after 'Olivia Hart' on page 1) is a mention of that person, with their staff and
   * own marks, as it would be on the same page. See `detectDocument`.
   */
  namesElsewhere?: readonly Span[];
}
