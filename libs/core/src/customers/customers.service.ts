import { Injectable } from '@nestjs/common';
import { assertVersion, CLEARANCE_LEVELS, ClearanceLevel, DomainError, DomainErrorDetail, throwIfInvalid } from '@sow/domain';
import { AuditRepository, CustomerEntity, CustomersRepository, TransactionRunner } from '@sow/persistence';
import { QueryFailedError } from 'typeorm';
import { Actor, Page } from '../shared/actor';

export interface CustomerInput {
  name: string;
  region: string;
  publicSector?: boolean;
  requiredClearance?: ClearanceLevel | null;
}

export interface CustomerView {
  id: string;
  name: string;
  region: string;
  publicSector: boolean;
  requiredClearance: ClearanceLevel | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toCustomerView(c: CustomerEntity): CustomerView {
  return {
    id: c.id,
    name: c.name,
    region: c.region,
    publicSector: c.publicSector,
    requiredClearance: c.requiredClearance,
    version: c.version,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

/** A public-sector customer names the clearance every engineer on its SOWs must hold; others name none. */
export function validateCustomer(c: Required<CustomerInput>): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (c.name.trim().length === 0) out.push({ field: 'name', rule: 'isNotEmpty', message: 'name must not be empty' });
  if (c.region.trim().length === 0) out.push({ field: 'region', rule: 'isNotEmpty', message: 'region must not be empty' });
  if (c.requiredClearance !== null && !CLEARANCE_LEVELS.includes(c.requiredClearance)) {
    out.push({ field: 'requiredClearance', rule: `isIn: ${CLEARANCE_LEVELS.join(', ')}`, message: `requiredClearance must be one of ${CLEARANCE_LEVELS.join(', ')}` });
  } else if (c.publicSector && c.requiredClearance === null) {
    out.push({ field: 'requiredClearance', rule: 'requiredWhenPublicSector', message: 'a public-sector customer needs requiredClearance' });
  } else if (!c.publicSector && c.requiredClearance !== null) {
    out.push({ field: 'requiredClearance', rule: 'onlyWhenPublicSector', message: 'requiredClearance applies to public-sector customers only' });
  }
  return out;
}

@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, input: CustomerInput): Promise<CustomerView> {
    const fields = { name: input.name.trim(), region: input.region.trim(), publicSector: input.publicSector ?? false, requiredClearance: input.requiredClearance ?? null };
    throwIfInvalid(validateCustomer(fields), 'Invalid customer');
    return this.tx.run(async (tx) => {
      const view = toCustomerView(await this.customers.insert(fields, tx));
      await this.audit.record({ actorId: actor.userId, action: 'customer.created', entityType: 'customer', entityId: view.id, after: view }, tx);
      return view;
    });
  }

  async get(id: string): Promise<CustomerView> {
    const c = await this.customers.findById(id);
    if (!c) throw new DomainError('not_found', `Customer ${id} not found`);
    return toCustomerView(c);
  }

  async list(limit: number, offset: number): Promise<Page<CustomerView>> {
    const [rows, total] = await this.customers.list(limit, offset);
    return { items: rows.map(toCustomerView), total };
  }

  async update(actor: Actor, id: string, patch: Partial<CustomerInput>, expectedVersion?: number): Promise<CustomerView> {
    return this.tx.run(async (tx) => {
      const current = await this.customers.findById(id, tx, { lock: true });
      if (!current) throw new DomainError('not_found', `Customer ${id} not found`);
      assertVersion('customer', current.version, expectedVersion);
      const fields = {
        name: (patch.name ?? current.name).trim(),
        region: (patch.region ?? current.region).trim(),
        publicSector: patch.publicSector ?? current.publicSector,
        // Leaving public sector drops the clearance unless the caller sets it explicitly.
        requiredClearance: patch.requiredClearance !== undefined ? patch.requiredClearance : patch.publicSector === false ? null : current.requiredClearance,
      };
      throwIfInvalid(validateCustomer(fields), 'Invalid customer');
      const before = toCustomerView(current);
      const view = toCustomerView(await this.customers.update(id, fields, tx));
      await this.audit.record({ actorId: actor.userId, action: 'customer.updated', entityType: 'customer', entityId: id, before, after: view }, tx);
      return view;
    });
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.tx.run(async (tx) => {
      const current = await this.customers.findById(id, tx, { lock: true });
      if (!current) throw new DomainError('not_found', `Customer ${id} not found`);
      assertVersion('customer', current.version, expectedVersion);
      if (await this.customers.hasSows(id, tx)) throw new DomainError('conflict', `Customer ${id} still has SOWs; cancel or delete them first`);
      try {
        await this.customers.remove(current, tx);
      } catch (error) {
        // A SOW created after the check above still trips the foreign key.
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') {
          throw new DomainError('conflict', `Customer ${id} still has SOWs; cancel or delete them first`);
        }
        throw error;
      }
      await this.audit.record({ actorId: actor.userId, action: 'customer.deleted', entityType: 'customer', entityId: id, before: toCustomerView(current) }, tx);
    });
  }
}
