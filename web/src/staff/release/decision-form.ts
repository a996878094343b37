import type { Problem } from '../../components/forms.tsx';
import { allowsNeitherConfirmNorDeny, groundsForTrack } from './grounds.ts';
import { releasingOutcomes, withholdingOutcomes } from './labels.ts';
import type { Decision } from './types.ts';

// The decision draft form as data: what it starts with, which questions an outcome asks, how answers are
// checked, and the body for POST /api/requests/:id/decision. Pure, so it is tested in Node.

export interface DecisionValues {
  outcome: string;
  grounds: string[];
  reasons: string;
  withholdReasons: boolean;
  formOfRelease: string;
  /** Which of the s 56(2) reasons applies (a key of formDiffersReasons). */
  formDiffersGround: string;
  formDiffersReason: string;
  conditions: string;
  correctionInformation: string;
  correctionSought: string;
  correctionMade: string;
}

/** Input ids of the form, by the API's field path (so the server's errors link to the right input). */
export const decisionInputIds: Record<string, string> = {
  outcome: 'outcome',
  grounds: 'grounds',
  reasons: 'reasons',
  withholdReasons: 'withholdReasons',
  formOfRelease: 'formOfRelease',
  formDiffersReason: 'formDiffersReason',
  formDiffersGround: 'formDiffersGround',
  conditions: 'conditions',
  'correction.information': 'correction-information',
  'correction.correctionSought': 'correction-sought',
  'correction.correctionMade': 'correction-made',
};

/**
 * The only reasons s 56(2) allows for not giving the information in the form asked for, as the API
 * reads them (src/decisions/decisions.rules.ts FORM_DIFFERS_REASONS): the code, a colon, then why.
 */
export const formDiffersReasons: Record<string, string> = {
  'impair-efficient-administration': 'Would impair efficient administration',
  'contrary-to-legal-duty': 'Would be contrary to a legal duty',
  'prejudice-protected-interest': 'Would prejudice an interest protected by ss 49–53',
};

/**
 * A stored reason ("Would impair efficient administration: 4,000 pages") split back into its s 56(2)
 * reason and the explanation; an unrecognised one is all explanation.
 * @example splitFormDiffersReason('Would be contrary to a legal duty: a court order') // { ground: 'contrary-to-legal-duty', reason: 'a court order' }
 */
export function splitFormDiffersReason(text: string | null): { ground: string; reason: string } {
  if (!text) return { ground: '', reason: '' };
  for (const [code, words] of Object.entries(formDiffersReasons)) {
    if (text.startsWith(`${words}:`)) return { ground: code, reason: text.slice(words.length + 1).trim() };
  }
  return { ground: '', reason: text };
}

/** Which questions the form asks for an outcome on a track. */
export interface DecisionQuestions {
  grounds: boolean;
  withholdReasons: boolean;
  formOfRelease: boolean;
  conditions: boolean;
  correction: boolean;
  correctionMade: boolean;
}

/**
 * The questions an outcome needs: grounds when something is withheld (or released with conditions
 * instead of refusing, s 54), the form of release when information is released (s 56), the correction
 * details on a correction request.
 * @example decisionQuestions('granted', 'privacy-access').grounds // false
 */
export function decisionQuestions(outcome: string, track: string | null): DecisionQuestions {
  const grounds = withholdingOutcomes.includes(outcome) || outcome === 'granted-with-conditions';
  const correction = track === 'privacy-correction';
  return {
    grounds: grounds && track !== 'complaint',
    withholdReasons: grounds,
    formOfRelease: releasingOutcomes.includes(outcome),
    conditions: outcome === 'granted-with-conditions',
    correction,
    correctionMade: correction && (outcome === 'corrected' || outcome === 'corrected-in-part'),
  };
}

/**
 * What the form starts with: an open draft (draft or returned) as it was, otherwise nothing chosen, the
 * grounds the review suggests and the form of release the requester asked for.
 */
