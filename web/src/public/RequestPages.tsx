import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import {
  Button,
  DateInput,
  ErrorSummary,
  FileUpload,
  Form,
  problemFor,
  Radios,
  TextArea,
  TextInput,
  type Problem,
} from '../components/forms.tsx';
import { BackLink, InsetText, Panel, SummaryList, useTitle, type SummaryRow } from '../components/ui.tsx';
import { dateFromParts, formatDate, formOfReleaseLabels, label, todayInNz } from '../format.ts';
import type { PublicCreated } from '../types.ts';
import { PublicFrame, PUBLIC_SERVICE, usePublic, type PublicAnswers } from './state.tsx';

export const questionSteps = [
  'about',
  'agent',
  'authority',
  'person',
  'kind',
  'description',
  'form',
  'contact',
] as const;
export type QuestionStep = (typeof questionSteps)[number];

/** The questions this person is asked, in order (agents get two more). */
function stepsFor(answers: PublicAnswers): QuestionStep[] {
  return questionSteps.filter((step) =>
    step === 'agent' || step === 'authority' ? answers.aboutWhom === 'someone-else' : true,
  );
}

function afterStep(step: QuestionStep, answers: PublicAnswers, change: boolean): string {
  if (step === 'agent' && answers.isAgent === 'no') return '/request/not-an-agent';
  if (change && !(step === 'about' && answers.aboutWhom === 'someone-else' && !answers.authority))
    return '/request/check';
  const steps = stepsFor(answers);
  const next = steps[steps.indexOf(step) + 1];
  return next ? `/request/${next}` : '/request/check';
}

function beforeStep(step: QuestionStep, answers: PublicAnswers, change: boolean): string {
  if (change) return '/request/check';
  const steps = stepsFor(answers);
  const previous = steps[steps.indexOf(step) - 1];
  return previous ? `/request/${previous}` : '/request';
}

// The server takes up to about 5 MB of file (7,000,000 base64 characters in an 8 MB body).
const MAX_AUTHORITY_BYTES = 5 * 1024 * 1024;
const AUTHORITY_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = typeof reader.result === 'string' ? reader.result : '';
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/** Start page: who can ask, that it is free, what you need, how long it takes. */
export function RequestStart() {
  useTitle(PUBLIC_SERVICE, 'Tiaki');
  return (
    <PublicFrame>
      <h1 className="govuk-heading-xl">Ask for your personal information</h1>
      <p className="govuk-body">
        You have the right to ask for the personal information we hold about you, and to ask us to correct it
        (Privacy Act 2020).
      </p>
      <h2 className="govuk-heading-m">Who can ask</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>anyone, about themselves</li>
        <li>
          someone acting for another person, with that person’s written permission (for example a lawyer or
          family member)
        </li>
      </ul>
      <p className="govuk-body">
        If you want information about someone else without their permission, we treat it as a request under
        the Official Information Act, and we usually cannot give out other people’s personal information.
      </p>
      <h2 className="govuk-heading-m">It is free</h2>
      <p className="govuk-body">
        There is no charge to ask for your own information or to ask for it to be corrected.
      </p>
      <h2 className="govuk-heading-m">What you need</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>the full name and date of birth of the person the information is about</li>
        <li>an email address, so we can send you a code to track your request</li>
        <li>a description of the information you want, or what is wrong</li>
        <li>if you act for someone else: their signed permission, as a PDF or photo</li>
      </ul>
      <h2 className="govuk-heading-m">How long it takes</h2>
      <p className="govuk-body">
        It takes about 10 minutes to ask. We will reply as soon as we can, and within 20 working days. If we
        need more time, for example because there is a lot of information, we will tell you before then, how
        long and why.
      </p>
      <Link to="/request/about" className="govuk-button app-start-button" draggable={false}>
        Start now
        <svg width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      </Link>
      <h2 className="govuk-heading-m">Already asked?</h2>
      <p className="govuk-body">
        <Link to="/request/track">Track your request</Link> with your reference number and the code we emailed
        you.
      </p>
    </PublicFrame>
  );
}

