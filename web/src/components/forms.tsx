import {
  useEffect,
  useId,
  useRef,
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
  type MouseEvent,
} from 'react';
import type { FieldProblem } from '../api.ts';
import { humanise } from '../format.ts';
import { Link } from '../router.tsx';

// GOV.UK Design System form patterns: labels above inputs, hints, error messages tied to their input,
// and an error summary at the top of the page that takes focus and links to each bad field.

/**
 * One problem to show: `target` is the id of the input it is about (null: the form as a whole); `to` is
 * another page that holds the input (a check-your-answers page links back to the question).
 */
export interface Problem {
  target: string | null;
  message: string;
  to?: string;
}

/** The message for one input, if it has a problem. */
export function problemFor(problems: Problem[], target: string): string | undefined {
  return problems.find((problem) => problem.target === target)?.message;
}

/**
 * Turns the API's `error.fields[].path` into problems pinned to this form's inputs; a path the form has
 * no input for is still shown, in the summary, so nothing the server says is lost.
 * @example problemsFromApi([{ path: 'subject.name', message: 'Required' }], { 'subject.name': 'subject-name' })
 */
export function problemsFromApi(
  fields: FieldProblem[],
  targets: Record<string, string>,
  fallbackMessage?: string,
): Problem[] {
  const problems: Problem[] = fields.map((field) => {
    const target = targets[field.path] ?? targetByPrefix(field.path, targets);
    return {
      target: target ?? null,
      message: target
        ? sentence(field.message)
        : `${humanise(field.path.split('.').join(' '))}: ${field.message}`,
    };
  });
  if (problems.length === 0 && fallbackMessage) problems.push({ target: null, message: fallbackMessage });
  return problems;
}

function targetByPrefix(path: string, targets: Record<string, string>): string | undefined {
  const key = Object.keys(targets).find((candidate) => path.startsWith(`${candidate}.`));
  return key ? targets[key] : undefined;
}

