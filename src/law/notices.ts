/**
 * What each letter and notice must say, per the Act: the decision on an access request (Privacy Act 2020
 * ss 44–47, 54, 56, 66–67; OIA ss 10, 16, 19), the extension notice (s 48, s 65; OIA s 15A), the transfer
 * notice (s 43, s 62; OIA s 14) and the decision on a correction request (IPP 7; s 63). Each function takes
 * the facts and returns the statements in words, each citing its section; the templates in
 * src/letters/templates only lay them out.
 */
import type { IsoDate } from './calendar.ts';
import { clockProvisions, EXTENSION_GROUNDS, type ExtensionGround, type StatutoryTrack } from './clocks.ts';
import { groundByCode } from './grounds.ts';
import type { DecisionOutcome } from './lifecycle.ts';

/** A ground as the letter shows it. */
export interface GroundInWords {
  code: string;
  label: string;
  citation: string;
}

/**
 * A ground code in plain English with its citation; an unknown code is shown as it is.
 * @example groundInWords('s53(b)').citation // 'Privacy Act 2020, s 53(b)'
 */
export function groundInWords(code: string): GroundInWords {
  const ground = groundByCode(code);
  return ground
    ? { code: ground.code, label: ground.label, citation: ground.citation }
    : { code, label: code, citation: code };
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
]; // prettier-ignore

/**
 * A calendar date as a letter writes it.
 * @example longDate('2021-02-15') // '15 February 2021'
 */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** The forms in which information may be made available (s 56(1); OIA s 16(1)), as a letter says them. */
export const FORM_OF_RELEASE_WORDS: Readonly<Record<string, string>> = Object.freeze({
  copy: 'a copy of the documents',
  inspect: 'inspection of the documents, supervised by a staff member throughout',
  summary: 'a summary of the information',
  oral: 'an oral account of the information, given in person',
  transcript: 'a written transcript of the information',
  excerpt: 'excerpts from the documents',
  'recording-viewing': 'hearing or viewing the recording',
});

/** The form of release in words; an unknown form is shown as it is. */
export function formInWords(form: string): string {
  return FORM_OF_RELEASE_WORDS[form] ?? form;
}

/** How one document comes out of review, as the decision letter lists it. */
export type DocumentOutcome = 'released' | 'withheld-in-part' | 'withheld';

/** What review decided about one document. */
export interface ReviewedDocument {
  title: string;
  /** undecided, release-in-full, withhold-in-full or partial. */
  disposition: string;
  withholdGround: string | null;
  /** Grounds of the document's accepted marks. */
  markGrounds: readonly string[];
}

/**
 * A document's outcome: withheld when withheld in full; withheld in part when any mark is accepted;
 * otherwise released. The grounds are those it is withheld on, in catalogue order of first use.
 * @example documentOutcome({ title: 'Report', disposition: 'partial', withholdGround: null, markGrounds: ['s53(b)'] }) // { outcome: 'withheld-in-part', grounds: ['s53(b)'] }
 */
export function documentOutcome(doc: ReviewedDocument): { outcome: DocumentOutcome; grounds: string[] } {
  if (doc.disposition === 'withhold-in-full') {
    return { outcome: 'withheld', grounds: doc.withholdGround ? [doc.withholdGround] : [] };
  }
  if (doc.markGrounds.length > 0)
    return { outcome: 'withheld-in-part', grounds: [...new Set(doc.markGrounds)] };
  return { outcome: 'released', grounds: [] };
}

const OUTCOME_OF_DOCUMENT_WORDS: Record<DocumentOutcome, string> = {
  released: 'released in full',
  'withheld-in-part': 'released with some parts withheld',
  withheld: 'withheld in full',
};

/** The Act's words for one track: who hears complaints, and the sections each statement cites. */
interface ActProvisions {
  act: string;
  release: string;
  refusal: string;
  ncnd: string;
  conditions: string | null;
  form: string;
  complaint: string;
  charge: string;
}

function accessProvisions(track: 'privacy-access' | 'official-information'): ActProvisions {
  return track === 'official-information'
    ? {
        act: 'Official Information Act 1982',
        release: 'Official Information Act 1982 s 16',
        refusal: 'Official Information Act 1982 s 19',
        ncnd: 'Official Information Act 1982 s 10',
        conditions: null,
        form: 'Official Information Act 1982 s 16',
        complaint:
          'If you are not happy with this decision, you have the right to ask the Ombudsman to investigate and review it (Official Information Act 1982 s 19). You can contact the Ombudsman at ombudsman.parliament.nz or on 0800 802 602.',
        charge: 'There is no charge for this request.',
      }
    : {
        act: 'Privacy Act 2020',
        release: 'Privacy Act 2020 s 45',
        refusal: 'Privacy Act 2020 s 46',
        ncnd: 'Privacy Act 2020 s 47',
        conditions: 'Privacy Act 2020 s 54',
        form: 'Privacy Act 2020 s 56',
        complaint: privacyComplaint('this decision', 'Privacy Act 2020 s 46'),
        charge:
          'There is no charge. As a public sector agency we may not charge you for making your personal information available (Privacy Act 2020 ss 66–67).',
      };
}

