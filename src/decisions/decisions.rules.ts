/**
 * The rules a decision must meet before it is stored (pure): the outcome fits the track (Privacy Act 2020
 * s 44, s 63; OIA ss 15, 18), grounds come from the track's Act, neither-confirm-nor-deny only on the
 * grounds s 47 (OIA s 10) allows, conditions only on a release with conditions (s 54), a form of release
 * for anything released (s 45) with the s 56(2) reason when it differs from the one asked for, and
 * correction details on the correction track (IPP 7). Which decisions need the decision maker (C.09.05).
 */
import {
  groundByCode,
  neitherConfirmNorDenyAllowed,
  OIA_GROUNDS,
  parseGroundCode,
  PRIVACY_GROUNDS,
  type GroundAct,
} from '../law/grounds.ts';
import { OUTCOMES_BY_TRACK, type DecisionOutcome, type Track } from '../law/lifecycle.ts';
import { formsOfRelease } from '../requests/requests.rules.ts';
import type { CorrectionDetails } from './decisions.schema.ts';

export const decisionStatuses = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/** A field the decision got wrong, and why. */
export interface DecisionProblem {
  path: string;
  message: string;
}

/** What the officer drafts. */
export interface DecisionInput {
  outcome: string;
  grounds: readonly string[];
  reasons?: string | null | undefined;
  withholdReasons?: boolean | undefined;
  formOfRelease?: string | null | undefined;
  formDiffersReason?: string | null | undefined;
  conditions?: string | null | undefined;
  correction?:
    | { information: string; correctionSought: string; correctionMade?: string | null | undefined }
    | null
    | undefined;
}

/** What the rules need to know about the request. */
export interface DecisionContext {
  track: Track;
  /** The form of release the requester asked for, if any. */
  formAsked: string | null;
  /** Grounds review has already withheld on (accepted marks, documents withheld in full). */
  reviewGrounds: readonly string[];
}

/** A decision that meets the rules, normalised (canonical ground codes, trimmed text). */
export interface CheckedDecision {
  outcome: DecisionOutcome;
  grounds: string[];
  reasons: string;
  withholdReasons: boolean;
  formOfRelease: string | null;
  formDiffersReason: string | null;
  conditions: string | null;
  correction: CorrectionDetails | null;
  needsApproval: boolean;
}

export type DecisionCheck =
  { ok: true; decision: CheckedDecision } | { ok: false; problems: DecisionProblem[] };

const RELEASING: readonly DecisionOutcome[] = ['granted', 'granted-in-part', 'granted-with-conditions'];
const NEEDS_GROUNDS: readonly DecisionOutcome[] = [
  'granted-in-part',
  'granted-with-conditions',
  'refused',
  'neither-confirm-nor-deny',
];
const CORRECTION_OUTCOMES: readonly DecisionOutcome[] = [
  'corrected',
  'corrected-in-part',
  'correction-refused',
];

/**
 * Whether a decision needs the decision maker's approval (C.09.05): every refusal, partial release,
 * release on conditions, neither-confirm-nor-deny and refusal (in whole or part) to correct. A grant in
 * full, or a correction made in full, the officer may finalise.
 * @example needsApproval('granted') // false
 * @example needsApproval('granted-in-part') // true
 */
export function needsApproval(outcome: string): boolean {
  return outcome !== 'granted' && outcome !== 'corrected';
}

/**
 * The note recorded when the officer finalises a decision that needs no approval.
 * @example officerFinalisedNote('granted') // 'no C.09.05 approval needed for a full grant'
 */
export function officerFinalisedNote(outcome: string): string {
  return outcome === 'corrected'
    ? 'no C.09.05 approval needed for a correction made in full'
    : 'no C.09.05 approval needed for a full grant';
}

/** Whether decisions on this track are made here; a complaint is answered elsewhere. */
export function decidableTrack(track: Track | null): string | null {
  if (track === null) return 'Triage the request before drafting a decision';
  if (track === 'complaint') return 'A complaint is not decided with a decision on access or correction';
  return null;
}

/** The Act whose grounds apply on a track. */
export function actOfTrack(track: Track): GroundAct {
  return track === 'official-information' ? 'oia' : 'privacy';
}

