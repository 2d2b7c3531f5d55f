import { type ReactNode, useId } from 'react';
import { ApiError } from '../api/client';

/** A labelled control with the API's message for this field under it (linked by aria-describedby). */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** The whole-form error (an API error not tied to a field). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/**
 * The errors a form could not show at one of its own fields: the API's details naming another field
 * (or none) as a list, the whole message when no detail names a field, or a non-API error.
 */
export function UnplacedErrors({ error, shown }: { error: unknown; shown: ReadonlySet<string> }) {
  if (error === null || error === undefined) return null;
  if (!(error instanceof ApiError)) return <FormError error={error} />;
  const details = error.body.details ?? [];
  const unplaced = details.filter((d) => !d.field || !shown.has(d.field));
  if (unplaced.length === 0) return Object.keys(error.fieldErrors()).length === 0 ? <FormError error={error} /> : null;
  return (
    <ul role="alert" className="form-error">
      {unplaced.map((d, i) => (
        <li key={i}>
          {d.field ? `${d.field}: ` : ''}
          {d.message}
        </li>
      ))}
    </ul>
  );
}
