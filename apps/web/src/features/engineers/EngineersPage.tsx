import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Field, FormError } from '../../components/Field';
import { pct, QueryState } from '../../components/States';
import { exportEngineersCsv, useAddTimeOff, useAllEngineers, useImportEngineers, useTimeOff } from './hooks';
import { DataTable } from '../../components/DataTable';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function EngineersPage() {
  const engineers = useAllEngineers();
  const { user } = useAuth();
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const canEdit = user?.role === 'senior_manager' || user?.role === 'admin';
  const shown = (engineers.data ?? []).filter((e) => `${e.name} ${e.region} ${e.level} ${e.skills.map((s) => s.key).join(' ')}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section>
      <h1>Engineers</h1>
      <div className="toolbar">
        <Field label="Search engineers">{(p) => <input {...p} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}</Field>
        <button type="button" onClick={() => exportEngineersCsv().then((csv) => download('engineers.csv', csv), setExportError)}>
          Export CSV
        </button>
      </div>
      <FormError error={exportError} />
      {canEdit && <ImportForm />}
      <QueryState isPending={engineers.isPending} error={engineers.error} label="engineers" />
      {engineers.data && (
        <DataTable
          caption={`${shown.length} of ${engineers.data.length} engineers`}
          rows={shown}
          rowKey={(e) => e.id}
          columns={[
            { header: 'Name', cell: (e) => `${e.name}${e.active ? '' : ' (inactive)'}` },
            { header: 'Level', cell: (e) => e.level },
            { header: 'Region', cell: (e) => e.region },
            { header: 'Skills', cell: (e) => e.skills.map((s) => `${s.key} (${s.proficiency})`).join(', ') },
            { header: 'Target', cell: (e) => pct(e.utilizationTarget) },
            { header: 'Travel limit', cell: (e) => pct(e.travelLimit) },
            {
              header: 'Time off',
              cell: (e) => (
                <button type="button" onClick={() => setSelected(selected === e.id ? null : e.id)} aria-expanded={selected === e.id} aria-label={`Time off of ${e.name}`}>
                  Time off
                </button>
              ),
            },
          ]}
        />
      )}
      {selected && <TimeOffPanel engineerId={selected} name={engineers.data?.find((e) => e.id === selected)?.name ?? ''} canEdit={canEdit} />}
    </section>
  );
}

function ImportForm() {
  const importer = useImportEngineers();
  const [file, setFile] = useState<File | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (file) importer.mutate(await file.text());
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Import engineers" className="toolbar">
      <Field label="Engineers CSV to import">{(p) => <input {...p} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}</Field>
      <button type="submit" disabled={!file || importer.isPending}>
        Import CSV
      </button>
      {importer.data && (
        <p role="status">
          Imported {importer.data.total} rows: {importer.data.created} created, {importer.data.updated} updated.
        </p>
      )}
      {importer.error instanceof ApiError && importer.error.body.details?.length ? (
        <ul role="alert" className="form-error">
          {importer.error.body.details.slice(0, 20).map((d, i) => (
            <li key={i}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      ) : (
        <FormError error={importer.error} />
      )}
    </form>
  );
}

function TimeOffPanel({ engineerId, name, canEdit }: { engineerId: string; name: string; canEdit: boolean }) {
  const list = useTimeOff(engineerId);
  const add = useAddTimeOff(engineerId);
  const [form, setForm] = useState({ kind: 'pto' as 'pto' | 'internal' | 'training', startDate: '', endDate: '' });
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  return (
    <div className="panel" role="region" aria-label={`Time off of ${name}`}>
      <h2>Time off of {name}</h2>
      <QueryState isPending={list.isPending} error={list.error} label="time off" />
      {list.data?.length === 0 && <p>None booked.</p>}
      <ul>
        {list.data?.map((t) => (
          <li key={t.id}>
            {t.kind}: {t.startDate} – {t.endDate}
            {t.note ? ` (${t.note})` : ''}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form
          aria-label="Add time off"
          className="grid-form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(form);
          }}
        >
          <Field label="Kind">
            {(p) => (
              <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value === 'internal' ? 'internal' : e.target.value === 'training' ? 'training' : 'pto' })}>
                <option value="pto">PTO</option>
                <option value="internal">Internal</option>
                <option value="training">Training</option>
              </select>
            )}
          </Field>
          <Field label="From" error={errors.startDate}>
            {(p) => <input {...p} type="date" required value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} />}
          </Field>
          <Field label="To" error={errors.endDate}>
            {(p) => <input {...p} type="date" required value={form.endDate} onChange={(e) => setForm({ ...form, endDate: e.target.value })} />}
          </Field>
          {Object.keys(errors).length === 0 && <FormError error={add.error} />}
          <button type="submit" disabled={add.isPending}>
            Add time off
          </button>
        </form>
      )}
    </div>
  );
}
