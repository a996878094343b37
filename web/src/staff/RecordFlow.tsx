import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import {
  Button,
  Checkbox,
  DateInput,
  emptyDate,
  ErrorSummary,
  Form,
  problemFor,
  Radios,
  TextArea,
  TextInput,
  type DateParts,
  type Problem,
} from '../components/forms.tsx';
import {
  BackLink,
  InsetText,
  SummaryList,
  useTitle,
  WarningText,
  type SummaryRow,
} from '../components/ui.tsx';
import {
  channelLabels,
  dateFromParts,
  formatDate,
  formatDateTime,
  formOfReleaseLabels,
  kindLabels,
  label,
  nzLocalToIso,
  nzTime,
  todayInNz,
} from '../format.ts';
import type { CreatedRequest, FormOfRelease, Kind } from '../types.ts';
import { STAFF_SERVICE } from './session.tsx';

// Recording a paper or spoken request, one question per page, ending in "check your answers". Answers
// live in memory only (not in storage) and are cleared once the request is recorded.

export interface RecordAnswers {
  kind: '' | Kind;
  channel: '' | 'paper' | 'oral' | 'email' | 'post';
  receivedDate: DateParts;
  receivedTime: string;
  subjectName: string;
  subjectPrn: string;
  subjectDob: DateParts;
  subjectSite: string;
  subjectUnit: string;
  relationship: '' | 'self' | 'agent';
  requesterName: string;
  authorityMethod: '' | 'document' | 'recorded-confirmation';
  authorityConfirmed: boolean;
  description: string;
  formOfRelease: '' | FormOfRelease;
  urgent: '' | 'yes' | 'no';
  urgencyReason: string;
  assistance: string;
}

function freshAnswers(): RecordAnswers {
  const today = todayInNz();
  const [year = '', month = '', day = ''] = today.split('-');
  return {
    kind: '',
    channel: '',
    receivedDate: { day: String(Number(day)), month: String(Number(month)), year },
    receivedTime: nzTime(),
    subjectName: '',
    subjectPrn: '',
    subjectDob: emptyDate,
    subjectSite: '',
    subjectUnit: '',
    relationship: '',
    requesterName: '',
    authorityMethod: '',
    authorityConfirmed: false,
    description: '',
    formOfRelease: '',
    urgent: '',
    urgencyReason: '',
    assistance: '',
  };
}

interface RecordValue {
  answers: RecordAnswers;
  update: (patch: Partial<RecordAnswers>) => void;
  reset: () => void;
  started: boolean;
}

const RecordContext = createContext<RecordValue | null>(null);

export function RecordProvider({ children }: { children: ReactNode }) {
  const [answers, setAnswers] = useState<RecordAnswers>(freshAnswers);
  const [started, setStarted] = useState(false);
  const value = useMemo<RecordValue>(
    () => ({
      answers,
      started,
      update(patch) {
        setStarted(true);
        setAnswers((current) => ({ ...current, ...patch }));
      },
      reset() {
        setStarted(false);
        setAnswers(freshAnswers());
      },
    }),
    [answers, started],
  );
  return <RecordContext.Provider value={value}>{children}</RecordContext.Provider>;
}

function useRecord(): RecordValue {
  const value = useContext(RecordContext);
  if (!value) throw new Error('useRecord outside RecordProvider');
  return value;
}

const steps = [
  'kind',
  'channel',
  'received',
  'person',
  'requester',
  'description',
  'form',
  'urgency',
  'assistance',
  'check',
] as const;
type Step = (typeof steps)[number];

function nextStep(step: Step, change: boolean): string {
  if (change) return '/work/record/check';
  const index = steps.indexOf(step);
  return `/work/record/${steps[index + 1] ?? 'check'}`;
}

function previousStep(step: Step, change: boolean): string {
  if (change) return '/work/record/check';
  const index = steps.indexOf(step);
  return index <= 0 ? '/work/record' : `/work/record/${steps[index - 1] ?? ''}`;
}

/** Routes /work/record and /work/record/<step>. */
export function RecordFlow({ step }: { step: string }) {
  const { search } = useLocation();
  const change = search.get('change') === '1';
  if (step === '') return <RecordStart />;
  if (!(steps as readonly string[]).includes(step)) {
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">
          <Link to="/work/record">Start recording a request</Link>
        </p>
      </>
    );
  }
  const current = step as Step;
  if (current === 'check') return <RecordCheck />;
  return <RecordQuestion key={current} step={current} change={change} />;
}

