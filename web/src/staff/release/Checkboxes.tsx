import type { ReactNode } from 'react';

// The GOV.UK checkboxes pattern for a question with several answers (forms.tsx has the single checkbox):
// one fieldset and legend, the hint and error tied to it, and the first box carries the id the error
// summary links to.

export interface CheckboxChoice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export function Checkboxes({
  id,
  legend,
  hint,
  error,
  choices,
  values,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  choices: CheckboxChoice[];
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const toggle = (value: string, checked: boolean) => {
    const rest = values.filter((candidate) => candidate !== value);
    // Keep the catalogue's order, whatever order the boxes were ticked in.
    const next = checked ? [...rest, value] : rest;
    onChange(choices.map((choice) => choice.value).filter((candidate) => next.includes(candidate)));
  };
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={described}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div className="govuk-hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <p className="govuk-error-message" id={errorId}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {choices.map((choice, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            const choiceHintId = `${inputId}-item-hint`;
            return (
              <div className="govuk-checkboxes__item" key={choice.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={inputId}
                  name={id}
                  type="checkbox"
                  value={choice.value}
                  checked={values.includes(choice.value)}
                  aria-describedby={choice.hint ? choiceHintId : undefined}
                  onChange={(event) => toggle(choice.value, event.target.checked)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div className="govuk-hint govuk-checkboxes__hint" id={choiceHintId}>
                    {choice.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
