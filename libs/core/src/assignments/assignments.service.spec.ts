import { DomainError } from '@sow/domain';
import { AssignmentsRepository, AuditRepository, EngineersRepository, ScopeItemContext, TimeOffRepository, TransactionRunner, Tx } from '@sow/persistence';
import { Actor } from '../shared/actor';
import { WorkingCalendar, WorkingCalendarService } from '../working-calendar/working-calendar.service';
import { AssignmentsService, ProposeAssignmentInput } from './assignments.service';

const sm: Actor = { userId: 'u-sm', role: 'senior_manager', engineerId: null };
const em: Actor = { userId: 'u-em', role: 'engagement_manager', engineerId: null };

function context(status: ScopeItemContext['sow']['status']): ScopeItemContext {
  return {
    item: { id: 'i1', sowId: 's1', startDate: '2027-01-04', endDate: '2027-01-29', minLevel: 'associate', requiredSkills: [], onsiteDays: 0, estimatedHours: 80, version: 1 } as unknown as ScopeItemContext['item'],
    sow: { id: 's1', title: 'S', status, requiredClearance: null, engagementManagerId: 'u-em', version: 1 },
    customer: { id: 'c1', name: 'C', region: 'emea', version: 1 },
  };
}

function service(ctx: ScopeItemContext | null) {
  const tx = { query: jest.fn().mockResolvedValue([]) } as unknown as Tx;
  const runner = { run: jest.fn((work: (t: Tx) => Promise<unknown>) => work(tx)) } as unknown as TransactionRunner;
  const assignments = {
    scopeItemContext: jest.fn().mockResolvedValue(ctx),
    findLiveOnItem: jest.fn().mockResolvedValue(null),
    liveBookingsOf: jest.fn().mockResolvedValue([]),
    teamOfSow: jest.fn().mockResolvedValue([]),
    insert: jest.fn(),
  } as unknown as AssignmentsRepository;
  const engineers = {
    findById: jest.fn().mockResolvedValue({ id: 'e1', level: 'associate', leadCapable: false, active: true, billable: true, clearance: null, region: 'emea', timezone: 'UTC', weeklyCapacityHours: 40, utilizationTarget: 0.7, maxUtilization: 1, travelLimit: 0.2 }),
    skillsOf: jest.fn().mockResolvedValue([]),
  } as unknown as EngineersRepository;
  const timeOff = { listByEngineer: jest.fn().mockResolvedValue([]) } as unknown as TimeOffRepository;
  const audit = { record: jest.fn(), publish: jest.fn() } as unknown as AuditRepository;
  const calendars = { load: async () => new WorkingCalendar([]) } as unknown as WorkingCalendarService;
  return { svc: new AssignmentsService(assignments, engineers, timeOff, audit, runner, calendars), runner, assignments, audit };
}

const input: ProposeAssignmentInput = { engineerId: 'e1', role: 'primary', hoursPerWeek: 20, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 0 };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
}

describe('AssignmentsService.propose', () => {
  it('refuses an engagement manager override before opening a transaction', async () => {
    const { svc, runner } = service(context('submitted'));
    expect(await codeOf(svc.propose(em, 'i1', { ...input, overrideReason: 'Customer insists on it' }))).toBe('forbidden');
    expect(runner.run).not.toHaveBeenCalled();
  });

  it('refuses a draft SOW (conflict) and an unknown item (not_found)', async () => {
    expect(await codeOf(service(context('draft')).svc.propose(em, 'i1', input))).toBe('conflict');
    expect(await codeOf(service(null).svc.propose(em, 'i1', input))).toBe('not_found');
  });

  it('answers rule_violation for an associate primary without a lead and writes nothing', async () => {
    const { svc, assignments, audit } = service(context('approved'));
    expect(await codeOf(svc.propose(em, 'i1', input))).toBe('rule_violation');
    expect(assignments.insert).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('stores an SM override with the rules, reason and author, and audits it', async () => {
    const { svc, assignments, audit } = service(context('approved'));
    (assignments.insert as jest.Mock).mockImplementation(async (values: object) => ({ ...values, id: 'a1', version: 1, createdAt: new Date(), updatedAt: new Date() }));
    const view = await svc.propose(sm, 'i1', { ...input, overrideReason: 'Lead starts next week' });
    expect(view.override).toMatchObject({ rules: ['lead_required'], reason: 'Lead starts next week', by: 'u-sm' });
    expect(view.score?.breakdown).toHaveLength(6);
    expect((audit.record as jest.Mock).mock.calls.map(([e]: [{ action: string }]) => e.action)).toEqual(['assignment.proposed', 'assignment.rules_overridden']);
  });
});