function RecordStart() {
  const { reset } = useRecord();
  useTitle('Record a paper or spoken request', STAFF_SERVICE);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Record a paper or spoken request</h1>
        <p className="govuk-body">
          Use this when someone gives you a paper form, writes in, or asks you in person.
        </p>
        <p className="govuk-body">You will need:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>the person’s name, and their PRN if they have one</li>
          <li>when you acknowledged the request: the time limit starts then</li>
          <li>what information they want, or what they want corrected</li>
          <li>if someone asks for them, how their authority was given</li>
        </ul>
        <p className="govuk-body">At the end you can print a receipt to give the person.</p>
        <Button
          type="button"
          onClick={() => {
            reset();
            navigate('/work/record/kind');
          }}
        >
          Start
        </Button>
      </div>
    </div>
  );
}

const stepTitles: Record<Exclude<Step, 'check'>, string> = {
  kind: 'What are they asking for?',
  channel: 'How was the request made?',
  received: 'When did you acknowledge the request?',
  person: 'Who is the information about?',
  requester: 'Who is making the request?',
  description: 'What do they want?',
  form: 'How would they like to get the information?',
  urgency: 'Have they asked for it to be treated as urgent?',
  assistance: 'Do they need any help to make or follow the request?',
};

function RecordQuestion({ step, change }: { step: Exclude<Step, 'check'>; change: boolean }) {
  const { answers, update } = useRecord();
  const [draft, setDraft] = useState<RecordAnswers>(answers);
  const [problems, setProblems] = useState<Problem[]>([]);
  useTitle(stepTitles[step], STAFF_SERVICE, problems.length > 0);
  const set =
    <K extends keyof RecordAnswers>(key: K) =>
    (value: RecordAnswers[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  const validate = (): Problem[] => {
    const found: Problem[] = [];
    switch (step) {
      case 'kind':
        if (!draft.kind) found.push({ target: 'kind', message: 'Select what they are asking for' });
        break;
      case 'channel':
        if (!draft.channel) found.push({ target: 'channel', message: 'Select how the request was made' });
        break;
      case 'received': {
        const date = dateFromParts(draft.receivedDate.day, draft.receivedDate.month, draft.receivedDate.year);
        if (!date)
          found.push({ target: 'received-day', message: 'Enter a real date, for example 27 3 2026' });
        else if (date > todayInNz())
          found.push({ target: 'received-day', message: 'The date cannot be in the future' });
        if (
          !/^\d{1,2}:\d{2}$/.test(draft.receivedTime.trim()) ||
          !nzLocalToIso('2025-01-01', draft.receivedTime)
        ) {
          found.push({
            target: 'received-time',
            message: 'Enter the time as hours and minutes, for example 14:30',
          });
        }
        break;
      }
      case 'person': {
        if (!draft.subjectName.trim())
          found.push({ target: 'subject-name', message: 'Enter the person’s full name' });
        const dob = draft.subjectDob;
        if (dob.day || dob.month || dob.year) {
          const date = dateFromParts(dob.day, dob.month, dob.year);
          if (!date) found.push({ target: 'subject-dob-day', message: 'Date of birth must be a real date' });
          else if (date > todayInNz())
            found.push({ target: 'subject-dob-day', message: 'Date of birth must be in the past' });
        }
        break;
      }
      case 'requester':
        if (!draft.relationship)
          found.push({ target: 'relationship', message: 'Select who is making the request' });
        if (draft.relationship === 'agent') {
          if (!draft.requesterName.trim())
            found.push({ target: 'requester-name', message: 'Enter the name of the person asking for them' });
          if (!draft.authorityMethod)
            found.push({ target: 'authority-method', message: 'Select how their authority was given' });
        }
        break;
      case 'description':
        if (!draft.description.trim()) found.push({ target: 'description', message: 'Enter what they want' });
        break;
      case 'form':
        break;
      case 'urgency':
        if (!draft.urgent)
          found.push({ target: 'urgent', message: 'Select yes if they asked for it to be urgent' });
        if (draft.urgent === 'yes' && !draft.urgencyReason.trim()) {
          found.push({ target: 'urgency-reason', message: 'Enter why they say it is urgent' });
        }
        break;
      case 'assistance':
        break;
    }
    return found;
  };

  const submit = () => {
    const found = validate();
    setProblems(found);
    if (found.length > 0) return;
    update(draft);
    navigate(nextStep(step, change));
  };

  const caption = <span className="govuk-caption-l">Record a request</span>;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={previousStep(step, change)} />
        <ErrorSummary problems={problems} />
        <Form onSubmit={submit}>
          {caption}
          {step === 'kind' ? (
            <Radios
              id="kind"
              legendIsHeading
              legend={stepTitles.kind}
              value={draft.kind}
              onChange={(value) => set('kind')(value as RecordAnswers['kind'])}
              error={problemFor(problems, 'kind')}
              choices={[
                { value: 'access', label: 'Their own personal information', hint: 'Privacy Act 2020, IPP 6' },
                { value: 'correction', label: 'To correct their personal information', hint: 'IPP 7' },
                {
                  value: 'official-information',
                  label: 'Official information, not about themselves',
                  hint: 'Official Information Act 1982',
                },
              ]}
            />
          ) : null}
          {step === 'channel' ? (
            <Radios
              id="channel"
              legendIsHeading
              legend={stepTitles.channel}
              value={draft.channel}
              onChange={(value) => set('channel')(value as RecordAnswers['channel'])}
              error={problemFor(problems, 'channel')}
              choices={[
                { value: 'paper', label: 'Paper form handed in' },
                { value: 'oral', label: 'Spoken to a staff member' },
                { value: 'email', label: 'Email' },
                { value: 'post', label: 'Post' },
              ]}
            />
          ) : null}
          {step === 'received' ? (
            <>
              <h1 className="govuk-heading-l">{stepTitles.received}</h1>
              <InsetText>
                The 20 working days start from when you acknowledged the form or heard the request, not from
                when it was written. Triage is due 24 hours after this time.
              </InsetText>
              <DateInput
                id="received"
                legend="Date"
                hint="For example, 27 3 2026"
                value={draft.receivedDate}
                onChange={set('receivedDate')}
                error={problemFor(problems, 'received-day')}
              />
              <TextInput
                id="received-time"
                label="Time"
                hint="24-hour clock, New Zealand time, for example 14:30"
                value={draft.receivedTime}
                onChange={set('receivedTime')}
                width="5"
                inputMode="numeric"
                error={problemFor(problems, 'received-time')}
              />
            </>
          ) : null}
          {step === 'person' ? (
            <>
              <h1 className="govuk-heading-l">{stepTitles.person}</h1>
              <TextInput
                id="subject-name"
                label="Full name"
                value={draft.subjectName}
                onChange={set('subjectName')}
                width="30"
                error={problemFor(problems, 'subject-name')}
              />
              <TextInput
                id="subject-prn"
                label="PRN (if they have one)"
                value={draft.subjectPrn}
                onChange={set('subjectPrn')}
                width="10"
              />
              <DateInput
                id="subject-dob"
                legend="Date of birth (optional)"
                hint="For example, 31 3 1980"
                value={draft.subjectDob}
                onChange={set('subjectDob')}
                error={problemFor(problems, 'subject-dob-day')}
              />
              <TextInput
                id="subject-site"
                label="Site (optional)"
                value={draft.subjectSite}
                onChange={set('subjectSite')}
                width="20"
              />
              <TextInput
                id="subject-unit"
                label="Unit (optional)"
                value={draft.subjectUnit}
                onChange={set('subjectUnit')}
                width="20"
              />
            </>
          ) : null}
          {step === 'requester' ? (
            <>
              <Radios
                id="relationship"
                legendIsHeading
                legend={stepTitles.requester}
                value={draft.relationship}
                onChange={(value) => set('relationship')(value as RecordAnswers['relationship'])}
                error={problemFor(problems, 'relationship')}
                choices={[
                  { value: 'self', label: 'The person themselves' },
                  {
                    value: 'agent',
                    label: 'Someone acting for them',
                    hint: 'For example a lawyer, family member or advocate',
                  },
                ]}
              />
              {draft.relationship === 'agent' ? (
                <>
                  <TextInput
                    id="requester-name"
                    label="Name of the person acting for them"
                    value={draft.requesterName}
                    onChange={set('requesterName')}
                    width="30"
                    error={problemFor(problems, 'requester-name')}
                  />
                  <Radios
                    id="authority-method"
                    legend="How was their authority given?"
                    value={draft.authorityMethod}
                    onChange={(value) => set('authorityMethod')(value as RecordAnswers['authorityMethod'])}
                    error={problemFor(problems, 'authority-method')}
                    choices={[
                      { value: 'document', label: 'A signed authority document' },
                      {
                        value: 'recorded-confirmation',
                        label: 'The person confirmed it to me, and I recorded it',
                      },
                    ]}
                  />
                  <Checkbox
                    id="authority-confirmed"
                    label="I have checked the authority"
                    hint="Information is not released until the agent’s authority is confirmed."
                    checked={draft.authorityConfirmed}
                    onChange={set('authorityConfirmed')}
                  />
                </>
              ) : null}
            </>
          ) : null}
          {step === 'description' ? (
            <TextArea
              id="description"
              labelIsHeading
              label={
                draft.kind === 'correction'
                  ? 'What do they want corrected, and what should it say?'
                  : stepTitles.description
              }
              hint="Write it in their words where you can: the kind of information, dates, places, people."
              value={draft.description}
              onChange={set('description')}
              rows={8}
              error={problemFor(problems, 'description')}
            />
          ) : null}
          {step === 'form' ? (
            <Radios
              id="form-of-release"
              legendIsHeading
              legend={stepTitles.form}
              hint="They will get it this way unless there is a good reason not to (s 56). This question is optional."
              value={draft.formOfRelease}
              onChange={(value) => set('formOfRelease')(value as RecordAnswers['formOfRelease'])}
              choices={Object.entries(formOfReleaseLabels).map(([value, text]) => ({ value, label: text }))}
            />
          ) : null}
          {step === 'urgency' ? (
            <>
              <Radios
                id="urgent"
                legendIsHeading
                legend={stepTitles.urgency}
                value={draft.urgent}
                inline
                onChange={(value) => set('urgent')(value as RecordAnswers['urgent'])}
                error={problemFor(problems, 'urgent')}
                choices={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
              />
              {draft.urgent === 'yes' ? (
                <TextArea
                  id="urgency-reason"
                  label="Why do they say it is urgent?"
                  value={draft.urgencyReason}
                  onChange={set('urgencyReason')}
                  error={problemFor(problems, 'urgency-reason')}
                />
              ) : null}
            </>
          ) : null}
          {step === 'assistance' ? (
            <TextArea
              id="assistance"
              labelIsHeading
              label={stepTitles.assistance}
              hint="For example reading support, an interpreter, or te reo Māori. Leave empty if none."
              value={draft.assistance}
              onChange={set('assistance')}
            />
          ) : null}
          <Button>Continue</Button>
        </Form>
      </div>
    </div>
  );
}

const errorSteps: Record<string, Step> = {
  kind: 'kind',
  channel: 'channel',
  receivedAt: 'received',
  subject: 'person',
  requester: 'requester',
  description: 'description',
  formOfRelease: 'form',
  urgent: 'urgency',
  urgencyReason: 'urgency',
  assistance: 'assistance',
};

function RecordCheck() {
  const { answers, reset, started } = useRecord();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useTitle('Check the answers before recording the request', STAFF_SERVICE, problems.length > 0);

  if (!started || !answers.kind) {
    return (
      <>
        <h1 className="govuk-heading-l">There is nothing to check yet</h1>
        <p className="govuk-body">
          <Link to="/work/record">Start recording a request</Link>
        </p>
      </>
    );
  }

  const receivedDate =
    dateFromParts(answers.receivedDate.day, answers.receivedDate.month, answers.receivedDate.year) ?? '';
  const receivedAt = nzLocalToIso(receivedDate, answers.receivedTime);
  const dob = dateFromParts(answers.subjectDob.day, answers.subjectDob.month, answers.subjectDob.year);
  const change = (step: Step, hidden: string) => ({
    to: `/work/record/${step}?change=1`,
    text: 'Change',
    hidden,
  });

  const rows: SummaryRow[] = [
    {
      key: 'Asking for',
      value: label(kindLabels, answers.kind),
      action: change('kind', 'what they are asking for'),
    },
    {
      key: 'How it was made',
      value: label(channelLabels, answers.channel),
      action: change('channel', 'how the request was made'),
    },
    {
      key: 'Acknowledged',
      value: receivedAt ? formatDateTime(receivedAt) : `${formatDate(receivedDate)} ${answers.receivedTime}`,
      action: change('received', 'when you acknowledged the request'),
    },
    {
      key: 'Person',
      value: (
        <>
          {answers.subjectName}
          {answers.subjectPrn ? (
            <>
              <br />
              PRN {answers.subjectPrn}
            </>
          ) : null}
          {dob ? (
            <>
              <br />
              Born {formatDate(dob)}
            </>
          ) : null}
          {answers.subjectSite || answers.subjectUnit ? (
            <>
              <br />
              {[answers.subjectSite, answers.subjectUnit].filter(Boolean).join(', ')}
            </>
          ) : null}
        </>
      ),
      action: change('person', 'who the information is about'),
    },
    {
      key: 'Made by',
      value:
        answers.relationship === 'agent'
          ? `${answers.requesterName}, acting for them (${answers.authorityMethod === 'document' ? 'signed authority' : 'confirmation recorded'}${answers.authorityConfirmed ? ', checked' : ', not yet checked'})`
          : 'The person themselves',
      action: change('requester', 'who is making the request'),
    },
    {
      key: 'What they want',
      value: <span style={{ whiteSpace: 'pre-wrap' }}>{answers.description}</span>,
      action: change('description', 'what they want'),
    },
    {
      key: 'How they would like it',
      value: answers.formOfRelease ? label(formOfReleaseLabels, answers.formOfRelease) : 'Not said',
      action: change('form', 'how they would like to get it'),
    },
    {
      key: 'Urgent',
      value: answers.urgent === 'yes' ? `Yes: ${answers.urgencyReason}` : 'No',
      action: change('urgency', 'whether it is urgent'),
    },
    { key: 'Help needed', value: answers.assistance || 'None', action: change('assistance', 'help needed') },
  ];

  const submit = async () => {
    if (!receivedAt) {
      setProblems([
        {
          target: null,
          message: 'Enter when you acknowledged the request',
          to: '/work/record/received?change=1',
        },
      ]);
      return;
    }
    const body = {
      kind: answers.kind,
      channel: answers.channel,
      receivedAt,
      subject: {
        name: answers.subjectName.trim(),
        ...(answers.subjectPrn.trim() ? { prn: answers.subjectPrn.trim() } : {}),
        ...(dob ? { dateOfBirth: dob } : {}),
        ...(answers.subjectSite.trim() ? { site: answers.subjectSite.trim() } : {}),
        ...(answers.subjectUnit.trim() ? { unit: answers.subjectUnit.trim() } : {}),
      },
      requester:
        answers.relationship === 'agent'
          ? {
              name: answers.requesterName.trim(),
              relationship: 'agent',
              authorityConfirmed: answers.authorityConfirmed,
              ...(answers.authorityMethod ? { authorityMethod: answers.authorityMethod } : {}),
            }
          : { name: answers.subjectName.trim(), relationship: 'self' },
      description: answers.description.trim(),
      urgent: answers.urgent === 'yes',
      ...(answers.urgent === 'yes' ? { urgencyReason: answers.urgencyReason.trim() } : {}),
      ...(answers.formOfRelease ? { formOfRelease: answers.formOfRelease } : {}),
      ...(answers.assistance.trim() ? { assistance: answers.assistance.trim() } : {}),
    };
    setBusy(true);
    try {
      const created = await api<CreatedRequest>('POST', '/api/requests', body);
      reset();
      navigate(`/work/requests/${encodeURIComponent(created.id)}/receipt?new=1`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.fields.length > 0) {
        setProblems(
          error.fields.map((field) => {
            const step = errorSteps[field.path.split('.')[0] ?? ''];
            return {
              target: null,
              message: `${field.path}: ${field.message}`,
              ...(step ? { to: `/work/record/${step}?change=1` } : {}),
            };
          }),
        );
      } else {
        setProblems([{ target: null, message: error.message }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/work/record/assistance" />
        <ErrorSummary problems={problems} />
        <span className="govuk-caption-l">Record a request</span>
        <h1 className="govuk-heading-l">Check the answers before recording the request</h1>
        <SummaryList rows={rows} />
        <h2 className="govuk-heading-m">Now record the request</h2>
        <p className="govuk-body">
          The request gets a reference number and its due date. You can then print a receipt for the person.
        </p>
        <WarningText>Check the person’s name and PRN: they decide whose records are searched.</WarningText>
        <Form onSubmit={() => void submit()}>
          <Button disabled={busy}>Record the request</Button>
        </Form>
      </div>
    </div>
  );
}
