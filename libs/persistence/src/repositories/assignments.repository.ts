import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { AssignmentRole, AssignmentStatus, Booking, ClearanceLevel, Level, SkillRequirement, SowStatus, TeamAssignment } from '@sow/domain';
import { AssignmentEntity } from '../entities/assignment.entity';
import { ScopeItemEntity } from '../entities/scope-item.entity';
import { BaseRepository, Tx } from './base.repository';

export interface AssignmentFilter {
  engineerId?: string;
  sowId?: string;
  scopeItemId?: string;
  status?: AssignmentStatus;
  limit: number;
  offset: number;
}

/** A live booking with the engineer it belongs to (ranking, reports). */
export interface EngineerBooking extends Booking {
  engineerId: string;
  role: AssignmentRole;
  status: AssignmentStatus;
}

/** An assignment with the names around it, for the engineer's own view and the calendar feed. */
export interface AssignmentDetail {
  assignment: AssignmentEntity;
  customerId: string;
  customerName: string;
  sowTitle: string;
  sowStatus: string;
  scopeItemTitle: string;
  scopeItemKind: string;
  /** Live primary and secondary assignments of the item, and their weekly hours together. */
  teamSize: number;
  teamHoursPerWeek: number;
}

/** A scope item with what matching needs of its SOW and customer, read in one statement. */
export interface ScopeItemContext {
  item: ScopeItemEntity;
  /**
   * `requiredClearance` is the clearance its engineers must hold: the SOW's own, else its customer's (a
   * customer that became public sector after the SOW was written), as the planner's snapshot reads it.
   */
  sow: { id: string; title: string; status: SowStatus; requiredClearance: ClearanceLevel | null; engagementManagerId: string; version: number };
  customer: { id: string; name: string; region: string; version: number };
}

interface ContextRow {
  sow_title: string;
  sow_status: SowStatus;
  sow_clearance: ClearanceLevel | null;
  sow_em: string;
  sow_version: number;
  customer_id: string;
  customer_name: string;
  customer_region: string;
  customer_version: number;
}

/** A scope item with the names of its SOW and customer: what reports and the planning snapshot show. */
export interface NamedScopeItem {
  id: string;
  sowId: string;
  sowTitle: string;
  customerId: string;
  customerName: string;
  customerRegion: string;
  title: string;
}

export function namedScopeItemFromRow(r: ScopeItemDbRow): NamedScopeItem {
  return { id: r.id, sowId: r.sow_id, sowTitle: r.sow_title, customerId: r.customer_id, customerName: r.customer_name, customerRegion: r.customer_region, title: r.title };
}

/** A scope item of a live SOW, with names for reports. */
export interface ReportItemRow extends NamedScopeItem {
  startDate: string;
  endDate: string;
  estimatedHours: number;
  minLevel: Level;
  requiredSkills: SkillRequirement[];
  onsiteDays: number;
  requiredClearance: ClearanceLevel | null;
}

/** A scope item with its SOW and customer as SQL returns it (reports here, the planning snapshot too). */
export interface ScopeItemDbRow {
  id: string;
  sow_id: string;
  sow_title: string;
  customer_id: string;
  customer_name: string;
  customer_region: string;
  title: string;
  start_date: string;
  end_date: string;
  estimated_hours: string;
  min_level: Level;
  required_skills: SkillRequirement[];
  onsite_days: number;
  required_clearance: ClearanceLevel | null;
}

interface BookingRow {
  id: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  engineer_id: string;
  scope_item_id: string;
  sow_id: string;
  customer_id: string;
  start_date: string;
  end_date: string;
  hours_per_week: string;
  onsite_days: string;
}

interface TeamRow {
  id: string;
  engineer_id: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  start_date: string;
  end_date: string;
  level: Level;
  lead_capable: boolean;
}

const BOOKING_SELECT = `SELECT a.id, a.role, a.status, a.engineer_id, a.scope_item_id, a.sow_id, s.customer_id, a.start_date::text AS start_date,
  a.end_date::text AS end_date, a.hours_per_week, a.onsite_days
  FROM assignments a JOIN sows s ON s.id = a.sow_id`;

function toBooking(row: BookingRow): EngineerBooking {
  return {
    id: row.id,
    engineerId: row.engineer_id,
    role: row.role,
    status: row.status,
    scopeItemId: row.scope_item_id,
    sowId: row.sow_id,
    customerId: row.customer_id,
    start: row.start_date,
    end: row.end_date,
    hoursPerWeek: Number(row.hours_per_week),
    onsiteDays: Number(row.onsite_days),
  };
}

