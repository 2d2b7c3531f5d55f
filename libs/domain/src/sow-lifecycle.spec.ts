import { DomainError } from './domain-error';
import {
  allowedTransitions,
  assertAssignmentTransition,
  assertChangeRequestTransition,
  assertTransition,
  canTransition,
  isSowEditable,
  isSowFinal,
} from './sow-lifecycle';
import { ASSIGNMENT_STATUSES, AssignmentStatus, CHANGE_REQUEST_STATUSES, ChangeRequestStatus, SOW_STATUSES, SowStatus } from './vocabulary';

const allowedSow = new Set([
  'draft>submitted',
  'submitted>approved',
  'submitted>rejected',
  'rejected>draft',
  'approved>active',
  'active>completed',
  'draft>cancelled',
  'submitted>cancelled',
  'approved>cancelled',
  'active>cancelled',
  'rejected>cancelled',
]);
const allowedCr = new Set(['submitted>approved', 'submitted>rejected', 'submitted>withdrawn']);
const allowedAssignment = new Set(['proposed>approved', 'approved>active', 'active>released', 'proposed>released', 'approved>released']);

const pairs = <S extends string>(values: readonly S[]): [S, S][] => values.flatMap((a) => values.map((b): [S, S] => [a, b]));

describe('sow lifecycle', () => {
  it.each(pairs<SowStatus>(SOW_STATUSES))('SOW %s → %s', (from, to) => {
    const ok = allowedSow.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(ok);
    if (ok) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(DomainError);
  });

  it.each(pairs<ChangeRequestStatus>(CHANGE_REQUEST_STATUSES))('change request %s → %s', (from, to) => {
    const call = (): void => assertChangeRequestTransition(from, to);
    if (allowedCr.has(`${from}>${to}`)) expect(call).not.toThrow();
    else expect(call).toThrow(DomainError);
  });

  it.each(pairs<AssignmentStatus>(ASSIGNMENT_STATUSES))('assignment %s → %s', (from, to) => {
    const call = (): void => assertAssignmentTransition(from, to);
    if (allowedAssignment.has(`${from}>${to}`)) expect(call).not.toThrow();
    else expect(call).toThrow(DomainError);
  });

  it('reports the illegal move and the allowed ones', () => {
    try {
      assertTransition('submitted', 'active');
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.code).toBe('illegal_transition');
      expect(e.details?.filter((d) => d.rule === 'allowedTransition').map((d) => d.message)).toEqual([
        'submitted → approved',
        'submitted → rejected',
        'submitted → cancelled',
      ]);
    }
  });

  it.each(SOW_STATUSES.map((s) => [s, s === 'draft', s === 'completed' || s === 'cancelled'] as const))(
    '%s: editable %s, final %s',
    (status, editable, final) => {
      expect(isSowEditable(status)).toBe(editable);
      expect(isSowFinal(status)).toBe(final);
      expect(allowedTransitions(status).length === 0).toBe(final);
    },
  );
});
