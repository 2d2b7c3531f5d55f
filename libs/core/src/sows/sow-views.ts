import { allowedTransitions, ClearanceLevel, ScopeItemDraft, ScopeItemStatus, SowStatus } from '@sow/domain';
import { AuditEventEntity, ScopeItemEntity, SowEntity } from '@sow/persistence';

/** A stored scope item: its draft (every field resolved) plus identity, status and version. */
export interface ScopeItemView extends ScopeItemDraft {
  id: string;
  sowId: string;
  status: ScopeItemStatus;
  version: number;
}

export interface ApprovalView {
  decidedBy: string;
  decidedAt: string;
  reason: string | null;
}

export interface SowView {
  id: string;
  customerId: string;
  title: string;
  engagementManagerId: string;
  startDate: string;
  endDate: string;
  currency: string;
  status: SowStatus;
  allowedTransitions: SowStatus[];
  requiredClearance: ClearanceLevel | null;
  approval: ApprovalView | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  scopeItems?: ScopeItemView[];
  estimatedHours?: number;
}

export interface AuditEventView {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export function toScopeItemView(i: ScopeItemEntity): ScopeItemView {
  return { id: i.id, sowId: i.sowId, ...draftOf(i), status: i.status, version: i.version };
}

export function draftOf(i: ScopeItemEntity): ScopeItemDraft {
  return {
    templateKey: i.templateKey,
    parameters: i.parameters,
    kind: i.kind,
    title: i.title,
    details: i.details,
    estimatedHours: i.estimatedHours,
    minLevel: i.minLevel,
    requiredSkills: i.requiredSkills,
    onsiteDays: i.onsiteDays,
    startDate: i.startDate,
    endDate: i.endDate,
    maxTeamSize: i.maxTeamSize,
  };
}

export function toSowView(s: SowEntity, items?: readonly ScopeItemEntity[]): SowView {
  const view: SowView = {
    id: s.id,
    customerId: s.customerId,
    title: s.title,
    engagementManagerId: s.engagementManagerId,
    startDate: s.startDate,
    endDate: s.endDate,
    currency: s.currency,
    status: s.status,
    allowedTransitions: [...allowedTransitions(s.status)],
    requiredClearance: s.requiredClearance,
    approval: s.decidedBy && s.decidedAt ? { decidedBy: s.decidedBy, decidedAt: new Date(s.decidedAt).toISOString(), reason: s.decisionReason } : null,
    version: s.version,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
  if (items) {
    view.scopeItems = items.map(toScopeItemView);
    view.estimatedHours = Math.round(items.reduce((sum, i) => sum + i.estimatedHours, 0) * 100) / 100;
  }
  return view;
}

export function toAuditEventView(e: AuditEventEntity): AuditEventView {
  return { id: e.id, at: new Date(e.at).toISOString(), actorId: e.actorId, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after };
}