function privacyComplaint(about: string, citation: string): string {
  return `If you are not happy with ${about}, you have the right to complain to the Privacy Commissioner (${citation}). You can contact the Commissioner at privacy.org.nz or on 0800 803 909.`;
}

/** The facts of a decision on an access request (Privacy Act or OIA). */
export interface AccessDecisionFacts {
  track: 'privacy-access' | 'official-information';
  outcome: DecisionOutcome;
  grounds: readonly string[];
  reasons: string;
  withholdReasons: boolean;
  formOfRelease: string | null;
  /** The form the requester asked for, if any. */
  formAsked: string | null;
  formDiffersReason: string | null;
  conditions: string | null;
  documents: readonly ReviewedDocument[];
}

/** What the decision letter says, statement by statement. */
export interface AccessDecisionNotice {
  /** The decision in one sentence. */
  summary: string;
  releases: boolean;
  /** How the information is made available (s 45; OIA s 16); null when nothing is released. */
  release: string | null;
  /** Why the form differs from the one asked for (s 56; OIA s 16); null when it does not. */
  formDiffers: string | null;
  /** The documents and what happens to each: never listed on a neither-confirm-nor-deny decision. */
  documents: Array<{
    title: string;
    outcome: DocumentOutcome;
    outcomeWords: string;
    grounds: GroundInWords[];
  }>;
  /** Each ground relied on, in plain English. */
  grounds: GroundInWords[];
  /** The reasons, or null when giving them would prejudice the interest (then `reasonsWithheld` says so). */
  reasons: string | null;
  reasonsWithheld: string | null;
  /** That grounds in support of the reasons are available on request (s 46; OIA s 19(a)(ii)). */
  groundsInSupport: string | null;
  /** The neither-confirm-nor-deny statement (s 47; OIA s 10). */
  neitherConfirmNorDeny: string | null;
  /** The conditions on release (s 54). */
  conditions: string | null;
  charge: string;
  complaint: string;
}

const WITHHOLDING_OUTCOMES: readonly DecisionOutcome[] = [
  'granted-in-part',
  'granted-with-conditions',
  'refused',
  'neither-confirm-nor-deny',
];

function sentenceList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')}; and ${items[items.length - 1]}`;
}

/**
 * The contents of a decision letter on an access request: what is released and how (s 45), each withheld
 * part's ground in plain English, the reasons unless giving them would prejudice the interest (s 46), the
 * form of release and why it differs from the one asked for (s 56), neither confirm nor deny (s 47),
 * conditions (s 54), no charge (ss 66–67) and the right to complain to the Privacy Commissioner (s 46) —
 * or, on the OIA track, to the Ombudsman (OIA s 19).
 * @example accessDecisionNotice({ track: 'privacy-access', outcome: 'refused', grounds: ['s53(b)'], reasons: '…', withholdReasons: false, formOfRelease: null, formAsked: null, formDiffersReason: null, conditions: null, documents: [] }).summary // 'We have decided to refuse your request.'
 */
