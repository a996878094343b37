import { humanise } from '../../format.ts';

// Words for the decision, release and disclosure values. Pure, so e2e/release.test.ts checks them in Node.

export const outcomeLabels: Record<string, string> = {
  granted: 'Granted',
  'granted-in-part': 'Granted in part',
  'granted-with-conditions': 'Released with conditions (s 54)',
  refused: 'Refused',
  'neither-confirm-nor-deny': 'Neither confirmed nor denied (s 47)',
  corrected: 'Corrected',
  'corrected-in-part': 'Corrected in part',
  'correction-refused': 'Correction refused',
  upheld: 'Complaint upheld',
  'not-upheld': 'Complaint not upheld',
};

/** Outcomes that release information (src/law/lifecycle.ts RELEASING_OUTCOMES). */
export const releasingOutcomes = ['granted', 'granted-in-part', 'granted-with-conditions'];

/** Outcomes that withhold something and so rely on grounds from the Act. */
export const withholdingOutcomes = ['granted-in-part', 'refused', 'neither-confirm-nor-deny'];

/** Outcomes that take effect without the decision maker's approval (C.09.05 covers refusals and partial releases). */
export const outcomesWithoutApproval = ['granted', 'corrected'];

export const decisionStatusLabels: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  approved: 'Approved',
  returned: 'Returned to the officer',
  superseded: 'Replaced by a later draft',
};

export const scheduleOutcomeLabels: Record<string, string> = {
  released: 'Released',
  'withheld-in-part': 'Withheld in part',
  withheld: 'Withheld',
};

export const releaseMethods = [
  'email',
  'post',
  'inspection',
  'supervised-viewing',
  'copy-collected',
] as const;
export type ReleaseMethod = (typeof releaseMethods)[number];

export const methodLabels: Record<string, string> = {
  email: 'By e-mail',
  post: 'By post',
  inspection: 'Made available for inspection',
  'supervised-viewing': 'Supervised viewing',
  'copy-collected': 'Copy collected in person',
};

export const releaseStatusLabels: Record<string, string> = {
  built: 'Built, not sent',
  sent: 'Sent',
  'made-available': 'Made available',
};

export const letterKindLabels: Record<string, string> = {
  decision: 'Decision letter',
  extension: 'Extension notice (s 48)',
  transfer: 'Transfer notice (s 43)',
  correction: 'Correction letter',
};

/**
 * A value's words from one of the tables above.
 * @example words(methodLabels, 'email') // 'By e-mail'
 */
export function words(table: Record<string, string>, value: string | null | undefined): string {
  if (!value) return 'Not set';
  return table[value] ?? humanise(value);
}

/**
 * Whether some text looks like an e-mail address (to prefill the send form from the requester's contact).
 * @example looksLikeEmail('hemi@example.nz') // true
 */
export function looksLikeEmail(text: string | null | undefined): boolean {
  return !!text && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

/**
 * Pages of a schedule line, as "3" or "3 to 5".
 * @example pagesText({ fromPage: 3, toPage: 5 }) // '3 to 5'
 */
export function pagesText(entry: { fromPage: number; toPage: number }): string {
  return entry.fromPage === entry.toPage ? String(entry.fromPage) : `${entry.fromPage} to ${entry.toPage}`;
}