/** Groups bookings by engineer id. */
export function groupBookings(bookings: readonly EngineerBooking[]): Map<string, EngineerBooking[]> {
  const byEngineer = new Map<string, EngineerBooking[]>();
  for (const b of bookings) {
    const list = byEngineer.get(b.engineerId);
    if (list) list.push(b);
    else byEngineer.set(b.engineerId, [b]);
  }
  return byEngineer;
}

@Injectable()
export class AssignmentsRepository extends BaseRepository<AssignmentEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, AssignmentEntity);
  }

  list(filter: AssignmentFilter): Promise<[AssignmentEntity[], number]> {
    const where: FindOptionsWhere<AssignmentEntity> = {};
    if (filter.engineerId) where.engineerId = filter.engineerId;
    if (filter.sowId) where.sowId = filter.sowId;
    if (filter.scopeItemId) where.scopeItemId = filter.scopeItemId;
    if (filter.status) where.status = filter.status;
    return this.repo().findAndCount({ where, order: { startDate: 'ASC', createdAt: 'ASC', id: 'ASC' }, take: filter.limit, skip: filter.offset });
  }

  listBySow(sowId: string, tx?: Tx): Promise<AssignmentEntity[]> {
    return this.repo(tx).find({ where: { sowId }, order: { startDate: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  /** Every non-released assignment of one engineer, with its customer (capacity, travel and continuity). */
  async liveBookingsOf(engineerId: string, tx?: Tx): Promise<EngineerBooking[]> {
    const rows: BookingRow[] = await (tx ?? this.dataSource.manager).query(`${BOOKING_SELECT} WHERE a.engineer_id = $1 AND a.status <> 'released'`, [engineerId]);
    return rows.map(toBooking);
  }

  /** Non-released assignments of these engineers (coverage warnings). */
  async liveBookingsOfMany(engineerIds: readonly string[], tx?: Tx): Promise<EngineerBooking[]> {
    if (engineerIds.length === 0) return [];
    const rows: BookingRow[] = await (tx ?? this.dataSource.manager).query(`${BOOKING_SELECT} WHERE a.engineer_id = ANY($1::uuid[]) AND a.status <> 'released'`, [[...engineerIds]]);
    return rows.map(toBooking);
  }

  /** Every non-released assignment sharing a day with [from, to]: one indexed range query (reports). */
  async liveBookingsOverlapping(from: string, to: string): Promise<EngineerBooking[]> {
    const rows: BookingRow[] = await this.dataSource.query(
      `${BOOKING_SELECT} WHERE a.status <> 'released' AND a.start_date <= $2::date AND a.end_date >= $1::date`,
      [from, to],
    );
    return rows.map(toBooking);
  }

  /** Every non-released assignment (the ranking cache keeps them all in memory; past ones count for continuity). */
  async allLiveBookings(): Promise<EngineerBooking[]> {
    const rows: BookingRow[] = await this.dataSource.query(`${BOOKING_SELECT} WHERE a.status <> 'released'`);
    return rows.map(toBooking);
  }

  /** The SOW's assignments with each engineer's level and lead capability (the lead rule). */
  async teamOfSow(sowId: string, tx?: Tx): Promise<TeamAssignment[]> {
    const rows: TeamRow[] = await (tx ?? this.dataSource.manager).query(
      `SELECT a.id, a.engineer_id, a.role, a.status, a.start_date::text AS start_date, a.end_date::text AS end_date, e.level, e.lead_capable
       FROM assignments a JOIN engineers e ON e.id = a.engineer_id WHERE a.sow_id = $1`,
      [sowId],
    );
    return rows.map((r) => ({
      id: r.id,
      engineerId: r.engineer_id,
      role: r.role,
      status: r.status,
      start: r.start_date,
      end: r.end_date,
      level: r.level,
      leadCapable: r.lead_capable,
    }));
  }

  /** Live assignment of this engineer on this scope item, if any (one per engineer and item). */
  findLiveOnItem(engineerId: string, scopeItemId: string, tx?: Tx): Promise<AssignmentEntity | null> {
    return this.repo(tx)
      .createQueryBuilder('a')
      .where('a.engineer_id = :engineerId AND a.scope_item_id = :scopeItemId AND a.status <> :released', { engineerId, scopeItemId, released: 'released' })
      .getOne();
  }

  /** Live primary and secondary assignments of an item: the team sharing its hours. */
  async liveTeamSize(scopeItemId: string, tx?: Tx): Promise<number> {
    const [row] = (await (tx ?? this.dataSource.manager).query(
      `SELECT count(*)::int AS n FROM assignments WHERE scope_item_id = $1 AND status <> 'released' AND role IN ('primary', 'secondary')`,
      [scopeItemId],
    )) as Array<{ n: number }>;
    return row?.n ?? 0;
  }

  /** An engineer's assignments with customer, SOW and item names, in date order. */
  async detailsOfEngineer(engineerId: string, options: { includeReleased: boolean }): Promise<AssignmentDetail[]> {
    const qb = this.repo()
      .createQueryBuilder('a')
      .innerJoin('a.scopeItem', 'i')
      .innerJoin('a.sow', 's')
      .innerJoin('s.customer', 'c')
      .addSelect(['i.title', 'i.kind', 's.title', 's.status', 's.customerId', 'c.name', 'c.id'])
      .addSelect(`(SELECT count(*) FROM assignments t WHERE t.scope_item_id = a.scope_item_id AND t.status <> 'released' AND t.role IN ('primary', 'secondary'))`, 'team_size')
      .addSelect(`(SELECT COALESCE(sum(t.hours_per_week), 0) FROM assignments t WHERE t.scope_item_id = a.scope_item_id AND t.status <> 'released' AND t.role IN ('primary', 'secondary'))`, 'team_hours')
      .where('a.engineer_id = :engineerId', { engineerId })
      .orderBy('a.start_date', 'ASC')
      .addOrderBy('a.id', 'ASC');
    if (!options.includeReleased) qb.andWhere(`a.status <> 'released'`);
    const { entities, raw } = await qb.getRawAndEntities<Record<string, string>>();
    return entities.map((assignment, i) => {
      const row = raw[i] ?? {};
      return {
        assignment,
        customerId: row['c_id'] ?? '',
        customerName: row['c_name'] ?? '',
        sowTitle: row['s_title'] ?? '',
        sowStatus: row['s_status'] ?? '',
        scopeItemTitle: row['i_title'] ?? '',
        scopeItemKind: row['i_kind'] ?? '',
        teamSize: Number(row['team_size'] ?? 0),
        teamHoursPerWeek: Number(row['team_hours'] ?? 0),
      };
    });
  }

  /** The item, its SOW and customer in one round trip (the ranking hot path). */
  async scopeItemContext(itemId: string, tx?: Tx): Promise<ScopeItemContext | null> {
    const { entities, raw } = await (tx ?? this.dataSource.manager)
      .getRepository(ScopeItemEntity)
      .createQueryBuilder('i')
      .innerJoin('sows', 's', 's.id = i.sow_id')
      .innerJoin('customers', 'c', 'c.id = s.customer_id')
      .addSelect([
        's.title AS sow_title',
        's.status AS sow_status',
        'COALESCE(s.required_clearance, c.required_clearance) AS sow_clearance',
        's.engagement_manager_id AS sow_em',
        's.version AS sow_version',
        'c.id AS customer_id',
        'c.name AS customer_name',
        'c.region AS customer_region',
        'c.version AS customer_version',
      ])
      .where('i.id = :itemId', { itemId })
      .getRawAndEntities<ContextRow>();
    const item = entities[0];
    const row = raw[0];
    if (!item || !row) return null;
    return {
      item,
      sow: { id: item.sowId, title: row.sow_title, status: row.sow_status, requiredClearance: row.sow_clearance, engagementManagerId: row.sow_em, version: Number(row.sow_version) },
      customer: { id: row.customer_id, name: row.customer_name, region: row.customer_region, version: Number(row.customer_version) },
    };
  }

  /** Scope items of SOWs in these statuses sharing a day with [from, to] (bench and demand reports). */
  async itemsOverlapping(from: string, to: string, sowStatuses: readonly SowStatus[]): Promise<ReportItemRow[]> {
    const rows: ScopeItemDbRow[] = await this.dataSource.query(
      `SELECT i.id, i.sow_id, s.title AS sow_title, c.id AS customer_id, c.name AS customer_name, c.region AS customer_region, i.title,
         i.start_date::text AS start_date, i.end_date::text AS end_date, i.estimated_hours, i.min_level, i.required_skills, i.onsite_days,
         COALESCE(s.required_clearance, c.required_clearance) AS required_clearance
       FROM scope_items i JOIN sows s ON s.id = i.sow_id JOIN customers c ON c.id = s.customer_id
       WHERE s.status = ANY($3::text[]::sow_status[]) AND i.status <> 'cancelled' AND i.start_date <= $2::date AND i.end_date >= $1::date
       ORDER BY i.start_date, i.id`,
      [from, to, [...sowStatuses]],
    );
    return rows.map((r) => ({
      ...namedScopeItemFromRow(r),
      startDate: r.start_date,
      endDate: r.end_date,
      estimatedHours: Number(r.estimated_hours),
      minLevel: r.min_level,
      requiredSkills: r.required_skills,
      onsiteDays: r.onsite_days,
      requiredClearance: r.required_clearance,
    }));
  }
}
