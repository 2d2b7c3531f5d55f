import { DomainError } from '@sow/domain';
import {
  AssignmentsRepository,
  AuditRepository,
  CustomersRepository,
  RateCardsRepository,
  ScopeItemsRepository,
  SowEntity,
  SowsRepository,
  TransactionRunner,
  Tx,
} from '@sow/persistence';
import { ScopeTemplatesService } from '../catalogue/scope-templates.service';
import { Actor } from '../shared/actor';
import { SkillsService } from '../catalogue/skills.service';
import { SowsService } from './sows.service';

const tx = {} as Tx;

function sowEntity(overrides: Partial<SowEntity> = {}): SowEntity {
  return Object.assign(new SowEntity(), {
    id: 'sow-1',
    customerId: 'c-1',
    title: 'T',
    engagementManagerId: 'em-1',
    startDate: '2027-01-04',
    endDate: '2027-03-26',
    currency: 'USD',
    status: 'submitted',
    requiredClearance: null,
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    version: 2,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  });
}

function setup(sow: SowEntity) {
  const sows = { findById: jest.fn().mockResolvedValue(sow), update: jest.fn(async (_id: string, changes: Partial<SowEntity>) => sowEntity({ ...sow, ...changes, version: sow.version + 1 })) };
  const items = { listBySow: jest.fn().mockResolvedValue([]) };
  const audit = { record: jest.fn(), publish: jest.fn(), lastActor: jest.fn().mockResolvedValue('em-1') };
  const runner = { run: jest.fn((work: (t: Tx) => Promise<unknown>) => work(tx)) };
  const service = new SowsService(
    sows as unknown as SowsRepository,
    items as unknown as ScopeItemsRepository,
    {} as CustomersRepository,
    {} as RateCardsRepository,
    {} as ScopeTemplatesService,
    {} as SkillsService,
    audit as unknown as AuditRepository,
    runner as unknown as TransactionRunner,
    { listBySow: jest.fn().mockResolvedValue([]) } as unknown as AssignmentsRepository,
  );
  return { service, sows, audit };
}

const sm: Actor = { userId: 'sm-1', role: 'senior_manager', engineerId: null };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
}

describe('SowsService lifecycle', () => {
  it('approves: records the decision, audits and publishes sow.approved in the transaction', async () => {
    const { service, sows, audit } = setup(sowEntity());
    const view = await service.approve(sm, 'sow-1', { reason: 'fine', expectedVersion: 2 });
    expect(view).toMatchObject({ status: 'approved', approval: { decidedBy: 'sm-1', reason: 'fine' }, version: 3 });
    expect(sows.findById).toHaveBeenCalledWith('sow-1', tx, { lock: true });
    expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ action: 'sow.approved', sowId: 'sow-1' }), tx);
    expect(audit.publish).toHaveBeenCalledWith(expect.objectContaining({ type: 'sow.approved', aggregateId: 'sow-1' }), tx);
  });

  it('forbids an SM approving their own SOW and an EM approving at all', async () => {
    const { service, sows } = setup(sowEntity({ engagementManagerId: 'sm-1' }));
    await expect(codeOf(service.approve(sm, 'sow-1', {}))).resolves.toBe('forbidden');
    await expect(codeOf(service.approve({ userId: 'em-2', role: 'engagement_manager', engineerId: null }, 'sow-1', {}))).resolves.toBe('forbidden');
    expect(sows.update).not.toHaveBeenCalled();
  });

  it('forbids the SM who submitted the SOW from deciding it; an admin needs a reason', async () => {
    const { service, sows, audit } = setup(sowEntity());
    audit.lastActor.mockResolvedValue('sm-1');
    await expect(codeOf(service.approve(sm, 'sow-1', {}))).resolves.toBe('forbidden');
    await expect(codeOf(service.reject(sm, 'sow-1', { reason: 'no' }))).resolves.toBe('forbidden');
    await expect(codeOf(service.approve({ userId: 'admin-1', role: 'admin', engineerId: null }, 'sow-1', {}))).resolves.toBe('validation_failed');
    expect(sows.update).not.toHaveBeenCalled();
  });

  it('refuses a stale version and an illegal transition without writing', async () => {
    const { service, sows, audit } = setup(sowEntity({ status: 'draft' }));
    await expect(codeOf(service.approve(sm, 'sow-1', { expectedVersion: 1 }))).resolves.toBe('version_conflict');
    await expect(codeOf(service.approve(sm, 'sow-1', {}))).resolves.toBe('illegal_transition');
    expect(sows.update).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('will not submit a SOW without scope (422)', async () => {
    const { service } = setup(sowEntity({ status: 'draft' }));
    await expect(codeOf(service.submit({ userId: 'em-1', role: 'engagement_manager', engineerId: null }, 'sow-1', {}))).resolves.toBe('rule_violation');
  });
});
