import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { navigate } from '../router.tsx';
import {
  Button,
  ButtonGroup,
  DateInput,
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
import { BackLink, InsetText, Loading, useTitle } from '../components/ui.tsx';
import { Link } from '../router.tsx';
import { formatDate } from '../format.ts';
import type { RequestDetail, StaffMember } from '../types.ts';
import {
  actionSpec,
  buildActionBody,
  inputIdFor,
  pageForStep,
  type ActionField,
  type ActionValues,
} from './actions.ts';
import { useApi } from './hooks.ts';
import { AccessGate } from './AccessGate.tsx';
import { setFlash, STAFF_SERVICE } from './session.tsx';

/**
 * One lifecycle action as its own page (GOV.UK: one thing per page), with the error-summary pattern. An old
 * link to a step that now has its own page (submitting for decision, deciding) goes to that page instead.
 */
export function ActionPage({ id, action }: { id: string; action: string }) {
  const moved = pageForStep[action];
  if (moved) return <MovedStep to={`/work/requests/${encodeURIComponent(id)}/${moved}`} />;
  return <GenericActionPage id={id} action={action} />;
}

function MovedStep({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function GenericActionPage({ id, action }: { id: string; action: string }) {
  const request = useApi<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);
  const spec = actionSpec(action, request.kind === 'ready' ? request.data.track : null);
  const staff = useApi<{ items: StaffMember[] }>(
    spec?.fields.some((field) => field.kind === 'officer') ? '/api/staff' : null,
  );
  const [values, setValues] = useState<ActionValues>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  useTitle(spec?.heading ?? 'Action', STAFF_SERVICE, problems.length > 0);
  const back = `/work/requests/${encodeURIComponent(id)}`;

  if (!spec) {
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">
          <Link to={back}>Back to the request</Link>
        </p>
      </>
    );
  }
  if (request.kind === 'loading') return <Loading>Loading the request…</Loading>;
  if (request.kind === 'error') {
    return (
      <>
        <h1 className="govuk-heading-l">Request not found</h1>
        <p className="govuk-body">There is no request at this address, or you do not have access to it.</p>
        <p className="govuk-body">
          <Link to="/work">Back to the request queues</Link>
        </p>
      </>
    );
  }
  const data = request.data;

  if (!data.allowedActions.includes(spec.type)) {
    return (
      <>
        <BackLink to={back}>Back to {data.reference}</BackLink>
        <h1 className="govuk-heading-l">You cannot do this now</h1>
        <p className="govuk-body" id="not-allowed-reason">
          {spec.type === 'extend' && data.extension
            ? `This request was already extended, to ${formatDate(data.extension.newDueDate)}. The Privacy Act 2020 (s 48) allows only one extension.`
            : `“${spec.label}” is not possible for request ${data.reference} at this stage, or your role does not allow it.`}
        </p>
        <p className="govuk-body">
          <Link to={back}>Back to the request</Link>
        </p>
      </>
    );
  }

  const set = (name: string) => (value: string) => setValues((current) => ({ ...current, [name]: value }));

  const submit = async () => {
    const built = buildActionBody(spec, values);
    if ('problems' in built) {
      setProblems(built.problems);
      return;
    }
    setBusy(true);
    try {
      await api('POST', `/api/requests/${encodeURIComponent(data.id)}/events`, built.body);
      setFlash(spec.done);
      navigate(back);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const targets: Record<string, string> = {};
      for (const field of spec.fields) targets[field.name] = inputIdFor(field);
      if (error.fields.length > 0) setProblems(problemsFromApi(error.fields, targets));
      else setProblems([{ target: null, message: error.message }]);
    } finally {
      setBusy(false);
    }
  };

  const officers =
    staff.kind === 'ready'
      ? staff.data.items.filter((member) => member.role === 'officer' || member.role === 'intake')
      : [];

  return (
    <AccessGate
      key={data.id}
      personId={data.subject.id}
      placeholder={<span className="govuk-caption-l">Request {data.reference}</span>}
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink to={back}>Back to {data.reference}</BackLink>
          <ErrorSummary problems={problems} />
          <span className="govuk-caption-l">
            {data.reference}, {data.subjectName}
          </span>
          <h1 className="govuk-heading-l">{spec.heading}</h1>
          {spec.intro ? <InsetText>{spec.intro}</InsetText> : null}
          {spec.type === 'extend' && data.decisionDueDate ? (
            <p className="govuk-body">
              The decision is due now by {formatDate(data.decisionDueDate, { weekday: true })}.
            </p>
          ) : null}
          <Form onSubmit={() => void submit()} label={spec.heading}>
            {spec.fields.map((field) => (
              <FieldFor
                key={field.name}
                field={field}
                values={values}
                set={set}
                problems={problems}
                officers={officers}
              />
            ))}
            <ButtonGroup>
              <Button disabled={busy} {...(spec.warning ? { variant: 'warning' as const } : {})}>
                {spec.submit}
              </Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </ButtonGroup>
          </Form>
        </div>
      </div>
    </AccessGate>
  );
}

function FieldFor({
  field,
  values,
  set,
  problems,
  officers,
}: {
  field: ActionField;
  values: ActionValues;
  set: (name: string) => (value: string) => void;
  problems: Problem[];
  officers: StaffMember[];
}) {
  const error = problemFor(problems, inputIdFor(field));
  switch (field.kind) {
    case 'radios':
      return (
        <Radios
          id={field.name}
          legend={field.legend}
          hint={field.hint}
          choices={field.choices}
          value={values[field.name] ?? ''}
          onChange={set(field.name)}
          error={error}
        />
      );
    case 'textarea':
      return (
        <TextArea
          id={field.name}
          label={field.label}
          hint={field.hint}
          value={values[field.name] ?? ''}
          onChange={set(field.name)}
          error={error}
        />
      );
    case 'text':
      return (
        <TextInput
          id={field.name}
          label={field.label}
          hint={field.hint}
          value={values[field.name] ?? ''}
          onChange={set(field.name)}
          error={error}
          width="30"
        />
      );
    case 'officer':
      return (
        <Select
          id={field.name}
          label={field.label}
          hint={field.hint}
          value={values[field.name] ?? ''}
          onChange={set(field.name)}
          error={error}
          options={[
            { value: '', label: 'Choose an officer' },
            ...officers.map((officer) => ({
              value: officer.id,
              label: `${officer.name}${officer.team ? ` (${officer.team})` : ''}`,
            })),
          ]}
        />
      );
    case 'date':
      return (
        <DateInput
          id={field.name}
          legend={field.legend}
          hint={field.hint}
          error={error}
          value={{
            day: values[`${field.name}.day`] ?? '',
            month: values[`${field.name}.month`] ?? '',
            year: values[`${field.name}.year`] ?? '',
          }}
          onChange={(parts) => {
            set(`${field.name}.day`)(parts.day);
            set(`${field.name}.month`)(parts.month);
            set(`${field.name}.year`)(parts.year);
          }}
        />
      );
  }
}
