import { dateFromParts, humanise } from '../format.ts';
import type { RequestDetail } from '../types.ts';

type CaseStep = RequestDetail['caseSteps'][number];

// Each lifecycle action the API accepts on POST /api/requests/:id/events, as a form: its questions, how
// to check the answers, and the body to send. The request page only offers what `allowedActions` lists.
// Going for decision, deciding and releasing are not among them: they have their own pages (`caseStepLinks`).

export type ActionField =
  | {
      kind: 'radios';
      name: string;
      legend: string;
      hint?: string;
      /** The error when nothing is chosen (GOV.UK: "Select …"). */
      missing: string;
      choices: Array<{ value: string; label: string; hint?: string }>;
    }
  | { kind: 'textarea'; name: string; label: string; hint?: string }
  | { kind: 'text'; name: string; label: string; hint?: string }
  | { kind: 'date'; name: string; legend: string; hint?: string }
  | { kind: 'officer'; name: string; label: string; hint?: string };

export interface ActionSpec {
  type: string;
  label: string;
  heading: string;
  intro?: string;
  submit: string;
  done: string;
  warning?: boolean;
  fields: ActionField[];
}

const reason = (label: string, hint?: string): ActionField => ({
  kind: 'textarea',
  name: 'reason',
  label,
  ...(hint ? { hint } : {}),
});

export const actionSpecs: ActionSpec[] = [
  {
    type: 'triage',
    label: 'Triage this request',
    heading: 'Which track does this request go on?',
    intro: 'Every new request is triaged within 24 hours of being received.',
    submit: 'Save triage',
    done: 'Request triaged',
    fields: [
      {
        kind: 'radios',
        name: 'track',
        legend: 'Track',
        missing: 'Select the track this request goes on',
        choices: [
          {
            value: 'privacy-access',
            label: 'Privacy: access to personal information',
            hint: 'Privacy Act 2020 s 22, IPP 6',
          },
          {
            value: 'privacy-correction',
            label: 'Privacy: correction of personal information',
            hint: 'IPP 7, ss 59 to 65',
          },
          {
            value: 'official-information',
            label: 'Official information',
            hint: 'The requester is neither the person nor their agent, or asks about other people',
          },
          { value: 'complaint', label: 'Complaint' },
        ],
      },
    ],
  },
  {
    type: 'assign',
    label: 'Assign to an officer',
    heading: 'Who should work on this request?',
    submit: 'Assign',
    done: 'Request assigned',
    fields: [{ kind: 'officer', name: 'officerId', label: 'Officer' }],
  },
  {
    type: 'ask-clarification',
    label: 'Ask the requester to clarify',
    heading: 'What do you need the requester to clarify?',
    intro: 'Ask only what you need to find the information. Write it as you would say it to them.',
    submit: 'Record the question',
    done: 'Clarification question recorded',
    fields: [{ kind: 'textarea', name: 'question', label: 'Question for the requester' }],
  },
  {
    type: 'clarification-answered',
    label: 'Record the clarification answer',
    heading: 'What did the requester say?',
    submit: 'Record the answer',
    done: 'Clarification answer recorded',
    fields: [{ kind: 'textarea', name: 'answer', label: 'Their answer' }],
  },
  {
    type: 'set-urgency',
    label: 'Decide on urgency',
    heading: 'Should this request be treated as urgent?',
    submit: 'Save urgency decision',
    done: 'Urgency decision recorded',
    fields: [
      {
        kind: 'radios',
        name: 'granted',
        legend: 'Urgent',
        missing: 'Select yes if it should be treated as urgent',
        choices: [
          { value: 'yes', label: 'Yes, treat it as urgent' },
          { value: 'no', label: 'No' },
        ],
      },
      reason('Reason', 'This is kept on the request and may be shown to the requester.'),
    ],
  },
  {
    type: 'extend',
    label: 'Extend the time limit',
    heading: 'Extend the time limit',
    intro:
      'A request can be extended once (Privacy Act 2020 s 48), only for a large quantity of information or search, or because consultations are needed. The notice must be sent within the original 20 working days and state the period, the reasons and the right to complain to the Privacy Commissioner.',
    submit: 'Extend',
    done: 'Time limit extended',
    fields: [
      {
        kind: 'radios',
        name: 'ground',
        legend: 'Why is more time needed?',
        missing: 'Select why more time is needed',
        choices: [
          { value: 'large-quantity', label: 'A large quantity of information, or a search through one' },
          { value: 'consultations', label: 'Consultations are needed before deciding' },
        ],
      },
      {
        kind: 'date',
        name: 'newDueDate',
        legend: 'New due date',
        hint: 'For example, 27 3 2026. The period must be reasonable.',
      },
      reason('Reasons for the extension', 'These go in the notice to the requester.'),
    ],
  },
  {
    type: 'transfer',
    label: 'Transfer to another agency',
    heading: 'Transfer this request to another agency',
    intro: 'Transfer within 10 working days of receipt and tell the requester (s 43; s 62 for corrections).',
    submit: 'Transfer',
    done: 'Request transferred',
    fields: [
      { kind: 'text', name: 'agency', label: 'Agency it goes to' },
      reason('Why it is being transferred'),
    ],
  },
  {
    type: 'route-to-oia',
    label: 'Route to the Official Information Act',
    heading: 'Route this request to the Official Information Act',
    intro:
      'For a request by someone who is neither the person nor their authorised agent, or for other people’s information.',
    submit: 'Route to OIA',
    done: 'Request routed to the Official Information Act',
    fields: [reason('Why it is an Official Information Act request')],
  },
  {
    type: 'withdraw',
    label: 'Record that it was withdrawn',
    heading: 'Record that the requester withdrew this request',
    submit: 'Record withdrawal',
    done: 'Withdrawal recorded',
    warning: true,
    fields: [
      reason('How and why they withdrew it', 'For example: “Phoned on 3 March, no longer needs the files.”'),
    ],
  },
  {
    type: 'close',
    label: 'Close the request',
    heading: 'Close this request',
    submit: 'Close request',
    done: 'Request closed',
    warning: true,
    fields: [],
  },
];

