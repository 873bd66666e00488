import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { Icon } from './Icon';

interface FieldShellProps {
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  error?: string | null;
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, control, hint and error, wired together (label `for`, aria-describedby, aria-invalid). */
export function FieldShell({ label, optional, hint, error, children }: FieldShellProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={inputId}>
        {label}
        {optional && <span className="field-optional"> (optional)</span>}
      </label>
      {children({ inputId, describedBy, invalid: Boolean(error) })}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {hint && !error && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  error?: string | null;
  mono?: boolean;
};

export function TextField({ label, optional, hint, error, mono, className, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} optional={optional} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <input
          id={inputId}
          className={['input', mono ? 'input-mono' : '', className ?? ''].join(' ').trim()}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...input}
        />
      )}
    </FieldShell>
  );
}

/** A password or key input with a show/hide toggle. */
export function SecretField({ label, optional, hint, error, mono, ...input }: TextFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <FieldShell label={label} optional={optional} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <div className="input-with-button">
          <input
            id={inputId}
            type={shown ? 'text' : 'password'}
            className={mono ? 'input input-mono' : 'input'}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            autoComplete="off"
            spellCheck={false}
            {...input}
          />
          <button
            type="button"
            className="icon-btn input-button"
            aria-label={shown ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
            aria-pressed={shown}
            onClick={() => setShown((s) => !s)}
          >
            <Icon name={shown ? 'eyeOff' : 'eye'} size={17} />
          </button>
        </div>
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  options: ReadonlyArray<{ value: string; label: string }>;
};

export function SelectField({ label, hint, error, options, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <select id={inputId} className="select" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & {
  label: string;
  optional?: boolean;
  hint?: ReactNode;
  error?: string | null;
};

export function TextAreaField({ label, optional, hint, error, ...area }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} optional={optional} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <textarea id={inputId} className="textarea" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...area} />
      )}
    </FieldShell>
  );
}

export function CheckField({ label, description, ...input }: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: string; description?: ReactNode }) {
  const id = useId();
  const titleId = useId();
  const descriptionId = useId();
  return (
    <label className="check" htmlFor={id}>
      <input id={id} type="checkbox" aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined} {...input} />
      <span className="check-text">
        <span id={titleId} className="check-title">
          {label}
        </span>
        {description && (
          <span id={descriptionId} className="check-desc">
            {description}
          </span>
        )}
      </span>
    </label>
  );
}