export function initialDecisionValues(
  request: { track: string | null; formOfRelease: string | null },
  current: Decision | null,
  suggestedGrounds: string[],
): DecisionValues {
  if (current && (current.status === 'draft' || current.status === 'returned')) {
    const differs = splitFormDiffersReason(current.formDiffersReason);
    return {
      outcome: current.outcome,
      grounds: [...current.grounds],
      reasons: current.reasons,
      withholdReasons: current.withholdReasons,
      formOfRelease: current.formOfRelease ?? request.formOfRelease ?? 'copy',
      formDiffersGround: differs.ground,
      formDiffersReason: differs.reason,
      conditions: current.conditions ?? '',
      correctionInformation: current.correction?.information ?? '',
      correctionSought: current.correction?.correctionSought ?? '',
      correctionMade: current.correction?.correctionMade ?? '',
    };
  }
  const catalogue = new Set(groundsForTrack(request.track).map((ground) => ground.code));
  return {
    outcome: '',
    grounds: suggestedGrounds.filter((code) => catalogue.has(code)),
    reasons: '',
    withholdReasons: false,
    formOfRelease: request.formOfRelease ?? 'copy',
    formDiffersGround: '',
    formDiffersReason: '',
    conditions: '',
    correctionInformation: '',
    correctionSought: '',
    correctionMade: '',
  };
}

/**
 * Checks the answers; returns the problems (by input id) or the body for the API.
 * @example buildDecisionBody({ ...values, outcome: '' }, track, asked) // { problems: [{ target: 'outcome', … }] }
 */
export function buildDecisionBody(
  values: DecisionValues,
  track: string | null,
  formAsked: string | null,
): { problems: Problem[] } | { body: Record<string, unknown> } {
  const problems: Problem[] = [];
  const outcome = values.outcome;
  if (!outcome) {
    return { problems: [{ target: 'outcome', message: 'Select the decision' }] };
  }
  const asks = decisionQuestions(outcome, track);
  const body: Record<string, unknown> = { outcome };

  const catalogue = new Set(groundsForTrack(track).map((ground) => ground.code));
  const grounds = asks.grounds ? values.grounds.filter((code) => catalogue.has(code)) : [];
  if (asks.grounds && withholdingOutcomes.includes(outcome) && grounds.length === 0) {
    problems.push({ target: 'grounds', message: 'Select the grounds for withholding' });
  }
  if (outcome === 'neither-confirm-nor-deny' && track !== 'official-information') {
    const notAllowed = grounds.filter((code) => !allowsNeitherConfirmNorDeny(code));
    if (notAllowed.length > 0) {
      problems.push({
        target: 'grounds',
        message: `Neither confirm nor deny is allowed only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c) (s 47), not on ${notAllowed.join(', ')}`,
      });
    }
  }
  body.grounds = grounds;

  const reasons = values.reasons.trim();
  if (!reasons && outcome !== 'granted' && outcome !== 'corrected') {
    problems.push({ target: 'reasons', message: 'Enter the reasons for the decision' });
  }
  body.reasons = reasons;
  if (asks.withholdReasons) body.withholdReasons = values.withholdReasons;

  if (asks.formOfRelease) {
    if (!values.formOfRelease) {
      problems.push({
        target: 'formOfRelease',
        message: 'Select how the information will be made available',
      });
    } else {
      body.formOfRelease = values.formOfRelease;
      if (formAsked && values.formOfRelease !== formAsked) {
        const ground = values.formDiffersGround;
        const why = values.formDiffersReason.trim();
        if (!formDiffersReasons[ground]) {
          problems.push({
            target: 'formDiffersGround',
            message: 'Select why the information will not be given in the form asked for (s 56(2))',
          });
        }
        if (why.length < 3) {
          problems.push({
            target: 'formDiffersReason',
            message: 'Explain why the form asked for cannot be used',
          });
        }
        if (formDiffersReasons[ground] && why.length >= 3) body.formDiffersReason = `${ground}: ${why}`;
      }
    }
  }

  if (asks.conditions) {
    const conditions = values.conditions.trim();
    if (!conditions) problems.push({ target: 'conditions', message: 'Enter the conditions of release' });
    else body.conditions = conditions;
  }

  if (asks.correction) {
    const information = values.correctionInformation.trim();
    const correctionSought = values.correctionSought.trim();
    const correctionMade = values.correctionMade.trim();
    if (!information) {
      problems.push({
        target: 'correction-information',
        message: 'Enter the information the person asked to correct',
      });
    }
    if (!correctionSought) {
      problems.push({ target: 'correction-sought', message: 'Enter the correction the person asked for' });
    }
    if (asks.correctionMade && !correctionMade) {
      problems.push({ target: 'correction-made', message: 'Enter the correction that was made' });
    }
    body.correction = {
      information,
      correctionSought,
      correctionMade: asks.correctionMade ? correctionMade : null,
    };
  }

  return problems.length > 0 ? { problems } : { body };
}
