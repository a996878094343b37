/**
 * Statements of correction (Privacy Act 2020, IPP 7 and ss 59–65), as pure rules: when one may be attached,
 * who received the information earlier and must be told, and what they are told.
 */
import type { NotifiedRecipient } from './corrections.schema.ts';

/** Longest text accepted for each field; long enough for a page of the person's own words. */
export const STATEMENT_LIMITS = { information: 2000, statement: 10_000 } as const;

/** Decision outcomes that leave some of the correction sought unmade, so a statement may be attached. */
export const OUTCOMES_ALLOWING_STATEMENT: readonly string[] = ['correction-refused', 'corrected-in-part'];

export interface RequestFacts {
  status: string;
  track: string | null;
}

export interface DecisionFacts {
  status: string;
  outcome: string;
}

const RIGHT =
  'IPP 7 (ss 59–65): if the information is not corrected, the person is given reasons and the right to have a statement of correction attached';

/**
 * Why a statement of correction cannot be recorded on this request, in words, or null when it can: only on a
 * correction request whose latest decision is approved and leaves some of the correction unmade.
 *
 * @example statementRefusal({ status: 'decided', track: 'privacy-correction' }, { status: 'approved', outcome: 'correction-refused' }) // null
 * @example statementRefusal({ status: 'decided', track: 'privacy-correction' }, { status: 'approved', outcome: 'corrected' })
 *          // 'The information was corrected in full, so there is nothing to attach a statement to. IPP 7 …'
 */
export function statementRefusal(request: RequestFacts, latestDecision: DecisionFacts | null): string | null {
  if (request.status === 'awaiting-triage' || request.track !== 'privacy-correction') {
    return `Only a request for correction of personal information can carry a statement of correction; this request is not on the correction track. ${RIGHT}.`;
  }
  if (!latestDecision) {
    return `The request has no decision yet: a statement of correction is attached once the agency has decided not to make the correction sought. ${RIGHT}.`;
  }
  if (latestDecision.status !== 'approved') {
    return `The decision on this request is ${latestDecision.status}, not approved: a statement of correction is attached once the decision not to correct is final. ${RIGHT}.`;
  }
  if (latestDecision.outcome === 'corrected') {
    return `The information was corrected in full, so there is nothing to attach a statement to. ${RIGHT}.`;
  }
  if (!OUTCOMES_ALLOWING_STATEMENT.includes(latestDecision.outcome)) {
    return `A decision of ${JSON.stringify(latestDecision.outcome)} is not a decision on a correction. ${RIGHT}.`;
  }
  return null;
}

/**
 * The earlier recipients to tell (IPP 7: tell earlier recipients where practicable): each distinct recipient in
 * the person's disclosure log once, with the last time they were given the information, oldest first.
 * Recipients differing only in letter case or surrounding spaces are the same recipient.
 *
 * @example recipientsFromDisclosures([{ recipient: 'a@x.nz', disclosedAt: d1 }, { recipient: 'A@x.nz ', disclosedAt: d2 }])
 *          // [{ recipient: 'a@x.nz', disclosedAt: d2.toISOString(), notifiedAt: null, notifiedBy: null }]
 */
export function recipientsFromDisclosures(
  rows: readonly { recipient: string; disclosedAt: Date }[],
): NotifiedRecipient[] {
  const latest = new Map<string, { recipient: string; disclosedAt: Date }>();
  for (const row of rows) {
    const recipient = row.recipient.trim();
    if (!recipient) continue;
    const key = recipient.toLowerCase();
    const seen = latest.get(key);
    if (!seen || row.disclosedAt > seen.disclosedAt)
      latest.set(key, { recipient: seen?.recipient ?? recipient, disclosedAt: row.disclosedAt });
  }
  return [...latest.values()]
    .sort(
      (a, b) => a.disclosedAt.getTime() - b.disclosedAt.getTime() || a.recipient.localeCompare(b.recipient),
    )
    .map((entry) => ({
      recipient: entry.recipient,
      disclosedAt: entry.disclosedAt.toISOString(),
      notifiedAt: null,
      notifiedBy: null,
    }));
}

export type NotifyResult =
  | { ok: true; recipients: NotifiedRecipient[]; recipient: NotifiedRecipient }
  | { ok: false; problem: 'unknown-recipient' | 'already-notified'; message: string };

/**
 * Marks one earlier recipient as told. The recipient must be one listed on the statement (matched as
 * {@link recipientsFromDisclosures} matches them); telling the same recipient twice is refused.
 *
 * @example markNotified(recipients, 'a@x.nz', staffId, now) // { ok: true, recipients: [...], recipient: { …, notifiedAt } }
 */
export function markNotified(
  recipients: readonly NotifiedRecipient[],
  recipient: string,
  notifiedBy: string,
  at: Date,
): NotifyResult {
  const key = recipient.trim().toLowerCase();
  const index = recipients.findIndex((entry) => entry.recipient.trim().toLowerCase() === key);
  const found = recipients[index];
  if (!found) {
    return {
      ok: false,
      problem: 'unknown-recipient',
      message: 'Not an earlier recipient of this information: choose one listed on the statement',
    };
  }
  if (found.notifiedAt) {
    return {
      ok: false,
      problem: 'already-notified',
      message: `${found.recipient} was already told of this statement of correction on ${found.notifiedAt}`,
    };
  }
  const told: NotifiedRecipient = { ...found, notifiedAt: at.toISOString(), notifiedBy };
  return {
    ok: true,
    recipients: recipients.map((entry, i) => (i === index ? told : entry)),
    recipient: told,
  };
}

/**
 * Whether a recipient is an e-mail address the statement can be sent to (others, such as a person told by
 * post, are marked told by the officer who told them).
 *
 * @example isEmailAddress('records@health.example.nz') // true
 * @example isEmailAddress('Aroha Pōtae (post)') // false
 */
export function isEmailAddress(recipient: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/.test(recipient.trim());
}

/**
 * The e-mail telling an earlier recipient that a statement of correction is now attached to information they
 * were given: the information it relates to and the statement, so they can keep them together.
 *
 * @example statementMail({ reference: 'TK-2026-000012', personName: 'Aroha Pōtae', information: '…', statement: '…', recordedAt }).subject
 *          // 'Statement of correction (TK-2026-000012)'
 */
export function statementMail(facts: {
  reference: string;
  personName: string;
  information: string;
  statement: string;
  recordedAt: Date;
}): { subject: string; text: string } {
  return {
    subject: `Statement of correction (${facts.reference})`,
    text: [
      'Kia ora,',
      '',
      `We earlier gave you personal information about ${facts.personName}. ${facts.personName} asked us to correct part of it.`,
      'We did not make all of the correction they asked for, and at their request a statement of correction is now',
      'attached to that information (Privacy Act 2020, information privacy principle 7). Please keep the',
      'statement with the information wherever you hold or use it.',
      '',
      'The information it relates to:',
      facts.information,
      '',
      `The statement of correction (recorded ${facts.recordedAt.toISOString().slice(0, 10)}):`,
      facts.statement,
      '',
      `Our reference: ${facts.reference}`,
    ].join('\n'),
  };
}
