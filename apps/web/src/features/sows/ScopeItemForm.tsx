import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { Field, UnplacedErrors } from '../../components/Field';
import type { CreateScopeItem, ScopeTemplate, TemplateParameter } from './hooks';

type ParamValue = string | number | boolean;

function initialValue(parameter: TemplateParameter): string {
  if (parameter.default !== undefined && parameter.default !== null) return String(parameter.default);
  if (parameter.type === 'bool') return 'false';
  if (parameter.type === 'enum' && parameter.allowedValues?.length && parameter.required) return parameter.allowedValues[0];
  return '';
}

/** Typed parameter values; an empty optional field is left out so the template's default applies. */
function parametersOf(template: ScopeTemplate, values: Record<string, string>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const parameter of template.parameters) {
    const raw = values[parameter.name] ?? '';
    if (raw === '' && parameter.type !== 'bool') continue;
    // An int field that does not parse is sent as typed so the API names the rule it breaks.
    out[parameter.name] = parameter.type === 'int' ? (raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw) : parameter.type === 'bool' ? raw === 'true' : raw;
  }
  return out;
}

/**
 * Adds a scope item from a catalogue template: the template's parameters become fields, and the API's
 * validation messages (`details[].field`, e.g. `parameters.userCount`) are shown at the field they name.
 */
export function ScopeItemForm({
  templates,
  defaultStart,
  defaultEnd,
  onSubmit,
  error,
  pending,
  submitLabel = 'Add scope item',
}: {
  templates: readonly ScopeTemplate[];
  defaultStart: string;
  defaultEnd: string;
  onSubmit: (item: CreateScopeItem, reset: () => void) => void;
  error: unknown;
  pending: boolean;
  submitLabel?: string;
}) {
  const [templateKey, setTemplateKey] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [startDate, setStartDate] = useState(defaultStart);
  const [endDate, setEndDate] = useState(defaultEnd);
  const template = templates.find((t) => t.key === templateKey);
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  const shownFields = new Set(['templateKey', 'startDate', 'endDate', ...(template?.parameters ?? []).flatMap((p) => [`parameters.${p.name}`, p.name])]);

  const chooseTemplate = (key: string): void => {
    setTemplateKey(key);
    const next = templates.find((t) => t.key === key);
    setValues(Object.fromEntries((next?.parameters ?? []).map((p) => [p.name, initialValue(p)])));
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!template) return;
    onSubmit({ templateKey: template.key, parameters: parametersOf(template, values), startDate, endDate }, () => chooseTemplate(''));
  };

  return (
    <form onSubmit={submit} aria-label="Add scope item" className="grid-form">
      <Field label="Template" error={errors.templateKey} hint={template?.description}>
        {(p) => (
          <select {...p} required value={templateKey} onChange={(e) => chooseTemplate(e.target.value)}>
            <option value="">Choose from the catalogue</option>
            {templates.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {template?.parameters.map((parameter) => {
        const message = errors[`parameters.${parameter.name}`] ?? errors[parameter.name];
        const set = (value: string): void => setValues({ ...values, [parameter.name]: value });
        const value = values[parameter.name] ?? '';
        const label = `${parameter.description || parameter.name}${parameter.required ? '' : ' (optional)'}`;
        if (parameter.type === 'bool') {
          return (
            <Field key={parameter.name} label={label} error={message}>
              {(p) => (
                <select {...p} value={value} onChange={(e) => set(e.target.value)}>
                  <option value="false">No</option>
                  <option value="true">Yes</option>
                </select>
              )}
            </Field>
          );
        }
        if (parameter.type === 'enum') {
          return (
            <Field key={parameter.name} label={label} error={message}>
              {(p) => (
                <select {...p} value={value} onChange={(e) => set(e.target.value)}>
                  {!parameter.required && <option value="">Default</option>}
                  {(parameter.allowedValues ?? []).map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          );
        }
        return (
          <Field key={parameter.name} label={label} error={message} hint={parameter.min != null || parameter.max != null ? `${parameter.min ?? ''}–${parameter.max ?? ''}` : undefined}>
            {(p) => <input {...p} inputMode="numeric" value={value} onChange={(e) => set(e.target.value)} />}
          </Field>
        );
      })}
      <Field label="Item start" error={errors.startDate}>
        {(p) => <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />}
      </Field>
      <Field label="Item end" error={errors.endDate}>
        {(p) => <input {...p} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />}
      </Field>
      <UnplacedErrors error={error} shown={shownFields} />
      <button type="submit" disabled={pending || !template}>
        {submitLabel}
      </button>
    </form>
  );
}