const titles: Record<QuestionStep, string> = {
  about: 'Who is the information about?',
  agent: 'Do you have their written permission to ask for them?',
  authority: 'Upload their written permission',
  person: 'About the person',
  kind: 'What would you like to do?',
  description: 'What information do you want?',
  form: 'How would you like to get the information?',
  contact: 'Your contact details',
};

/** One question per page; Continue checks the answer and moves on (or back to check answers). */
export function RequestQuestion({ step }: { step: QuestionStep }) {
  const { answers, update } = usePublic();
  const { search } = useLocation();
  const change = search.get('change') === '1';
  const [draft, setDraft] = useState<PublicAnswers>(answers);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const someoneElse = draft.aboutWhom === 'someone-else';
  const title =
    step === 'person'
      ? someoneElse
        ? 'About the person you are asking for'
        : 'About you'
      : step === 'description' && draft.kind === 'correction'
        ? 'What is wrong, and what should it say?'
        : titles[step];
  useTitle(title, PUBLIC_SERVICE, problems.length > 0);
  const set =
    <K extends keyof PublicAnswers>(key: K) =>
    (value: PublicAnswers[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  const lost = step !== 'about' && !answers.aboutWhom;
  useEffect(() => {
    // A reload drops the in-memory answers: start again from the first question rather than half-way.
    if (lost) navigate('/request/about', { replace: true });
  }, [lost]);
  if (lost) return null;

  const validate = async (): Promise<Problem[]> => {
    const found: Problem[] = [];
    switch (step) {
      case 'about':
        if (!draft.aboutWhom)
          found.push({ target: 'about-whom', message: 'Select who the information is about' });
        break;
      case 'agent':
        if (!draft.isAgent)
          found.push({ target: 'is-agent', message: 'Select yes if you have their written permission' });
        break;
      case 'authority':
        if (!draft.authority)
          found.push({ target: 'authority', message: 'Select a file with their written permission' });
        break;
      case 'person': {
        if (!draft.subjectName.trim()) found.push({ target: 'subject-name', message: 'Enter the full name' });
        const dob = draft.subjectDob;
        if (!dob.day && !dob.month && !dob.year) {
          found.push({ target: 'subject-dob-day', message: 'Enter the date of birth' });
        } else {
          const date = dateFromParts(dob.day, dob.month, dob.year);
          if (!date) found.push({ target: 'subject-dob-day', message: 'Date of birth must be a real date' });
          else if (date >= todayInNz())
            found.push({ target: 'subject-dob-day', message: 'Date of birth must be in the past' });
        }
        break;
      }
      case 'kind':
        if (!draft.kind) found.push({ target: 'kind', message: 'Select what you would like to do' });
        break;
      case 'description':
        if (!draft.description.trim()) {
          found.push({
            target: 'description',
            message:
              draft.kind === 'correction'
                ? 'Enter what is wrong and what it should say'
                : 'Enter what information you want',
          });
        } else if (draft.description.length > 5000) {
          found.push({ target: 'description', message: 'Description must be 5,000 characters or fewer' });
        }
        break;
      case 'form':
        if (!draft.formOfRelease)
          found.push({
            target: 'form-of-release',
            message: 'Select how you would like to get the information',
          });
        break;
      case 'contact':
        if (someoneElse && !draft.requesterName.trim())
          found.push({ target: 'requester-name', message: 'Enter your full name' });
        if (!draft.email.trim()) found.push({ target: 'email', message: 'Enter your email address' });
        else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(draft.email.trim())) {
          found.push({
            target: 'email',
            message: 'Enter an email address in the correct format, like name@example.com',
          });
        }
        if (draft.phone.trim() && !/^[+()\d\s-]{6,20}$/.test(draft.phone.trim())) {
          found.push({
            target: 'phone',
            message: 'Enter a phone number, like 021 123 4567 or +64 21 123 4567',
          });
        }
        break;
    }
    return found;
  };

  const submit = async () => {
    setBusy(true);
    try {
      const found = await validate();
      setProblems(found);
      if (found.length > 0) return;
      const patch = { ...draft };
      if (step === 'about' && draft.aboutWhom === 'self') {
        patch.isAgent = '';
        patch.authority = null;
      }
      update(patch);
      navigate(afterStep(step, patch, change));
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = async (file: File | null) => {
    if (!file) {
      set('authority')(null);
      return;
    }
    if (!AUTHORITY_TYPES.includes(file.type)) {
      setProblems([{ target: 'authority', message: 'The selected file must be a PDF, JPG or PNG' }]);
      set('authority')(null);
      return;
    }
    if (file.size > MAX_AUTHORITY_BYTES) {
      setProblems([{ target: 'authority', message: 'The selected file must be smaller than 5 MB' }]);
      set('authority')(null);
      return;
    }
    if (file.size === 0) {
      setProblems([{ target: 'authority', message: 'The selected file is empty' }]);
      set('authority')(null);
      return;
    }
    const contentBase64 = await readAsBase64(file);
    setProblems([]);
    set('authority')({ filename: file.name, contentBase64, size: file.size });
  };

  return (
    <PublicFrame>
      <BackLink to={beforeStep(step, answers, change)} />
      <ErrorSummary problems={problems} />
      <Form onSubmit={() => void submit()}>
        {step === 'about' ? (
          <Radios
            id="about-whom"
            legendIsHeading
            legend={title}
            value={draft.aboutWhom}
            onChange={(value) => set('aboutWhom')(value as PublicAnswers['aboutWhom'])}
            error={problemFor(problems, 'about-whom')}
            choices={[
              { value: 'self', label: 'Me' },
              {
                value: 'someone-else',
                label: 'Someone else',
                hint: 'You are asking for them, for example as their lawyer or family member',
              },
            ]}
          />
        ) : null}
        {step === 'agent' ? (
          <Radios
            id="is-agent"
            legendIsHeading
            legend={title}
            hint="For example a signed letter or form that says you can ask for their personal information."
            value={draft.isAgent}
            inline
            onChange={(value) => set('isAgent')(value as PublicAnswers['isAgent'])}
            error={problemFor(problems, 'is-agent')}
            choices={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
          />
        ) : null}
        {step === 'authority' ? (
          <>
            <FileUpload
              id="authority"
              labelIsHeading
              label={title}
              hint="A PDF, JPG or PNG, smaller than 5 MB. It must be signed by the person and say what you can ask for."
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              error={problemFor(problems, 'authority')}
              onChange={(file) => void chooseFile(file)}
            />
            {draft.authority ? (
              <p className="govuk-body" role="status">
                Selected: {draft.authority.filename} ({Math.ceil(draft.authority.size / 1024)} KB)
              </p>
            ) : null}
          </>
        ) : null}
        {step === 'person' ? (
          <>
            <h1 className="govuk-heading-l">{title}</h1>
            <TextInput
              id="subject-name"
              label="Full name"
              hint={someoneElse ? 'The name of the person the information is about' : undefined}
              autoComplete={someoneElse ? 'off' : 'name'}
              value={draft.subjectName}
              onChange={set('subjectName')}
              width="30"
              error={problemFor(problems, 'subject-name')}
            />
            <DateInput
              id="subject-dob"
              legend="Date of birth"
              hint="For example, 27 3 1985"
              {...(someoneElse ? {} : { autoCompletePrefix: 'bday' as const })}
              value={draft.subjectDob}
              onChange={set('subjectDob')}
              error={problemFor(problems, 'subject-dob-day')}
            />
          </>
        ) : null}
        {step === 'kind' ? (
          <Radios
            id="kind"
            legendIsHeading
            legend={title}
            value={draft.kind}
            onChange={(value) => set('kind')(value as PublicAnswers['kind'])}
            error={problemFor(problems, 'kind')}
            choices={[
              { value: 'access', label: 'Get a copy of, or see, personal information' },
              {
                value: 'correction',
                label: 'Correct personal information',
                hint: 'Tell us what is wrong and what it should say',
              },
            ]}
          />
        ) : null}
        {step === 'description' ? (
          <TextArea
            id="description"
            labelIsHeading
            label={title}
            hint={
              draft.kind === 'correction'
                ? 'Say which record it is, what it says now, and what is right.'
                : 'Be as specific as you can: the kind of information, dates, places or people involved. This helps us find it sooner.'
            }
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
            legend={title}
            hint="We will use the way you choose unless there is a good reason not to, and we will tell you why."
            value={draft.formOfRelease}
            onChange={(value) => set('formOfRelease')(value as PublicAnswers['formOfRelease'])}
            error={problemFor(problems, 'form-of-release')}
            choices={Object.entries(formOfReleaseLabels).map(([value, text]) => ({ value, label: text }))}
          />
        ) : null}
        {step === 'contact' ? (
          <>
            <h1 className="govuk-heading-l">{title}</h1>
            <p className="govuk-body">
              We will send a code to this email address so you can track your request.
            </p>
            {someoneElse ? (
              <TextInput
                id="requester-name"
                label="Your full name"
                autoComplete="name"
                value={draft.requesterName}
                onChange={set('requesterName')}
                width="30"
                error={problemFor(problems, 'requester-name')}
              />
            ) : null}
            <TextInput
              id="email"
              label="Email address"
              type="email"
              autoComplete="email"
              value={draft.email}
              onChange={set('email')}
              width="30"
              error={problemFor(problems, 'email')}
            />
            <TextInput
              id="phone"
              label="Phone number (optional)"
              hint="Only if you would like us to call you about your request"
              type="tel"
              autoComplete="tel"
              value={draft.phone}
              onChange={set('phone')}
              width="20"
              error={problemFor(problems, 'phone')}
            />
          </>
        ) : null}
        <Button disabled={busy}>Continue</Button>
      </Form>
    </PublicFrame>
  );
}

/** For someone without written permission: what they can do instead. */
export function NotAgent() {
  useTitle('You need their written permission', PUBLIC_SERVICE);
  return (
    <PublicFrame>
      <BackLink to="/request/agent" />
      <h1 className="govuk-heading-l">You need their written permission</h1>
      <p className="govuk-body">
        To ask for someone else’s personal information under the Privacy Act you need their written
        permission. Ask them to sign a letter saying you can ask for them, then come back.
      </p>
      <p className="govuk-body">
        They can also ask for it themselves, here or at a kiosk in their unit. Without their permission, we
        treat a request as an Official Information Act request, and we usually cannot give out someone else’s
        personal information.
      </p>
      <p className="govuk-body">
        <Link to="/request/about">Go back to the first question</Link>
      </p>
    </PublicFrame>
  );
}

const pageForPath: Record<string, QuestionStep> = {
  aboutWhom: 'about',
  subject: 'person',
  requester: 'contact',
  'requester.relationship': 'agent',
  authorityDocument: 'authority',
  kind: 'kind',
  description: 'description',
  formOfRelease: 'form',
};

/** Check your answers, then send. */
export function RequestCheck() {
  const { answers, reset, setSent } = usePublic();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useTitle('Check your answers before sending your request', PUBLIC_SERVICE, problems.length > 0);
  const incomplete = !answers.aboutWhom || !answers.kind || !answers.email;
  useEffect(() => {
    if (incomplete) navigate('/request/about', { replace: true });
  }, [incomplete]);
  if (incomplete) return null;
  const someoneElse = answers.aboutWhom === 'someone-else';
  const dob = dateFromParts(answers.subjectDob.day, answers.subjectDob.month, answers.subjectDob.year);
  const change = (step: QuestionStep, hidden: string) => ({
    to: `/request/${step}?change=1`,
    text: 'Change',
    hidden,
  });
  const rows: SummaryRow[] = [
    {
      key: 'About',
      value: someoneElse ? 'Someone else' : 'Me',
      action: change('about', 'who the information is about'),
    },
  ];
  if (someoneElse) {
    rows.push({
      key: 'Written permission',
      value: answers.authority ? answers.authority.filename : 'Not uploaded',
      action: change('authority', 'written permission'),
    });
  }
  rows.push(
    { key: 'Name', value: answers.subjectName, action: change('person', 'name') },
    { key: 'Date of birth', value: dob ? formatDate(dob) : '', action: change('person', 'date of birth') },
    {
      key: 'Request',
      value: answers.kind === 'correction' ? 'Correct personal information' : 'Get personal information',
      action: change('kind', 'what you would like to do'),
    },
    {
      key: answers.kind === 'correction' ? 'What is wrong' : 'Information wanted',
      value: <span style={{ whiteSpace: 'pre-wrap' }}>{answers.description}</span>,
      action: change('description', 'description'),
    },
    {
      key: 'How to get it',
      value: label(formOfReleaseLabels, answers.formOfRelease),
      action: change('form', 'how to get it'),
    },
  );
  if (someoneElse)
    rows.push({ key: 'Your name', value: answers.requesterName, action: change('contact', 'your name') });
  rows.push(
    { key: 'Email', value: answers.email, action: change('contact', 'email address') },
    { key: 'Phone', value: answers.phone || 'Not given', action: change('contact', 'phone number') },
  );

  const send = async () => {
    setBusy(true);
    setProblems([]);
    const body = {
      aboutWhom: answers.aboutWhom,
      subject: { name: answers.subjectName.trim(), ...(dob ? { dateOfBirth: dob } : {}) },
      requester: {
        name: someoneElse ? answers.requesterName.trim() : answers.subjectName.trim(),
        email: answers.email.trim(),
        ...(answers.phone.trim() ? { phone: answers.phone.trim() } : {}),
        relationship: someoneElse ? 'agent' : 'self',
      },
      ...(someoneElse && answers.authority
        ? {
            authorityDocument: {
              filename: answers.authority.filename,
              contentBase64: answers.authority.contentBase64,
            },
          }
        : {}),
      kind: answers.kind,
      description: answers.description.trim(),
      formOfRelease: answers.formOfRelease,
    };
    try {
      const created = await api<PublicCreated>('POST', '/api/public/requests', body);
      setSent({ ...created, email: answers.email.trim() });
      reset();
      navigate('/request/confirmation', { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.fields.length > 0) {
        setProblems(
          error.fields.map((field) => {
            const step = pageForPath[field.path] ?? pageForPath[field.path.split('.')[0] ?? ''];
            return {
              target: null,
              message: field.message,
              ...(step ? { to: `/request/${step}?change=1` } : {}),
            };
          }),
        );
      } else if (error.status === 413) {
        setProblems([
          {
            target: null,
            message: 'The permission file is too big. Upload a smaller one.',
            to: '/request/authority?change=1',
          },
        ]);
      } else {
        setProblems([{ target: null, message: error.message }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
      <BackLink to="/request/contact" />
      <ErrorSummary problems={problems} />
      <h1 className="govuk-heading-l">Check your answers before sending your request</h1>
      <SummaryList rows={rows} />
      <h2 className="govuk-heading-m">Now send your request</h2>
      <p className="govuk-body">
        By sending this request you confirm that the details are correct
        {someoneElse ? ', and that you have the person’s permission to ask for them' : ''}.
      </p>
      <Form onSubmit={() => void send()}>
        <Button disabled={busy}>Accept and send</Button>
      </Form>
    </PublicFrame>
  );
}

/** Confirmation with the reference number, the due date, and what happens next. */
export function RequestConfirmation() {
  const { sent } = usePublic();
  useTitle('Request sent', PUBLIC_SERVICE);
  if (!sent) {
    return (
      <PublicFrame>
        <h1 className="govuk-heading-l">There is no request to show</h1>
        <p className="govuk-body">
          <Link to="/request">Start a request</Link> or <Link to="/request/track">track a request</Link>.
        </p>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame>
      <Panel title="Request sent">
        Your reference number
        <br />
        <strong>{sent.reference}</strong>
      </Panel>
      <p className="govuk-body">
        We will reply by <strong>{formatDate(sent.decisionDueDate, { weekday: true })}</strong> at the latest.
      </p>
      <InsetText>
        We have sent a verification code to {sent.email}. Use it with your reference number to{' '}
        <Link to="/request/track">track your request</Link>.
      </InsetText>
      <h2 className="govuk-heading-m">What happens next</h2>
      <ol className="govuk-list govuk-list--number">
        <li>We check your request within one working day.</li>
        <li>We may contact you to confirm who you are, or to ask what you need.</li>
        <li>We search for the information and decide what we can release.</li>
        <li>
          We send you our decision and the information by the date above. If we need more time, we will tell
          you before then.
        </li>
      </ol>
      <p className="govuk-body">There is no charge.</p>
      <p className="govuk-body">
        If you are not happy with how we handle your request, you can complain to the Privacy Commissioner
        (0800 803 909, privacy.org.nz).
      </p>
    </PublicFrame>
  );
}