/**
 * Steps the request detail lists in `caseSteps`: they have their own pages, because a decision is a record the
 * decision maker approves (C.09.05) and a release is a verified package, not a bare change of status.
 */
export const caseStepLinks: Record<CaseStep, { label: string; page: 'decision' | 'release' }> = {
  'draft-decision': { label: 'Draft the decision', page: 'decision' },
  'approve-decision': { label: 'Approve or return the decision', page: 'decision' },
  release: { label: 'Release the information', page: 'release' },
};

/** Lifecycle steps that were once generic actions, and the page that takes them now (for old links). */
export const pageForStep: Record<string, 'decision' | 'release'> = {
  'submit-for-decision': 'decision',
  decide: 'decision',
  'return-to-officer': 'decision',
  release: 'release',
};

/**
 * The outcome question of a decision, for the decision page's draft form. Not a generic action: the events
 * endpoint refuses `decide`, so it is not in `actionSpecs`.
 */
const decideSpec: ActionSpec = {
  type: 'decide',
  label: 'Draft the decision',
  heading: 'What is the decision?',
  submit: 'Save the draft',
  done: 'Decision drafted',
  fields: [
    { kind: 'radios', name: 'outcome', legend: 'Decision', missing: 'Select the decision', choices: [] },
  ],
};

/** The words for an action (its link text on the request page). */
export function actionLabel(type: string): string {
  return actionSpecs.find((spec) => spec.type === type)?.label ?? humanise(type);
}

const outcomeChoices: Record<string, { label: string; hint?: string }> = {
  granted: { label: 'Grant', hint: 'Say how the information will be made available (s 45)' },
  'granted-in-part': {
    label: 'Grant in part',
    hint: 'Withheld parts are deleted or redacted, saying so and why',
  },
  'granted-with-conditions': { label: 'Release with conditions instead of refusing (s 54)' },
  refused: {
    label: 'Refuse',
    hint: 'Give the reason and the right to complain to the Privacy Commissioner (s 46)',
  },
  'neither-confirm-nor-deny': {
    label: 'Neither confirm nor deny (s 47)',
    hint: 'Only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c), when confirming would itself prejudice that interest',
  },
  corrected: { label: 'Correct the information' },
  'corrected-in-part': { label: 'Correct it in part' },
  'correction-refused': {
    label: 'Refuse to correct',
    hint: 'Give reasons and the right to attach a statement of correction (s 63)',
  },
  upheld: { label: 'Complaint upheld' },
  'not-upheld': { label: 'Complaint not upheld' },
};

