import { DomainError } from '@sow/domain';
import { Actor } from './actor';

/**
 * Separation of duties: whoever asked for a decision (requested the plan, submitted the SOW, made
 * the change request) does not also make it. Senior managers decide; an admin may decide anything,
 * but only as an override with a reason, which the caller records in the audit trail.
 * Returns that override reason, or null for an ordinary decision.
 */
export function assertSeparateDuties(actor: Actor, requesters: ReadonlyArray<string | null | undefined>, what: string, reason: string | undefined): string | null {
  if (actor.role === 'admin') {
    const why = reason?.trim() ?? '';
    if (why.length === 0) {
      throw new DomainError('validation_failed', `An admin decides on a ${what} only as a recorded override: give a reason`, [
        { field: 'reason', rule: 'requiredForAdminOverride', message: 'reason is required when an admin overrides separation of duties' },
      ]);
    }
    return why;
  }
  if (actor.role !== 'senior_manager') throw new DomainError('forbidden', 'Only a senior manager may approve or reject');
  if (requesters.includes(actor.userId)) {
    throw new DomainError('forbidden', `You cannot decide on a ${what} you requested or manage (separation of duties); another senior manager, or an admin with a reason, must`, [
      { rule: 'requesterIsNotApprover', message: `the ${what} was requested by you` },
    ]);
  }
  return null;
}