const ACT_NAMES: Record<GroundAct, string> = {
  privacy: 'Privacy Act 2020 (ss 49–53)',
  oia: 'Official Information Act 1982 (ss 6, 9, 18)',
};

/**
 * Whether the OIA allows neither confirming nor denying on a ground (OIA s 10: only where the interest
 * protected by s 6, s 7 or s 9(2)(b) would be prejudiced; s 7 is not in the catalogue).
 * @example oiaNeitherConfirmNorDenyAllowed('s6(c)') // true
 * @example oiaNeitherConfirmNorDenyAllowed('s9(2)(a)') // false
 */
export function oiaNeitherConfirmNorDenyAllowed(code: string): boolean {
  const canonical = parseGroundCode(code, 'oia');
  return canonical !== null && (canonical.startsWith('s6(') || canonical.startsWith('s9(2)(b)'));
}

/** The codes in the order the Act lists them, each once. */
export function inCatalogueOrder(codes: Iterable<string>): string[] {
  const order = new Map([...PRIVACY_GROUNDS, ...OIA_GROUNDS].map((g, index) => [g.code, index]));
  return [...new Set(codes)].sort(
    (a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER),
  );
}

/** The reasons s 56(2) (OIA s 16(2)) allows for giving information in a form other than the one asked for. */
export const FORM_DIFFERS_REASONS = Object.freeze({
  'impair-efficient-administration': {
    words: 'Would impair efficient administration',
    pattern: /efficient(ly)?\s+administ/i,
  },
  'contrary-to-legal-duty': {
    words: 'Would be contrary to a legal duty',
    pattern: /legal\s+duty/i,
  },
  'prejudice-protected-interest': {
    words: 'Would prejudice an interest protected by ss 49–53',
    pattern: /prejudic/i,
  },
});

export type FormDiffersReasonCode = keyof typeof FORM_DIFFERS_REASONS;

const FORM_DIFFERS_HELP =
  'Give one of the s 56(2) reasons — "Would impair efficient administration", "Would be contrary to a legal duty" or "Would prejudice an interest protected by ss 49–53" — then a colon and why, e.g. "Would impair efficient administration: the file runs to 4,000 pages"';

/**
 * Reads the reason for a form of release other than the one asked for (s 56(2)): one of the three reasons
 * the Act allows, in words or as its code, then a colon and the explanation. Without a colon the text must
 * name one of the reasons and explain it in a sentence.
 * @example parseFormDiffersReason('impair-efficient-administration: 4,000 pages') // { ok: true, reason: 'impair-efficient-administration', text: 'Would impair efficient administration: 4,000 pages' }
 * @example parseFormDiffersReason('we prefer PDF').ok // false
 */
export function parseFormDiffersReason(
  input: string,
): { ok: true; reason: FormDiffersReasonCode; text: string } | { ok: false; message: string } {
  const text = input.trim();
  const entries = Object.entries(FORM_DIFFERS_REASONS) as Array<
    [FormDiffersReasonCode, (typeof FORM_DIFFERS_REASONS)[FormDiffersReasonCode]]
  >;
  const colon = text.indexOf(':');
  if (colon > 0) {
    const head = text.slice(0, colon).trim();
    const tail = text.slice(colon + 1).trim();
    const match = entries.find(([code, r]) => head.toLowerCase() === code || r.pattern.test(head));
    if (match && tail.length >= 3) {
      return { ok: true, reason: match[0], text: `${match[1].words}: ${tail}` };
    }
    if (match) return { ok: false, message: `Say why, after "${head}:"` };
  }
  const matches = entries.filter(([, r]) => r.pattern.test(text));
  if (matches.length > 0 && text.split(/\s+/).length >= 6) {
    return { ok: true, reason: (matches[0] as (typeof matches)[number])[0], text };
  }
  return { ok: false, message: FORM_DIFFERS_HELP };
}

const blank = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '';

/**
 * Checks a drafted decision against the Act and normalises it; every problem names its field.
 * @example checkDecision({ outcome: 'neither-confirm-nor-deny', grounds: ['s53(b)'], reasons: '…' }, { track: 'privacy-access', formAsked: null, reviewGrounds: [] }) // { ok: false, problems: [{ path: 'grounds', message: 'Neither confirm nor deny is allowed only on … (Privacy Act 2020 s 47); s53(b) is not one of them' }] }
 */
