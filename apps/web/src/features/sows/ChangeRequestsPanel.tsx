import { QueryState } from '../../components/States';
import { type Sow, useChangeRequests, useCreateChangeRequest } from './hooks';
import { ChangeRequestForm } from './SowPage';

export function ChangeRequestsPanel({ sow }: { sow: Sow }) {
  const list = useChangeRequests(sow.id);
  const create = useCreateChangeRequest(sow.id);
  return (
    <div className="panel">
      <h2>Change requests</h2>
      <QueryState isPending={list.isPending} error={list.error} label="change requests" />
      {list.data && list.data.length > 0 && (
        <ul>
          {list.data.map((cr) => (
            <li key={cr.id}>
              <span className={`badge ${cr.status}`}>{cr.status}</span> {cr.reason} ({cr.changes.map((c) => c.op).join(', ')}){cr.decisionReason ? ` — ${cr.decisionReason}` : ''}
            </li>
          ))}
        </ul>
      )}
      {list.data?.length === 0 && <p>No change requests.</p>}
      <ChangeRequestForm sow={sow} error={create.error} pending={create.isPending} onSubmit={(body) => create.mutate(body)} />
    </div>
  );
}
