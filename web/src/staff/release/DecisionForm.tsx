import { useState } from 'react';
import {
  Button,
  ButtonGroup,
  Checkbox,
  Form,
  problemFor,
  Radios,
  Select,
  TextArea,
  type Problem,
} from '../../components/forms.tsx';
import { formOfReleaseLabels, label } from '../../format.ts';
import type { RequestDetail } from '../../types.ts';
import { actionSpec } from '../actions.ts';
import { Checkboxes } from './Checkboxes.tsx';
import {
  buildDecisionBody,
  decisionQuestions,
  formDiffersReasons,
  initialDecisionValues,
  type DecisionValues,
} from './decision-form.ts';
import { allowsNeitherConfirmNorDeny, groundsForTrack, sectionText } from './grounds.ts';
import { outcomeLabels } from './labels.ts';
import type { Decision } from './types.ts';

const outcomeHints: Record<string, string> = {
  granted:
    'All the information is released. Takes effect when you submit it, unless a staff name waits for the decision maker’s determination (C.09.04).',
  'granted-in-part':
    'Withheld parts are redacted and the rest released. The decision maker approves it (C.09.05).',
  'granted-with-conditions':
    'Released with conditions instead of refusing (s 54). The decision maker approves it.',
  refused: 'The letter gives the reason and the right to complain to the Privacy Commissioner (s 46).',
  corrected: 'The information is corrected as asked. Takes effect when you submit it.',
  'corrected-in-part': 'The decision maker approves it.',
  'correction-refused':
    'The letter gives the reasons and the right to attach a statement of correction (s 63, IPP 7). The decision maker approves it.',
};

/** The s 47 rule (or, for official information, OIA s 10), shown next to the neither-confirm-nor-deny choice. */
function neitherConfirmNorDenyHint(track: string | null): string {
  return track === 'official-information'
    ? 'Official Information Act 1982 s 10: only where the information would be withheld under s 6, 7 or 9(2)(b) and confirming that it exists would itself prejudice that interest.'
    : 'Privacy Act 2020 s 47: only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c), and only when confirming that the information exists would itself prejudice that interest.';
}

/**
 * The officer's draft of the decision: the outcome (only the track's), the grounds from the Act's
 * catalogue (prefilled with the review's), reasons, the form of release (s 56), conditions (s 54) and,
 * on a correction request, what was asked for and done.
 */
