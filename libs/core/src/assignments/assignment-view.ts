import { AssignmentRole, AssignmentSource, AssignmentStatus, allowedAssignmentTransitions } from '@sow/domain';
import { domainEvent } from '@sow/domain';
import { AssignmentEntity, NewOutboxEvent, StoredOverride, StoredScore } from '@sow/persistence';

/** What an assignment books: the role, the hours a week and on-site days over its dates. */
export interface AssignmentTerms {
  role: AssignmentRole;
  hoursPerWeek: number;
  startDate: string;
  endDate: string;
  onsiteDays: number;
}

/** Just the terms of an assignment-like record, in the order views list them. */
export function assignmentTermsOf(a: AssignmentTerms): AssignmentTerms {
  return { role: a.role, hoursPerWeek: a.hoursPerWeek, startDate: a.startDate, endDate: a.endDate, onsiteDays: a.onsiteDays };
}

export interface AssignmentView extends AssignmentTerms {
  id: string;
  scopeItemId: string;
  sowId: string;
  engineerId: string;
  status: AssignmentStatus;
  allowedTransitions: AssignmentStatus[];
  source: AssignmentSource;
  locked: boolean;
  /** The score when the assignment was made: why this engineer was picked. */
  score: StoredScore | null;
  override: StoredOverride | null;
  staffingPlanId: string | null;
  createdBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toAssignmentView(a: AssignmentEntity): AssignmentView {
  return {
    id: a.id,
    scopeItemId: a.scopeItemId,
    sowId: a.sowId,
    engineerId: a.engineerId,
    ...assignmentTermsOf(a),
    status: a.status,
    allowedTransitions: [...allowedAssignmentTransitions(a.status)],
    source: a.source,
    locked: a.locked,
    score: a.score,
    override: a.override,
    staffingPlanId: a.staffingPlanId,
    createdBy: a.createdBy,
    approvedBy: a.approvedBy,
    approvedAt: a.approvedAt ? new Date(a.approvedAt).toISOString() : null,
    version: a.version,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}

/** The outbox event that tells the engineer (and anyone listening) that approved or active work changed. */
export function assignmentChangedEvent(saved: AssignmentEntity, change: 'updated' | 'released', previousStatus: AssignmentStatus, reason?: string): NewOutboxEvent {
  return domainEvent('assignment.changed', saved.id, { assignmentId: saved.id, engineerId: saved.engineerId, scopeItemId: saved.scopeItemId, sowId: saved.sowId, change, previousStatus, version: saved.version, ...(reason ? { reason } : {}) });
}
