import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  optional?: boolean;
  error?: string;
  hint?: ReactNode;
  /** Shown at the right under the control, e.g. a character count. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A labelled form row for the phone pages: visible label, control, hint and error tied by aria-describedby. */
export function Field({ id, label, required, optional, error, hint, aside, children }: FieldProps) {
  return (
    <div className={`h5-field${error ? ' h5-field-invalid' : ''}`}>
      <label className="h5-label" htmlFor={id}>
        {label}
        {required ? (
          <span className="h5-required" aria-hidden="true">
            *
          </span>
        ) : null}
        {optional ? <span className="h5-label-optional">（选填）</span> : null}
      </label>
      {children}
      {hint || aside || error ? (
        <div className="h5-field-meta">
          <span>
            {error ? (
              <span className="h5-error" id={`${id}-error`} role="alert">
                {error}
              </span>
            ) : (
              <span id={`${id}-hint`}>{hint}</span>
            )}
          </span>
          {aside}
        </div>
      ) : null}
    </div>
  );
}

/** The ids a control should name in aria-describedby. */
export const describedBy = (id: string, error: string | undefined, hasHint: boolean): string | undefined =>
  error ? `${id}-error` : hasHint ? `${id}-hint` : undefined;

interface SwitchProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  testId?: string;
}

/** A native checkbox drawn as a switch: reachable by keyboard and screen readers, and checkable in tests. */
export function SwitchField({ id, label, checked, onChange, hint, testId }: SwitchProps) {
  return (
    <div className="h5-field">
      <div className="h5-switch-row">
        <label className="h5-label" htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="h5-switch"
          checked={checked}
          aria-checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-testid={testId}
          onChange={(event) => onChange(event.target.checked)}
        />
      </div>
      {hint ? (
        <div className="h5-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

interface ChoiceGroupProps<T extends string> {
  name: string;
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string;
  testIdPrefix?: string;
}

/** Radio buttons as large pills, in a fieldset whose legend is the question. */
export function ChoiceGroup<T extends string>({ name, legend, options, value, onChange, error, testIdPrefix }: ChoiceGroupProps<T>) {
  return (
    <fieldset className="h5-radio-group" aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="h5-choice-row">
        {options.map((option) => (
          <label key={option.value} className={`h5-choice${value === option.value ? ' h5-choice-checked' : ''}`}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              data-testid={testIdPrefix ? `${testIdPrefix}-${option.value}` : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? (
        <div className="h5-error" id={`${name}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
