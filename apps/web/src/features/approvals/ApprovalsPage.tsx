import { useState } from 'react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';
import { Link } from '../../app/router';
import { Field, FormError } from '../../components/Field';
import { QueryState } from '../../components/States';
import { usePlans } from '../plans/hooks';
import { type Sow, useSows } from '../sows/hooks';
import { useSowTransition } from '../sows/hooks';

/** The senior manager's inbox: submitted SOWs, submitted change requests and proposed staffing plans. */
export function ApprovalsPage() {
  const submitted = useSows('submitted');
  const approved = useSows('approved');
  const active = useSows('active');
  const plans = usePlans('proposed');
  const withChanges = [...(approved.data?.items ?? []), ...(active.data?.items ?? [])];
  const changeLists = useQueries({
    queries: withChanges.map((sow) => ({
      queryKey: keys.changeRequests(sow.id),
      queryFn: async () => unwrap(await api.GET('/api/v1/sows/{id}/change-requests', { params: { path: { id: sow.id } } })),
    })),
  });
  const pendingChanges = changeLists.flatMap((q, i) => (q.data ?? []).filter((cr) => cr.status === 'submitted').map((cr) => ({ cr, sow: withChanges[i] })));

  return (
    <section>
      <h1>Approvals</h1>
      <h2>SOWs waiting for approval</h2>
      <QueryState isPending={submitted.isPending} error={submitted.error} label="submitted SOWs" />
      {submitted.data?.items.length === 0 && <p>No SOWs waiting.</p>}
      <ul className="inbox">
        {submitted.data?.items.map((sow) => (
          <SowApproval key={sow.id} sow={sow} />
        ))}
      </ul>
      <h2>Change requests</h2>
      {pendingChanges.length === 0 && <p>No change requests waiting.</p>}
      <ul className="inbox">
        {pendingChanges.map(({ cr, sow }) => (
          <ChangeApproval key={cr.id} id={cr.id} sowId={sow.id} title={`${sow.title}: ${cr.reason}`} version={cr.version} />
        ))}
      </ul>
      <h2>Staffing plans</h2>
      <QueryState isPending={plans.isPending} error={plans.error} label="proposed plans" />
      {plans.data?.items.length === 0 && <p>No plans waiting.</p>}
      <ul className="inbox">
        {plans.data?.items.map((plan) => (
          <li key={plan.id}>
            <Link to={`/plans/${plan.id}`}>
              Review plan of {new Date(plan.createdAt).toLocaleString()} ({plan.trigger}, {plan.movesTotal ?? 0} moves)
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Decision({ title, link, pending, error, onDecide }: { title: string; link?: string; pending: boolean; error: unknown; onDecide: (approve: boolean, reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <li className="panel" aria-label={title}>
      <p>{link ? <Link to={link}>{title}</Link> : title}</p>
      <Field label={`Reason for ${title}`}>{(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      <div className="buttons">
        <button type="button" disabled={pending} onClick={() => onDecide(true, reason)} aria-label={`Approve ${title}`}>
          Approve
        </button>
        <button type="button" className="danger" disabled={pending || reason.trim() === ''} onClick={() => onDecide(false, reason)} aria-label={`Reject ${title}`}>
          Reject
        </button>
      </div>
      <FormError error={error} />
    </li>
  );
}

function SowApproval({ sow }: { sow: Sow }) {
  const transition = useSowTransition(sow.id);
  return (
    <Decision
      title={sow.title}
      link={`/sows/${sow.id}`}
      pending={transition.isPending}
      error={transition.error}
      onDecide={(approve, reason) => transition.mutate({ action: approve ? 'approve' : 'reject', reason, version: sow.version })}
    />
  );
}

function ChangeApproval({ id, sowId, title, version }: { id: string; sowId: string; title: string; version: number }) {
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: async ({ approve, reason }: { approve: boolean; reason: string }) =>
      approve
        ? unwrap(await api.POST('/api/v1/change-requests/{id}/approve', { params: { path: { id } }, body: { reason: reason || undefined, version } }))
        : unwrap(await api.POST('/api/v1/change-requests/{id}/reject', { params: { path: { id } }, body: { reason, version } })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.changeRequests(sowId) }), client.invalidateQueries({ queryKey: keys.sow(sowId) })]),
  });
  return <Decision title={title} link={`/sows/${sowId}`} pending={decide.isPending} error={decide.error} onDecide={(approve, reason) => decide.mutate({ approve, reason })} />;
}
