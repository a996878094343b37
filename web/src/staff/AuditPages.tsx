import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Link, navigate, useLocation, withQuery } from '../router.tsx';
import {
  Button,
  ButtonGroup,
  ErrorSummary,
  Form,
  problemFor,
  problemsFromApi,
  Radios,
  Select,
  TextArea,
  TextInput,
  type Problem,
} from '../components/forms.tsx';
import { Loading, SummaryList, Tag, useTitle, type SummaryRow } from '../components/ui.tsx';
import { formatDate, formatDateTime, humanise, label, roleLabels } from '../format.ts';
import {
  auditActionLabels,
  flagLabels,
  formatIsoWeek,
  lastWeek,
  parseIsoWeek,
  percent,
  reasonLabels,
  shiftWeek,
} from './audit-format.ts';
import { useApi } from './hooks.ts';
import { STAFF_SERVICE, useSession } from './session.tsx';
import { UsageChart, type UsagePoint } from './UsageChart.tsx';

// The access audit for managers (their staff's flagged accesses) and auditors (everyone's, with the outcome
// of each review), and the policy's usage figure per team over time (docs/audit-api.md).

interface ReportItem {
  seq: number;
  at: string;
  action: string;
  staff: { id: string; name: string; role: string; team: string | null };
  person: { id: string; name: string; prn: string | null };
  flags: Array<{ code: string; words: string }>;
  reasons: Array<{ code: string; words: string }>;
  explained: boolean;
  statedReason: string | null;
  summary: string;
  outcome: 'justified' | 'breach' | null;
  note: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

interface WeeklyReport {
  week: string;
  from: string;
  to: string;
  scope: 'all' | 'team' | 'site' | 'none';
  items: ReportItem[];
  totals: { flagged: number; reviewed: number; breaches: number; staff: number };
}

/** Who may see the access audit pages (the API answers 403 to everyone else). */
export function canAudit(role: string): boolean {
  return role === 'manager' || role === 'auditor';
}

function AuditNavigation({ current }: { current: 'report' | 'usage' }) {
  const items = [
    { key: 'report', to: '/work/audit', text: 'Weekly report' },
    { key: 'usage', to: '/work/audit/usage', text: 'Usage by team' },
  ] as const;
  return (
    <nav className="app-sub-navigation" aria-label="Access audit">
      <ul className="app-sub-navigation__list">
        {items.map((item) => (
          <li className="app-sub-navigation__item" key={item.key}>
            <Link
              className="app-sub-navigation__link"
              to={item.to}
              aria-current={item.key === current ? 'page' : undefined}
            >
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const scopeText: Record<WeeklyReport['scope'], string> = {
  all: 'Everyone’s accesses.',
  team: 'The accesses of the staff in your team.',
  site: 'The accesses of the staff at your site (your account has no team).',
  none: 'Your account has no team or site, so no staff are yours to review. Ask an administrator.',
};

/** The weekly report: flagged accesses grouped by staff member; auditors record an outcome for each. */
export function WeeklyReportPage() {
  const { search } = useLocation();
  const { user } = useSession();
  const asked = search.get('week') ?? '';
  const parsed = asked ? parseIsoWeek(asked) : null;
  const week = parsed ?? lastWeek(new Date());
  const weekText = formatIsoWeek(week);
  const [typed, setTyped] = useState(asked || weekText);
  const [problems, setProblems] = useState<Problem[]>(() =>
    asked && !parsed
      ? [{ target: 'week', message: 'Enter a week as year, W and week number, for example 2026-W47' }]
      : [],
  );
  const askedIsWeek = parsed !== null;
  useEffect(() => setTyped(asked && !askedIsWeek ? asked : weekText), [asked, askedIsWeek, weekText]);
  const report = useApi<WeeklyReport>(`/api/audit/reports/weekly?week=${weekText}`);
  const [changed, setChanged] = useState<Record<number, ReportItem>>({});
  const [itemProblems, setItemProblems] = useState<Problem[]>([]);
  const allProblems = [...problems, ...itemProblems];
  useTitle(`Access audit: week ${weekText}`, STAFF_SERVICE, allProblems.length > 0);

  const choose = () => {
    const next = parseIsoWeek(typed);
    if (!next) {
      setProblems([
        { target: 'week', message: 'Enter a week as year, W and week number, for example 2026-W47' },
      ]);
      return;
    }
    setProblems([]);
    navigate(withQuery('/work/audit', { week: formatIsoWeek(next) }));
  };

  const items = report.kind === 'ready' ? report.data.items.map((item) => changed[item.seq] ?? item) : [];
  const groups = groupByStaff(items);

  return (
    <>
      <AuditNavigation current="report" />
      <ErrorSummary problems={allProblems} />
      <span className="govuk-caption-l">Access audit</span>
      <h1 className="govuk-heading-l">Weekly report, week {weekText}</h1>
      <Form onSubmit={choose} label="Choose a week" className="app-week-picker">
        <TextInput
          id="week"
          label="Week"
          hint="Year, W and the week number, for example 2026-W47. Weeks start on Monday."
          value={typed}
          onChange={setTyped}
          error={problemFor(problems, 'week')}
          width="10"
        />
        <ButtonGroup>
          <Button variant="secondary">Show this week</Button>
          <Link
            className="govuk-link"
            to={withQuery('/work/audit', { week: formatIsoWeek(shiftWeek(week, -1)) })}
          >
            Previous week
          </Link>
          <Link
            className="govuk-link"
            to={withQuery('/work/audit', { week: formatIsoWeek(shiftWeek(week, 1)) })}
          >
            Next week
          </Link>
        </ButtonGroup>
      </Form>
      {report.kind === 'loading' ? <Loading>Loading the report…</Loading> : null}
      {report.kind === 'error' ? <p className="govuk-body">{report.error.message}</p> : null}
      {report.kind === 'ready' ? (
        <>
          <p className="govuk-body">
            {formatDate(nzDay(report.data.from))} to{' '}
            {formatDate(nzDay(new Date(new Date(report.data.to).getTime() - 1).toISOString()))}.{' '}
            {scopeText[report.data.scope]}
          </p>
          <ul className="govuk-list app-totals">
            <li>
              <strong>{report.data.totals.flagged}</strong> accesses to review
            </li>
            <li>
              <strong>{report.data.totals.staff}</strong> staff members
            </li>
            <li>
              <strong>{report.data.totals.reviewed}</strong> reviewed
            </li>
            <li>
              <strong>{report.data.totals.breaches}</strong> breaches
            </li>
          </ul>
          {groups.length === 0 ? (
            <p className="govuk-body">No accesses were flagged this week.</p>
          ) : (
            groups.map((group) => (
              <section
                className="app-audit-staff"
                key={group.staff.id}
                aria-labelledby={`staff-${group.staff.id}`}
              >
                <h2 className="govuk-heading-m" id={`staff-${group.staff.id}`}>
                  {group.staff.name}{' '}
                  <span className="app-secondary-text govuk-!-font-weight-regular">
                    {label(roleLabels, group.staff.role)}
                    {group.staff.team ? `, team ${group.staff.team}` : ''}: {group.items.length}{' '}
                    {group.items.length === 1 ? 'access' : 'accesses'}
                  </span>
                </h2>
                {group.items.map((item) => (
                  <ReportEntry
                    key={item.seq}
                    item={item}
                    canReview={user.role === 'auditor'}
                    problems={itemProblems}
                    setProblems={setItemProblems}
                    onRecorded={(updated) =>
                      setChanged((current) => ({ ...current, [updated.seq]: updated }))
                    }
                  />
                ))}
              </section>
            ))
          )}
        </>
      ) : null}
    </>
  );
}

function nzDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Pacific/Auckland',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

function groupByStaff(items: ReportItem[]): Array<{ staff: ReportItem['staff']; items: ReportItem[] }> {
  const groups = new Map<string, { staff: ReportItem['staff']; items: ReportItem[] }>();
  for (const item of items) {
    const group = groups.get(item.staff.id);
    if (group) group.items.push(item);
    else groups.set(item.staff.id, { staff: item.staff, items: [item] });
  }
  return [...groups.values()].sort((a, b) => a.staff.name.localeCompare(b.staff.name));
}

function OutcomeTag({ outcome }: { outcome: ReportItem['outcome'] }) {
  if (outcome === 'breach') return <Tag colour="red">Breach</Tag>;
  if (outcome === 'justified') return <Tag colour="green">Justified</Tag>;
  return <Tag colour="grey">Not reviewed yet</Tag>;
}

function ReportEntry({
  item,
  canReview,
  problems,
  setProblems,
  onRecorded,
}: {
  item: ReportItem;
  canReview: boolean;
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  onRecorded: (item: ReportItem) => void;
}) {
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const status = useRef<HTMLDivElement>(null);
  const outcomeId = `outcome-${item.seq}`;
  const noteId = `note-${item.seq}`;

  const submit = async () => {
    if (outcome !== 'justified' && outcome !== 'breach') {
      setProblems([{ target: outcomeId, message: 'Select whether the access was justified or a breach' }]);
      return;
    }
    if (note.length > 4000) {
      setProblems([{ target: noteId, message: 'Note must be 4,000 characters or fewer' }]);
      return;
    }
    setBusy(true);
    try {
      const updated = await api<ReportItem>('POST', `/api/audit/flags/${item.seq}/outcome`, {
        outcome,
        note: note.trim() ? note.trim() : null,
      });
      setProblems([]);
      setRecorded(true);
      onRecorded(updated);
      // The form (and the button that had focus) goes away: keep focus on what replaced it.
      window.setTimeout(() => status.current?.focus(), 0);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblems(
        error.fields.length > 0
          ? problemsFromApi(error.fields, { outcome: outcomeId, note: noteId })
          : [{ target: null, message: error.message }],
      );
    } finally {
      setBusy(false);
    }
  };

  const rows: SummaryRow[] = [
    { key: 'When', value: formatDateTime(item.at) },
    { key: 'What they did', value: auditActionLabels[item.action] ?? humanise(item.action) },
    {
      key: 'Flags',
      value:
        item.flags.length === 0 ? (
          'None'
        ) : (
          <ul className="govuk-list">
            {item.flags.map((flag) => (
              <li key={flag.code}>
                <Tag colour={flagLabels[flag.code]?.colour ?? 'grey'}>
                  {flagLabels[flag.code]?.text ?? humanise(flag.code)}
                </Tag>{' '}
                {flag.words}
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'Explained by',
      value:
        item.reasons.length === 0
          ? 'Nothing'
          : item.reasons.map((reason) => reasonLabels[reason.code] ?? reason.words).join('; '),
    },
    {
      key: 'Reason they gave',
      value: item.statedReason ? (
        <span className="app-break app-quote">“{item.statedReason}”</span>
      ) : (
        'None given'
      ),
    },
    {
      key: 'Outcome',
      value: (
        <>
          <OutcomeTag outcome={item.outcome} />
          {item.reviewedAt ? (
            <>
              <br />
              Recorded {formatDateTime(item.reviewedAt)}
              {item.reviewedBy ? ` by ${item.reviewedBy}` : ''}
            </>
          ) : null}
          {item.note ? (
            <>
              <br />
              <span className="app-break">Note: {item.note}</span>
            </>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <article className="app-audit-item" aria-labelledby={`item-${item.seq}`}>
      <h3 className="govuk-heading-s" id={`item-${item.seq}`}>
        {item.person.name}
        {item.person.prn ? `, PRN ${item.person.prn}` : ''}
      </h3>
      <p className="govuk-body">{item.summary}</p>
      <SummaryList rows={rows} />
      <div role="status" className="app-audit-item__status" tabIndex={-1} ref={status}>
        {recorded && item.outcome ? (
          <p className="govuk-body govuk-!-font-weight-bold">
            Outcome recorded: {item.outcome === 'breach' ? 'Breach' : 'Justified'}
          </p>
        ) : null}
      </div>
      {canReview && item.outcome === null ? (
        <Form
          onSubmit={() => void submit()}
          label={`Review of ${item.staff.name} opening ${item.person.name}`}
        >
          <Radios
            id={outcomeId}
            legend="Was this access justified?"
            choices={[
              { value: 'justified', label: 'Justified' },
              { value: 'breach', label: 'Breach' },
            ]}
            value={outcome}
            onChange={setOutcome}
            error={problemFor(problems, outcomeId)}
            inline
          />
          <TextArea
            id={noteId}
            label="Note (optional)"
            hint="What you found, for the record."
            value={note}
            onChange={setNote}
            error={problemFor(problems, noteId)}
            rows={3}
          />
          <Button disabled={busy}>Record outcome</Button>
        </Form>
      ) : null}
    </article>
  );
}

interface UsageAnswer {
  weeks: number;
  points: UsagePoint[];
}

const weekChoices = ['4', '12', '26', '52'];

/** The policy measure "usage higher than normal without reasonable justification", per team and week. */
export function UsagePage() {
  const { search } = useLocation();
  const { user } = useSession();
  const weeksAsked = search.get('weeks') ?? '12';
  const weeks = weekChoices.includes(weeksAsked) ? weeksAsked : '12';
  const team = user.role === 'auditor' ? (search.get('team') ?? '') : '';
  const [typedTeam, setTypedTeam] = useState(team);
  const [typedWeeks, setTypedWeeks] = useState(weeks);
  useEffect(() => setTypedTeam(team), [team]);
  useEffect(() => setTypedWeeks(weeks), [weeks]);
  const usage = useApi<UsageAnswer>(withQuery('/api/audit/usage', { team, weeks }));
  useTitle('Access audit: usage by team', STAFF_SERVICE);

  const teams =
    usage.kind === 'ready' ? [...new Set(usage.data.points.map((point) => point.team))].sort() : [];

  return (
    <>
      <AuditNavigation current="usage" />
      <span className="govuk-caption-l">Access audit</span>
      <h1 className="govuk-heading-l">Usage by team</h1>
      <p className="govuk-body">
        The share of each team’s staff whose use of people’s records was much higher than their own usual use
        and their colleagues’, without a justification an auditor accepted (the acceptable-use policy’s
        “individual usage higher than normal without reasonable justification”). Breaches recorded by the
        auditors are marked.
      </p>
      <Form
        onSubmit={() =>
          navigate(
            withQuery('/work/audit/usage', {
              team: user.role === 'auditor' ? typedTeam.trim() : '',
              weeks: typedWeeks === '12' ? '' : typedWeeks,
            }),
          )
        }
        label="Choose the figures"
        className="app-week-picker"
      >
        {user.role === 'auditor' ? (
          <TextInput
            id="team"
            label="Team (optional)"
            hint="Leave empty for every team."
            value={typedTeam}
            onChange={setTypedTeam}
            width="20"
          />
        ) : null}
        <Select
          id="weeks"
          label="Weeks"
          value={typedWeeks}
          onChange={setTypedWeeks}
          options={weekChoices.map((value) => ({ value, label: `Last ${value} weeks` }))}
        />
        <Button variant="secondary">Show figures</Button>
      </Form>
      {usage.kind === 'loading' ? <Loading>Loading the figures…</Loading> : null}
      {usage.kind === 'error' ? <p className="govuk-body">{usage.error.message}</p> : null}
      {usage.kind === 'ready' && teams.length === 0 ? (
        <p className="govuk-body">There are no figures for these weeks.</p>
      ) : null}
      {usage.kind === 'ready'
        ? teams.map((name) => (
            <UsageChart
              key={name}
              team={name}
              points={usage.data.points.filter((point) => point.team === name)}
            />
          ))
        : null}
      {usage.kind === 'ready' && teams.length > 0 ? (
        <p className="govuk-body app-secondary-text">
          Share: staff with unjustified high usage ÷ staff in the team ({percent(0.5)} means half the team).
        </p>
      ) : null}
    </>
  );
}
