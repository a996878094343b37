import { SummaryList, Tag, type SummaryRow, type TagColour } from '../../components/ui.tsx';
import { formatDateTime, formOfReleaseLabels, label } from '../../format.ts';
import { sectionText } from './grounds.ts';
import { decisionStatusLabels, outcomeLabels, words } from './labels.ts';
import type { Decision } from './types.ts';

const statusColours: Record<string, TagColour> = {
  draft: 'grey',
  submitted: 'purple',
  approved: 'green',
  returned: 'orange',
  superseded: 'grey',
};

export function DecisionStatusTag({ status }: { status: string }) {
  return <Tag colour={statusColours[status] ?? 'grey'}>{words(decisionStatusLabels, status)}</Tag>;
}

/** One decision as check-your-answers rows: what was decided, on which grounds, why, and who did what. */
export function DecisionSummary({ decision }: { decision: Decision }) {
  const rows: SummaryRow[] = [
    { key: 'Decision', value: words(outcomeLabels, decision.outcome) },
    { key: 'Status', value: <DecisionStatusTag status={decision.status} /> },
  ];
  if (decision.grounds.length > 0) {
    const labelled = new Map(decision.groundLabels.map((ground) => [ground.code, ground]));
    rows.push({
      key: 'Grounds',
      value: (
        <ul className="govuk-list">
          {decision.grounds.map((code) => (
            <li key={code}>
              <strong>{sectionText(code)}</strong>
              {labelled.get(code) ? `: ${labelled.get(code)?.label}` : ''}
            </li>
          ))}
        </ul>
      ),
    });
  }
  if (decision.correction) {
    rows.push({ key: 'Information to correct', value: <Text>{decision.correction.information}</Text> });
    rows.push({ key: 'Correction asked for', value: <Text>{decision.correction.correctionSought}</Text> });
    if (decision.correction.correctionMade)
      rows.push({ key: 'Correction made', value: <Text>{decision.correction.correctionMade}</Text> });
  }
  rows.push({ key: 'Reasons', value: decision.reasons ? <Text>{decision.reasons}</Text> : 'None given' });
  if (decision.withholdReasons) {
    rows.push({
      key: 'Reasons in the letter',
      value: 'Not given: giving them would prejudice the interest protected (s 46)',
    });
  }
  if (decision.formOfRelease) {
    rows.push({
      key: 'Form of release',
      value: (
        <>
          {label(formOfReleaseLabels, decision.formOfRelease)}
          {decision.formAsked && decision.formAsked !== decision.formOfRelease ? (
            <>
              <br />
              They asked for: {label(formOfReleaseLabels, decision.formAsked)}. Why not (s 56):{' '}
              {decision.formDiffersReason ?? 'not recorded'}
            </>
          ) : null}
        </>
      ),
    });
  }
  if (decision.conditions) rows.push({ key: 'Conditions (s 54)', value: <Text>{decision.conditions}</Text> });
  rows.push({
    key: 'Drafted',
    value: `${formatDateTime(decision.draftedAt)}${decision.draftedBy ? ` by ${decision.draftedBy.name}` : ''}`,
  });
  if (decision.approvedAt) {
    rows.push({
      key: 'Approved',
      value: `${formatDateTime(decision.approvedAt)}${decision.approvedBy ? ` by ${decision.approvedBy.name}` : ''}`,
    });
  }
  if (decision.approvalNote) {
    rows.push({
      key: decision.status === 'returned' ? 'Why it was returned' : 'Decision maker’s note',
      value: <Text>{decision.approvalNote}</Text>,
    });
  }
  return <SummaryList rows={rows} />;
}

function Text({ children }: { children: string }) {
  return <span className="app-preserve-lines">{children}</span>;
}
