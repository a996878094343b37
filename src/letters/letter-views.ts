/**
 * What each template is given (pure): the letterhead and the statements src/law/notices.ts says the
 * letter must make, shaped for Mustache (flags for optional parts, lists as arrays).
 */
import type { IsoDate } from '../law/calendar.ts';
import {
  accessDecisionNotice,
  correctionNotice,
  extensionNotice,
  longDate,
  transferNotice,
  type AccessDecisionFacts,
  type CorrectionFacts,
  type ExtensionNoticeFacts,
  type TransferNoticeFacts,
} from '../law/notices.ts';

/** Who the letter is from and to, and about which request. */
export interface LetterHead {
  agency: string;
  reference: string;
  date: IsoDate;
  /** The requester (the person themselves, or their agent). */
  requesterName: string;
  subjectName: string;
  contact: string | null;
  receivedDate: IsoDate;
  description: string;
  signerName: string;
  signerTitle: string;
}

/**
 * How a staff member signs a letter.
 * @example signerTitle('decision-maker') // 'Decision maker'
 */
export function signerTitle(role: string): string {
  switch (role) {
    case 'decision-maker':
      return 'Decision maker';
    case 'officer':
      return 'Privacy officer';
    default:
      return 'Privacy Office';
  }
}

function head(h: LetterHead, title: string) {
  return {
    title,
    agency: h.agency,
    reference: h.reference,
    date: longDate(h.date),
    addressee: h.requesterName,
    contact: h.contact,
    receivedDate: longDate(h.receivedDate),
    aboutSomeoneElse: h.subjectName.trim().toLowerCase() !== h.requesterName.trim().toLowerCase(),
    subjectName: h.subjectName,
    description: h.description.trim(),
    signerName: h.signerName,
    signerTitle: h.signerTitle,
  };
}

/** "s49(1)(a)(i)" as a letter writes it: "s 49(1)(a)(i)". */
const cite = (code: string) => (code.startsWith('s') ? `s ${code.slice(1)}` : code);

/** The decision letter on an access request (Privacy Act or OIA). */
export function decisionLetterView(h: LetterHead, facts: AccessDecisionFacts) {
  const notice = accessDecisionNotice(facts);
  const groundsHeading =
    facts.outcome === 'neither-confirm-nor-deny'
      ? 'The ground for this decision'
      : facts.outcome === 'refused'
        ? 'Why we are refusing your request'
        : 'Why information is withheld';
  return {
    ...head(
      h,
      facts.track === 'official-information'
        ? 'Decision on your Official Information Act request'
        : 'Decision on your request for personal information',
    ),
    ...notice,
    hasDocuments: notice.documents.length > 0,
    documents: notice.documents.map((doc) => ({
      ...doc,
      groundCodes: doc.grounds.map((g) => cite(g.code)).join(', '),
    })),
    hasGrounds: notice.grounds.length > 0,
    groundsHeading,
  };
}

/** The extension notice. */
export function extensionLetterView(h: LetterHead, facts: ExtensionNoticeFacts) {
  return { ...head(h, 'We need more time to decide your request'), ...extensionNotice(facts) };
}

/** The transfer notice. */
export function transferLetterView(h: LetterHead, facts: TransferNoticeFacts) {
  return { ...head(h, 'Your request has been transferred'), ...transferNotice(facts) };
}

/** The decision on a correction request. */
export function correctionLetterView(h: LetterHead, facts: CorrectionFacts) {
  return {
    ...head(h, 'Decision on your request to correct personal information'),
    ...correctionNotice(facts),
  };
}