function sentence(message: string): string {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/** Focuses an input from an error-summary link and brings its label (or legend) into view. */
function focusTarget(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const element = document.getElementById(target);
  if (!element) return;
  event.preventDefault();
  const legend = element.closest('fieldset')?.querySelector('legend');
  const labelElement = document.querySelector(`label[for="${CSS.escape(target)}"]`);
  (legend ?? labelElement ?? element).scrollIntoView();
  element.focus({ preventScroll: true });
}

/** "There is a problem": takes focus when it appears so screen-reader and keyboard users land on it. */
export function ErrorSummary({ problems }: { problems: Problem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) ref.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 className="govuk-error-summary__title" id="error-summary-title">
          There is a problem
        </h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {problems.map((problem, index) => (
              <li key={`${problem.target ?? 'form'}-${index}`}>
                {problem.to ? (
                  <Link to={problem.to}>{problem.message}</Link>
                ) : problem.target ? (
                  <a
                    href={`#${problem.target}`}
                    onClick={(event) => focusTarget(event, problem.target ?? '')}
                  >
                    {problem.message}
                  </a>
                ) : (
                  problem.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A form that never uses the browser's own validation bubbles (the error summary replaces them). */
export function Form({
  onSubmit,
  children,
  className,
  label,
}: {
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
  label?: string;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form noValidate onSubmit={submit} className={className} aria-label={label}>
      {children}
    </form>
  );
}

function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <p className="govuk-error-message" id={id}>
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

function LabelOrHeading({
  htmlFor,
  text,
  asHeading,
  size = 'l',
}: {
  htmlFor: string;
  text: ReactNode;
  asHeading?: boolean;
  size?: 's' | 'm' | 'l' | 'xl';
}) {
  if (asHeading) {
    return (
      <h1 className="govuk-label-wrapper">
        <label className={`govuk-label govuk-label--${size}`} htmlFor={htmlFor}>
          {text}
        </label>
      </h1>
    );
  }
  return (
    <label className="govuk-label" htmlFor={htmlFor}>
      {text}
    </label>
  );
}

interface TextInputProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'time';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel' | 'search';
  width?: '2' | '3' | '4' | '5' | '10' | '20' | '30';
  labelIsHeading?: boolean;
  spellCheck?: boolean;
  className?: string;
}

/** A labelled text input with its hint and error message. */
export function TextInput({
  id,
  label: text,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  width,
  labelIsHeading,
  spellCheck,
  className,
}: TextInputProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <LabelOrHeading htmlFor={id} text={text} asHeading={labelIsHeading ?? false} />
      {hint ? (
        <div className="govuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId} message={error} /> : null}
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}${className ? ` ${className}` : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        autoComplete={autoComplete ?? 'off'}
        inputMode={inputMode}
        spellCheck={spellCheck ?? false}
        aria-describedby={describedBy(hint ? hintId : false, error ? errorId : false)}
        aria-invalid={error ? true : undefined}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      />
    </div>
  );
}

/** A labelled multi-line input. */
export function TextArea({
  id,
  label: text,
  hint,
  error,
  value,
  onChange,
  rows = 5,
  labelIsHeading,
  autoComplete,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  labelIsHeading?: boolean;
  autoComplete?: string;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <LabelOrHeading htmlFor={id} text={text} asHeading={labelIsHeading ?? false} />
      {hint ? (
        <div className="govuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId} message={error} /> : null}
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        autoComplete={autoComplete ?? 'off'}
        aria-describedby={describedBy(hint ? hintId : false, error ? errorId : false)}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

function Fieldset({
  legend,
  legendIsHeading,
  legendSize = 'l',
  describedBy: described,
  children,
}: {
  legend: ReactNode;
  legendIsHeading?: boolean | undefined;
  legendSize?: 's' | 'm' | 'l' | 'xl';
  describedBy?: string | undefined;
  children: ReactNode;
}) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={described}>
      <legend
        className={`govuk-fieldset__legend${legendIsHeading ? ` govuk-fieldset__legend--${legendSize}` : ' govuk-fieldset__legend--s'}`}
      >
        {legendIsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  );
}

/** Radio buttons in a fieldset; the first one carries the id the error summary links to. */
export function Radios({
  id,
  legend,
  legendIsHeading,
  hint,
  error,
  choices,
  value,
  onChange,
  inline,
}: {
  id: string;
  legend: ReactNode;
  legendIsHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Fieldset
        legend={legend}
        legendIsHeading={legendIsHeading}
        describedBy={describedBy(hint ? hintId : false, error ? errorId : false)}
      >
        {hint ? (
          <div className="govuk-hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={errorId} message={error} /> : null}
        <div className={`govuk-radios${inline ? ' govuk-radios--inline' : ''}`}>
          {choices.map((choice, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            const choiceHintId = `${inputId}-item-hint`;
            return (
              <div className="govuk-radios__item" key={choice.value}>
                <input
                  className="govuk-radios__input"
                  id={inputId}
                  name={id}
                  type="radio"
                  value={choice.value}
                  checked={value === choice.value}
                  aria-describedby={choice.hint ? choiceHintId : undefined}
                  onChange={() => onChange(choice.value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div className="govuk-hint govuk-radios__hint" id={choiceHintId}>
                    {choice.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}

/** One checkbox on its own (a yes/no the person ticks). */
export function Checkbox({
  id,
  label: text,
  hint,
  error,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {error ? <ErrorMessage id={errorId} message={error} /> : null}
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={describedBy(hint ? hintId : false, error ? errorId : false)}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {text}
          </label>
          {hint ? (
            <div className="govuk-hint govuk-checkboxes__hint" id={hintId}>
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A labelled select (used where a radio list would be too long, such as choosing an officer). */
export function Select({
  id,
  label: text,
  hint,
  error,
  value,
  onChange,
  options,
  labelIsHeading,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
  labelIsHeading?: boolean;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <LabelOrHeading htmlFor={id} text={text} asHeading={labelIsHeading ?? false} />
      {hint ? (
        <div className="govuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId} message={error} /> : null}
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(hint ? hintId : false, error ? errorId : false)}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

/** Day, month and year boxes (GOV.UK date input); the error summary links to the day box, `${id}-day`. */
export function DateInput({
  id,
  legend,
  legendIsHeading,
  hint,
  error,
  value,
  onChange,
  autoCompletePrefix,
}: {
  id: string;
  legend: ReactNode;
  legendIsHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
  autoCompletePrefix?: 'bday';
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const part = (key: keyof DateParts, text: string, width: '2' | '4') => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${key}`}>
          {text}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`}
          id={`${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          autoComplete={
            autoCompletePrefix
              ? `${autoCompletePrefix}-${key === 'day' ? 'day' : key === 'month' ? 'month' : 'year'}`
              : 'off'
          }
          value={value[key]}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange({ ...value, [key]: event.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Fieldset
        legend={legend}
        legendIsHeading={legendIsHeading}
        describedBy={describedBy(hint ? hintId : false, error ? errorId : false)}
      >
        {hint ? (
          <div className="govuk-hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={errorId} message={error} /> : null}
        <div className="govuk-date-input" id={id}>
          {part('day', 'Day', '2')}
          {part('month', 'Month', '2')}
          {part('year', 'Year', '4')}
        </div>
      </Fieldset>
    </div>
  );
}

/** A file chooser with label, hint and error. */
export function FileUpload({
  id,
  label: text,
  hint,
  error,
  onChange,
  accept,
  labelIsHeading,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  onChange: (file: File | null) => void;
  accept?: string;
  labelIsHeading?: boolean;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <LabelOrHeading htmlFor={id} text={text} asHeading={labelIsHeading ?? false} />
      {hint ? (
        <div className="govuk-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId} message={error} /> : null}
      <input
        className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
        id={id}
        name={id}
        type="file"
        accept={accept}
        aria-describedby={describedBy(hint ? hintId : false, error ? errorId : false)}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}

/** A green (or secondary / warning) button. */
export function Button({
  children,
  variant,
  type = 'submit',
  onClick,
  disabled,
  id,
}: {
  children: ReactNode;
  variant?: 'secondary' | 'warning';
  type?: 'submit' | 'button';
  onClick?: () => void;
  disabled?: boolean;
  id?: string;
}) {
  return (
    <button
      type={type}
      id={id}
      className={`govuk-button${variant ? ` govuk-button--${variant}` : ''}`}
      onClick={onClick}
      disabled={disabled}
      aria-disabled={disabled ? true : undefined}
    >
      {children}
    </button>
  );
}

/** Buttons (and a link) side by side. */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}

/** A unique id for ad-hoc labelling. */
export function useStableId(prefix: string): string {
  return `${prefix}-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}
