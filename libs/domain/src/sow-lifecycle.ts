import { DomainError } from './domain-error';
import { AssignmentStatus, ChangeRequestStatus, SowStatus } from './vocabulary';

export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export const SOW_TRANSITIONS: TransitionTable<SowStatus> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['approved', 'rejected', 'cancelled'],
  approved: ['active', 'cancelled'],
  rejected: ['draft', 'cancelled'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const CHANGE_REQUEST_TRANSITIONS: TransitionTable<ChangeRequestStatus> = {
  submitted: ['approved', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
};

export const ASSIGNMENT_TRANSITIONS: TransitionTable<AssignmentStatus> = {
  proposed: ['approved', 'released'],
  approved: ['active', 'released'],
  active: ['released'],
  released: [],
};

/** Only a draft SOW (and its scope) may be edited; everything later goes through a change request. */
export const SOW_EDITABLE_STATUSES: readonly SowStatus[] = ['draft'];

function assertIn<S extends string>(table: TransitionTable<S>, entity: string, from: S, to: S): void {
  const allowed = table[from] ?? [];
  if (allowed.includes(to)) return;
  throw new DomainError(
    'illegal_transition',
    `A ${entity} cannot move from ${from} to ${to}` + (allowed.length ? `; allowed: ${allowed.join(', ')}` : `; ${from} is final`),
    [
      { field: 'status', rule: 'illegalTransition', message: `${from} → ${to} is not allowed` },
      ...allowed.map((status) => ({ field: 'status', rule: 'allowedTransition', message: `${from} → ${status}` })),
    ],
  );
}

export function allowedTransitions(status: SowStatus): readonly SowStatus[] {
  return SOW_TRANSITIONS[status];
}

export function canTransition(from: SowStatus, to: SowStatus): boolean {
  return SOW_TRANSITIONS[from].includes(to);
}

/** Throws `illegal_transition` with the allowed targets in `details`. */
export function assertTransition(from: SowStatus, to: SowStatus): void {
  assertIn(SOW_TRANSITIONS, 'SOW', from, to);
}

export function isSowEditable(status: SowStatus): boolean {
  return SOW_EDITABLE_STATUSES.includes(status);
}

export function isSowFinal(status: SowStatus): boolean {
  return SOW_TRANSITIONS[status].length === 0;
}

export function allowedChangeRequestTransitions(status: ChangeRequestStatus): readonly ChangeRequestStatus[] {
  return CHANGE_REQUEST_TRANSITIONS[status];
}

export function assertChangeRequestTransition(from: ChangeRequestStatus, to: ChangeRequestStatus): void {
  assertIn(CHANGE_REQUEST_TRANSITIONS, 'change request', from, to);
}

export function allowedAssignmentTransitions(status: AssignmentStatus): readonly AssignmentStatus[] {
  return ASSIGNMENT_TRANSITIONS[status];
}

export function assertAssignmentTransition(from: AssignmentStatus, to: AssignmentStatus): void {
  assertIn(ASSIGNMENT_TRANSITIONS, 'assignment', from, to);
}