export function checkDecision(input: DecisionInput, ctx: DecisionContext): DecisionCheck {
  const problems: DecisionProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const allowed = OUTCOMES_BY_TRACK[ctx.track];
  if (!allowed.includes(input.outcome as DecisionOutcome)) {
    problem(
      'outcome',
      `A request on this track (${ctx.track}) is decided as ${allowed.join(', ')}; not ${JSON.stringify(input.outcome)} (Privacy Act 2020 s 44, s 63; Official Information Act 1982 s 15)`,
    );
    return { ok: false, problems };
  }
  const outcome = input.outcome as DecisionOutcome;
  const act = actOfTrack(ctx.track);
  const correctionTrack = ctx.track === 'privacy-correction';

  // Grounds: each from this Act's catalogue.
  const grounds: string[] = [];
  for (const raw of input.grounds) {
    const code = parseGroundCode(raw, act);
    if (code) {
      grounds.push(code);
      continue;
    }
    const other = parseGroundCode(raw);
    problem(
      'grounds',
      other
        ? `${other} is a ground of the ${ACT_NAMES[groundByCode(other)?.act ?? act]}; this request is decided under the ${ACT_NAMES[act]}`
        : `${JSON.stringify(raw)} is not a ground in the ${ACT_NAMES[act]} catalogue`,
    );
  }
  const uniqueGrounds = inCatalogueOrder(grounds);

  if (correctionTrack) {
    if (uniqueGrounds.length > 0) {
      problem(
        'grounds',
        'A decision on a correction request has no withholding grounds; give the reasons instead (IPP 7)',
      );
    }
  } else if (NEEDS_GROUNDS.includes(outcome) && input.grounds.length === 0) {
    problem(
      'grounds',
      `A decision that ${outcome === 'refused' ? 'refuses access' : outcome === 'neither-confirm-nor-deny' ? 'neither confirms nor denies' : 'withholds anything'} must give the ground relied on (${act === 'oia' ? 'Official Information Act 1982 s 19' : 'Privacy Act 2020 s 46'})`,
    );
  } else if (outcome === 'granted' && input.grounds.length > 0) {
    problem('grounds', 'A grant in full withholds nothing; remove the grounds or decide granted-in-part');
  }

  if (outcome === 'neither-confirm-nor-deny') {
    const refusedGrounds = uniqueGrounds.filter((code) =>
      act === 'oia' ? !oiaNeitherConfirmNorDenyAllowed(code) : !neitherConfirmNorDenyAllowed(code),
    );
    if (refusedGrounds.length > 0) {
      problem(
        'grounds',
        act === 'oia'
          ? `Neither confirm nor deny is allowed only where the interest protected by s 6, s 7 or s 9(2)(b) would be prejudiced (Official Information Act 1982 s 10); ${refusedGrounds.join(', ')} ${refusedGrounds.length === 1 ? 'is' : 'are'} not among them`
          : `Neither confirm nor deny is allowed only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c) (Privacy Act 2020 s 47); ${refusedGrounds.join(', ')} ${refusedGrounds.length === 1 ? 'is' : 'are'} not one of them`,
      );
    }
  }

  // What review already withholds must show in the decision.
  if (!correctionTrack) {
    if (outcome === 'granted' && ctx.reviewGrounds.length > 0) {
      problem(
        'outcome',
        `Review withholds parts of the documents (on ${ctx.reviewGrounds.join(', ')}); a grant in full would release them. Decide granted-in-part, or release those parts in review first`,
      );
    }
    if (outcome === 'granted-in-part' || outcome === 'granted-with-conditions') {
      const missing = ctx.reviewGrounds.filter((code) => !uniqueGrounds.includes(code));
      if (missing.length > 0) {
        problem(
          'grounds',
          `Review withholds parts of the documents on ${missing.join(', ')}; the decision must list every ground it relies on`,
        );
      }
    }
  }

  const reasons = (input.reasons ?? '').trim();
  if (needsApproval(outcome) && reasons === '') {
    problem(
      'reasons',
      correctionTrack
        ? 'Give the reasons for not making the correction asked for (IPP 7; Privacy Act 2020 s 63)'
        : 'Give the reasons for the decision (Privacy Act 2020 s 46; Official Information Act 1982 s 19)',
    );
  }
  const withholdReasons = input.withholdReasons ?? false;
  if (withholdReasons && !needsApproval(outcome)) {
    problem('withholdReasons', 'Reasons are withheld only when something is refused or withheld (s 46)');
  }

  const conditions = blank(input.conditions) ? null : (input.conditions as string).trim();
  if (outcome === 'granted-with-conditions' && conditions === null) {
    problem('conditions', 'State the conditions on the release (Privacy Act 2020 s 54)');
  }
  if (outcome !== 'granted-with-conditions' && conditions !== null) {
    problem('conditions', 'Conditions go only with a decision to release with conditions (s 54)');
  }

  // Form of release (s 45, s 56).
  let formOfRelease: string | null = null;
  let formDiffersReason: string | null = null;
  if (RELEASING.includes(outcome)) {
    formOfRelease = blank(input.formOfRelease) ? ctx.formAsked : (input.formOfRelease as string).trim();
    if (formOfRelease === null) {
      problem(
        'formOfRelease',
        `Say how the information will be made available: ${formsOfRelease.join(', ')} (s 45)`,
      );
    } else if (!(formsOfRelease as readonly string[]).includes(formOfRelease)) {
      problem('formOfRelease', `The form of release must be one of ${formsOfRelease.join(', ')} (s 56(1))`);
    } else if (ctx.formAsked !== null && formOfRelease !== ctx.formAsked) {
      if (blank(input.formDiffersReason)) {
        problem(
          'formDiffersReason',
          `The requester asked for ${ctx.formAsked}; give the reason for making it available as ${formOfRelease} instead (s 56(2)). ${FORM_DIFFERS_HELP}`,
        );
      } else {
        const parsed = parseFormDiffersReason(input.formDiffersReason as string);
        if (parsed.ok) formDiffersReason = parsed.text;
        else problem('formDiffersReason', parsed.message);
      }
    }
  } else if (!blank(input.formOfRelease)) {
    problem('formOfRelease', 'Nothing is released on this decision, so it has no form of release');
  }

  // Correction details (IPP 7).
  let correction: CorrectionDetails | null = null;
  if (correctionTrack) {
    const c = input.correction;
    if (!c) {
      problem(
        'correction',
        'Say what information the correction was asked for, the correction sought and what was corrected',
      );
    } else {
      if (blank(c.information))
        problem('correction.information', 'Say which information the request asks to correct');
      if (blank(c.correctionSought))
        problem('correction.correctionSought', 'Say what correction was asked for');
      const made = blank(c.correctionMade) ? null : (c.correctionMade as string).trim();
      if (outcome !== 'correction-refused' && made === null) {
        problem('correction.correctionMade', 'Say what was corrected');
      }
      if (outcome === 'correction-refused' && made !== null) {
        problem(
          'correction.correctionMade',
          'Nothing is corrected when the correction is refused; leave this empty',
        );
      }
      correction = {
        information: c.information.trim(),
        correctionSought: c.correctionSought.trim(),
        correctionMade: made,
      };
    }
  } else if (input.correction) {
    problem('correction', 'Correction details go only with a decision on a correction request');
  }
  if (!correctionTrack && CORRECTION_OUTCOMES.includes(outcome)) {
    problem('outcome', 'Only a correction request is decided as corrected or correction refused');
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    decision: {
      outcome,
      grounds: uniqueGrounds,
      reasons,
      withholdReasons,
      formOfRelease,
      formDiffersReason,
      conditions,
      correction,
      needsApproval: needsApproval(outcome),
    },
  };
}

/**
 * Why a decision in `status` cannot take `step`, or null when it can: only a draft is submitted; only a
 * submitted decision is approved or returned.
 * @example refuseStep('returned', 'submit') // 'This decision was returned by the decision maker; draft a new decision with the changes asked for'
 */
export function refuseStep(status: string, step: 'submit' | 'approve' | 'return'): string | null {
  if (step === 'submit') {
    if (status === 'draft') return null;
    if (status === 'returned') {
      return 'This decision was returned by the decision maker; draft a new decision with the changes asked for';
    }
    return `This decision is ${status}; only a draft can be submitted`;
  }
  if (status === 'submitted') return null;
  return `This decision is ${status}; only a decision submitted to the decision maker can be ${step === 'approve' ? 'approved' : 'returned'}`;
}