export function accessDecisionNotice(facts: AccessDecisionFacts): AccessDecisionNotice {
  const law = accessProvisions(facts.track);
  const ncnd = facts.outcome === 'neither-confirm-nor-deny';
  const releases = ['granted', 'granted-in-part', 'granted-with-conditions'].includes(facts.outcome);
  const grounds = facts.grounds.map(groundInWords);
  const withholds = WITHHOLDING_OUTCOMES.includes(facts.outcome);

  const summary = (() => {
    switch (facts.outcome) {
      case 'granted':
        return 'We have decided to give you all of the information you asked for.';
      case 'granted-in-part':
        return 'We have decided to give you some of the information you asked for. Some parts are withheld: this letter says which, and why.';
      case 'granted-with-conditions':
        return 'We have decided to release the information to you on conditions, instead of refusing your request.';
      case 'refused':
        return 'We have decided to refuse your request.';
      case 'neither-confirm-nor-deny':
        return 'We neither confirm nor deny that the information you asked for exists.';
      // Not outcomes of an access request; the decision rules never let them reach a decision letter.
      case 'corrected':
      case 'corrected-in-part':
      case 'correction-refused':
      case 'upheld':
      case 'not-upheld':
        return `Decision: ${facts.outcome}.`;
    }
  })();

  const form = facts.formOfRelease;
  const release =
    releases && form
      ? `The information will be made available to you in this form: ${formInWords(form)} (${law.release}).` +
        (facts.outcome === 'granted-in-part'
          ? ' The parts we are withholding have been removed from what you receive, and each removed part is labelled with the ground for withholding it.'
          : '')
      : null;
  const formDiffers =
    releases && form && facts.formAsked && form !== facts.formAsked
      ? `You asked for ${formInWords(facts.formAsked)}. We are making the information available in a different form, for this reason (${law.form}): ${sentenceCase(facts.formDiffersReason ?? 'the reason is recorded on your file')} You may complain about this.`
      : null;

  const documents =
    ncnd || !releases
      ? []
      : facts.documents.map((doc) => {
          const { outcome, grounds: docGrounds } = documentOutcome(doc);
          return {
            title: doc.title,
            outcome,
            outcomeWords: OUTCOME_OF_DOCUMENT_WORDS[outcome],
            grounds: docGrounds.map(groundInWords),
          };
        });

  // On neither-confirm-nor-deny the statement under s 47 is the reason: free text could itself confirm.
  const showReasons = !ncnd && !facts.withholdReasons && facts.reasons.trim() !== '';
  const neitherConfirmNorDeny = ncnd
    ? `We can neither confirm nor deny that we hold the information you asked for, because confirming either way would itself be likely to prejudice the interest protected by ${sentenceList(grounds.map((g) => `${g.citation} (${lowerFirst(g.label)})`))} (${law.ncnd}). This letter is not a statement that the information exists or that it does not.`
    : null;

  return {
    summary,
    releases,
    release,
    formDiffers,
    documents,
    grounds,
    reasons: showReasons ? facts.reasons.trim() : null,
    reasonsWithheld:
      withholds && facts.withholdReasons
        ? `We have not set out our reasons in full, because giving them would itself prejudice the interests that withholding protects (${law.refusal}).`
        : null,
    groundsInSupport:
      withholds && !facts.withholdReasons
        ? `You may ask us for the grounds in support of these reasons, and we will give them to you unless doing so would itself prejudice the interests that withholding protects (${law.refusal}).`
        : null,
    neitherConfirmNorDeny,
    conditions:
      facts.outcome === 'granted-with-conditions' && facts.conditions
        ? `Instead of refusing your request, we are releasing the information on the following conditions${law.conditions ? ` (${law.conditions})` : ''}: ${facts.conditions.trim()}`
        : null,
    charge: law.charge,
    complaint: law.complaint,
  };
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** The facts of an extension of the time limit. */
export interface ExtensionNoticeFacts {
  track: StatutoryTrack;
  originalDueDate: IsoDate;
  newDueDate: IsoDate;
  workingDays: number;
  ground: ExtensionGround;
  reason: string;
  noticeDate: IsoDate;
}

/** What an extension notice says: the period, the reasons and the right to complain. */
export interface ExtensionNotice {
  period: string;
  reasons: string;
  complaint: string;
}

/**
 * The extension notice (Privacy Act 2020 s 48; s 65 for corrections; OIA s 15A): it must state the period
 * of the extension, the reasons for it, and the right to complain about it.
 * @example extensionNotice({ track: 'privacy-access', originalDueDate: '2021-02-15', newDueDate: '2021-03-08', workingDays: 15, ground: 'large-quantity', reason: '…', noticeDate: '2021-02-10' }).period // 'We are extending the time limit … by 15 working days, from 15 February 2021 to 8 March 2021 (Privacy Act 2020 s 48).'
 */
export function extensionNotice(facts: ExtensionNoticeFacts): ExtensionNotice {
  const provision = clockProvisions(facts.track).extension;
  const days = facts.workingDays === 1 ? '1 working day' : `${facts.workingDays} working days`;
  return {
    period: `We are extending the time limit for deciding your request by ${days}, from ${longDate(facts.originalDueDate)} to ${longDate(facts.newDueDate)} (${provision}). You will have our decision by ${longDate(facts.newDueDate)} at the latest.`,
    reasons: `We need the extra time because ${EXTENSION_GROUNDS[facts.ground]}. ${sentenceCase(facts.reason)}`,
    complaint:
      facts.track === 'official-information'
        ? `If you are not happy with this extension, you have the right to ask the Ombudsman to investigate and review it (${provision}). You can contact the Ombudsman at ombudsman.parliament.nz or on 0800 802 602.`
        : privacyComplaint('this extension', provision),
  };
}

function sentenceCase(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The facts of a transfer to another agency. */
export interface TransferNoticeFacts {
  track: StatutoryTrack;
  agency: string;
  reason: string;
  noticeDate: IsoDate;
  receivedDate: IsoDate;
}

/** What a transfer notice says. */
export interface TransferNotice {
  transfer: string;
  reason: string;
  next: string;
  complaint: string;
}

/**
 * The transfer notice (Privacy Act 2020 s 43; s 62 for corrections; OIA s 14): the requester is told the
 * request went to another agency, which one, and why.
 * @example transferNotice({ track: 'privacy-access', agency: 'Te Whatu Ora', reason: 'it holds your health records', noticeDate: '2021-01-20', receivedDate: '2021-01-08' }).transfer // 'We have transferred your request of 8 January 2021 to Te Whatu Ora (Privacy Act 2020 s 43).'
 */
export function transferNotice(facts: TransferNoticeFacts): TransferNotice {
  const provision = clockProvisions(facts.track).transfer;
  const agency = facts.agency.trim();
  return {
    transfer: `We have transferred your request of ${longDate(facts.receivedDate)} to ${agency} (${provision}).`,
    reason: `We transferred it because ${lowerFirst(facts.reason)}.`,
    next: `${agency} will deal with your request from now on and will tell you its decision. Please contact them about it.`,
    complaint:
      facts.track === 'official-information'
        ? 'If you are not happy with how your request has been handled, you have the right to ask the Ombudsman to investigate (Official Information Act 1982 s 28). You can contact the Ombudsman at ombudsman.parliament.nz or on 0800 802 602.'
        : privacyComplaint('how your request has been handled', 'Privacy Act 2020, Part 5'),
  };
}

/** For a correction request: what was asked to be corrected and what was done. */
export interface CorrectionFacts {
  outcome: DecisionOutcome;
  information: string;
  correctionSought: string;
  correctionMade: string | null;
  reasons: string;
  withholdReasons: boolean;
}

/** What the decision on a correction request says. */
export interface CorrectionNotice {
  summary: string;
  information: string;
  correctionSought: string;
  correctionMade: string | null;
  reasons: string | null;
  reasonsWithheld: string | null;
  /** The right to a statement of correction (IPP 7), when not everything asked for was corrected. */
  statementOfCorrection: string | null;
  /** That earlier recipients are told of the correction, where practicable (IPP 7). */
  earlierRecipients: string;
  charge: string;
  complaint: string;
}

/**
 * The decision on a correction request (Privacy Act 2020 s 63; information privacy principle 7): what
 * was corrected, or the reasons for not correcting; when not everything was corrected, the right to
 * provide a statement of the correction sought, which is attached so that it is always read with the
 * information and sent to earlier recipients where practicable; and the right to complain.
 * @example correctionNotice({ outcome: 'correction-refused', information: 'date of birth', correctionSought: '3 March 1990', correctionMade: null, reasons: '…', withholdReasons: false }).statementOfCorrection // 'You have the right to give us a statement of the correction you asked for …'
 */
export function correctionNotice(facts: CorrectionFacts): CorrectionNotice {
  const notAll = facts.outcome !== 'corrected';
  const summary =
    facts.outcome === 'corrected'
      ? 'We have corrected the information as you asked.'
      : facts.outcome === 'corrected-in-part'
        ? 'We have corrected some of the information, but not all of the correction you asked for.'
        : 'We have decided not to correct the information.';
  const showReasons = notAll && !facts.withholdReasons && facts.reasons.trim() !== '';
  return {
    summary,
    information: facts.information.trim(),
    correctionSought: facts.correctionSought.trim(),
    correctionMade: facts.correctionMade?.trim() || null,
    reasons: showReasons ? facts.reasons.trim() : null,
    reasonsWithheld:
      notAll && facts.withholdReasons
        ? 'We have not set out our reasons in full, because giving them would itself prejudice the interests the Act protects (Privacy Act 2020 s 63).'
        : null,
    statementOfCorrection: notAll
      ? 'You have the right to give us a statement of the correction you asked for and we did not make. We will attach it to the information so that it is always read with it: it will be shown wherever the information is displayed and sent with it whenever the information is disclosed later (Privacy Act 2020, information privacy principle 7).'
      : null,
    earlierRecipients: notAll
      ? 'Where it is reasonably practicable, we will also send your statement of correction to anyone we have already given the information to (information privacy principle 7).'
      : 'Where it is reasonably practicable, we will tell anyone we have already given the information to about the correction (information privacy principle 7).',
    charge:
      'There is no charge. As a public sector agency we may not charge you for correcting your personal information (Privacy Act 2020 ss 66–67).',
    complaint: privacyComplaint('this decision', 'Privacy Act 2020, Part 5'),
  };
}