export function DecisionForm({
  request,
  current,
  suggestedGrounds,
  problems,
  busy,
  onProblems,
  onSave,
}: {
  request: RequestDetail;
  current: Decision | null;
  suggestedGrounds: string[];
  problems: Problem[];
  busy: boolean;
  onProblems: (problems: Problem[]) => void;
  onSave: (body: Record<string, unknown>) => void;
}) {
  const [values, setValues] = useState<DecisionValues>(() =>
    initialDecisionValues(request, current, suggestedGrounds),
  );
  const set =
    <K extends keyof DecisionValues>(key: K) =>
    (value: DecisionValues[K]) =>
      setValues((previous) => ({ ...previous, [key]: value }));
  const track = request.track;
  const asks = decisionQuestions(values.outcome, track);
  const formAsked = request.formOfRelease;
  const outcomes =
    actionSpec('decide', track)
      ?.fields.find((field) => field.kind === 'radios')
      ?.choices.map((choice) => choice.value) ?? [];
  const suggested = new Set(suggestedGrounds);
  const catalogue = groundsForTrack(track);
  const act =
    track === 'official-information'
      ? 'Official Information Act 1982 (ss 6, 9 and 18)'
      : 'Privacy Act 2020 (ss 49 to 53)';

  const submit = () => {
    const built = buildDecisionBody(values, track, formAsked);
    if ('problems' in built) onProblems(built.problems);
    else onSave(built.body);
  };

  return (
    <Form onSubmit={submit} label="Draft the decision">
      <Radios
        id="outcome"
        legend="What is the decision?"
        choices={outcomes.map((value) => ({
          value,
          label: outcomeLabels[value] ?? value,
          hint: value === 'neither-confirm-nor-deny' ? neitherConfirmNorDenyHint(track) : outcomeHints[value],
        }))}
        value={values.outcome}
        onChange={set('outcome')}
        error={problemFor(problems, 'outcome')}
      />
      {asks.grounds ? (
        <Checkboxes
          id="grounds"
          legend="Grounds for withholding"
          hint={`From the ${act}. The grounds used in the document review are ticked already.`}
          choices={catalogue.map((ground) => ({
            value: ground.code,
            label: `${sectionText(ground.code)}: ${ground.label}`,
            hint: groundHint(
              suggested.has(ground.code),
              values.outcome === 'neither-confirm-nor-deny' &&
                track !== 'official-information' &&
                allowsNeitherConfirmNorDeny(ground.code),
            ),
          }))}
          values={values.grounds}
          onChange={set('grounds')}
          error={problemFor(problems, 'grounds')}
        />
      ) : null}
      {asks.correction ? (
        <>
          <TextArea
            id="correction-information"
            label="Which information did they ask to correct?"
            value={values.correctionInformation}
            onChange={set('correctionInformation')}
            error={problemFor(problems, 'correction-information')}
            rows={3}
          />
          <TextArea
            id="correction-sought"
            label="What correction did they ask for?"
            value={values.correctionSought}
            onChange={set('correctionSought')}
            error={problemFor(problems, 'correction-sought')}
            rows={3}
          />
          {asks.correctionMade ? (
            <TextArea
              id="correction-made"
              label="What correction was made?"
              value={values.correctionMade}
              onChange={set('correctionMade')}
              error={problemFor(problems, 'correction-made')}
              rows={3}
            />
          ) : null}
        </>
      ) : null}
      <TextArea
        id="reasons"
        label="Reasons for the decision"
        hint="These go in the decision letter. Write them as you would explain them to the requester."
        value={values.reasons}
        onChange={set('reasons')}
        error={problemFor(problems, 'reasons')}
      />
      {asks.withholdReasons ? (
        <Checkbox
          id="withholdReasons"
          label="Giving the reasons would itself prejudice the interest the ground protects"
          hint="The letter then says that the reasons are not given, and still gives the right to complain to the Privacy Commissioner (s 46)."
          checked={values.withholdReasons}
          onChange={set('withholdReasons')}
          error={problemFor(problems, 'withholdReasons')}
        />
      ) : null}
      {asks.formOfRelease ? (
        <>
          <Select
            id="formOfRelease"
            label="How will the information be made available?"
            hint={
              formAsked
                ? `They asked for: ${label(formOfReleaseLabels, formAsked)}.`
                : 'They did not say how they would like it.'
            }
            value={values.formOfRelease}
            onChange={set('formOfRelease')}
            error={problemFor(problems, 'formOfRelease')}
            options={Object.entries(formOfReleaseLabels).map(([value, text]) => ({ value, label: text }))}
          />
          {formAsked && values.formOfRelease !== formAsked ? (
            <>
              <Radios
                id="formDiffersGround"
                legend="Why not in the form they asked for?"
                hint="Section 56(2) allows only these reasons. The letter gives the reason and the right to complain."
                choices={Object.entries(formDiffersReasons).map(([value, text]) => ({ value, label: text }))}
                value={values.formDiffersGround}
                onChange={set('formDiffersGround')}
                error={problemFor(problems, 'formDiffersGround')}
              />
              <TextArea
                id="formDiffersReason"
                label="Explain why"
                hint="For example, the file runs to 4,000 pages."
                value={values.formDiffersReason}
                onChange={set('formDiffersReason')}
                error={problemFor(problems, 'formDiffersReason')}
                rows={3}
              />
            </>
          ) : null}
        </>
      ) : null}
      {asks.conditions ? (
        <TextArea
          id="conditions"
          label="Conditions of release"
          hint="Section 54: for example, that the information is read under supervision, or not copied or shared."
          value={values.conditions}
          onChange={set('conditions')}
          error={problemFor(problems, 'conditions')}
          rows={3}
        />
      ) : null}
      <ButtonGroup>
        <Button disabled={busy}>Save the draft</Button>
      </ButtonGroup>
    </Form>
  );
}

function groundHint(suggested: boolean, ncndAllowed: boolean): string | undefined {
  const parts: string[] = [];
  if (suggested) parts.push('Used in the document review.');
  if (ncndAllowed) parts.push('Section 47 allows neither confirm nor deny on this ground.');
  return parts.length > 0 ? parts.join(' ') : undefined;
}