/** Outcomes each track can end in (src/law/lifecycle.ts OUTCOMES_BY_TRACK). */
const outcomesByTrack: Record<string, string[]> = {
  'privacy-access': [
    'granted',
    'granted-in-part',
    'granted-with-conditions',
    'refused',
    'neither-confirm-nor-deny',
  ],
  'official-information': [
    'granted',
    'granted-in-part',
    'granted-with-conditions',
    'refused',
    'neither-confirm-nor-deny',
  ],
  'privacy-correction': ['corrected', 'corrected-in-part', 'correction-refused'],
  complaint: ['upheld', 'not-upheld'],
};

/**
 * The form for an action on a request of this track; `decide` gives the decision page its outcome question,
 * with only the track's outcomes.
 * @example actionSpec('decide', 'privacy-correction')?.fields[0] // radios: corrected, corrected-in-part, correction-refused
 */
export function actionSpec(type: string, track: string | null = null): ActionSpec | undefined {
  const spec = type === 'decide' ? decideSpec : actionSpecs.find((candidate) => candidate.type === type);
  if (!spec || type !== 'decide') return spec;
  const outcomes = outcomesByTrack[track ?? ''] ?? Object.keys(outcomeChoices);
  return {
    ...spec,
    fields: spec.fields.map((field) =>
      field.kind === 'radios' && field.name === 'outcome'
        ? {
            ...field,
            choices: outcomes.map((value) => {
              const choice = outcomeChoices[value];
              return {
                value,
                label: choice?.label ?? humanise(value),
                ...(choice?.hint ? { hint: choice.hint } : {}),
              };
            }),
          }
        : field,
    ),
  };
}

export type ActionValues = Record<string, string>;

/** The id of the input an answer (or an API error path) belongs to. */
export function inputIdFor(field: ActionField): string {
  return field.kind === 'date' ? `${field.name}-day` : field.name;
}

/**
 * Checks the answers; returns the problems (by input id) or the body for the API.
 * @example buildActionBody(actionSpec('withdraw')!, { reason: '' }) // { problems: [{ target: 'reason', message: 'Enter how and why they withdrew it' }] }
 */
export function buildActionBody(
  spec: ActionSpec,
  values: ActionValues,
): { problems: Array<{ target: string; message: string }> } | { body: Record<string, unknown> } {
  const problems: Array<{ target: string; message: string }> = [];
  const body: Record<string, unknown> = { type: spec.type };
  for (const field of spec.fields) {
    const target = inputIdFor(field);
    switch (field.kind) {
      case 'radios': {
        const value = values[field.name] ?? '';
        if (!value) problems.push({ target, message: field.missing });
        else body[field.name] = field.name === 'granted' ? value === 'yes' : value;
        break;
      }
      case 'officer': {
        const value = values[field.name] ?? '';
        if (!value) problems.push({ target, message: 'Select an officer' });
        else body[field.name] = value;
        break;
      }
      case 'text':
      case 'textarea': {
        const value = (values[field.name] ?? '').trim();
        if (!value) problems.push({ target, message: `Enter ${lowerFirst(field.label)}` });
        else body[field.name] = value;
        break;
      }
      case 'date': {
        const day = values[`${field.name}.day`] ?? '';
        const month = values[`${field.name}.month`] ?? '';
        const year = values[`${field.name}.year`] ?? '';
        if (!day && !month && !year) {
          problems.push({ target, message: `Enter the ${field.legend.toLowerCase()}` });
          break;
        }
        const date = dateFromParts(day, month, year);
        if (!date) problems.push({ target, message: `${field.legend} must be a real date` });
        else body[field.name] = date;
        break;
      }
    }
  }
  return problems.length > 0 ? { problems } : { body };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
