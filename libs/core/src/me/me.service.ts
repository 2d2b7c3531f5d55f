import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AssignmentRole, AssignmentStatus, DomainError, MonthlyTravel, monthlyTravel, PeriodUtilization, weeklyUtilization } from '@sow/domain';
import { AssignmentsRepository, AuditRepository, CalendarTokensRepository, EngineersRepository, StoredScore, TimeOffRepository, TransactionRunner } from '@sow/persistence';
import { assertReportWindow } from '../reports/report-window';
import { Actor } from '../shared/actor';
import { calendarWindow, WorkingCalendarService } from '../working-calendar/working-calendar.service';

export interface MyAssignmentView {
  id: string;
  customer: { id: string; name: string };
  sow: { id: string; title: string; status: string };
  scopeItem: { id: string; title: string; kind: string };
  role: AssignmentRole;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
  onsiteDays: number;
  status: AssignmentStatus;
  /** Why this engineer was picked: the score stored when the assignment was made. */
  whyPicked: StoredScore | null;
  /** For a primary or secondary: how many share the item and this engineer's share of its weekly hours (0..1). */
  team: { size: number; share: number } | null;
  version: number;
}

/** The engineer's share of an item's weekly hours, for primaries and secondaries of a live team. */
export function teamShareOf(role: AssignmentRole, hoursPerWeek: number, teamSize: number, teamHoursPerWeek: number): { size: number; share: number } | null {
  if ((role !== 'primary' && role !== 'secondary') || teamSize === 0 || teamHoursPerWeek <= 0) return null;
  return { size: teamSize, share: Math.round((hoursPerWeek / teamHoursPerWeek) * 1000) / 1000 };
}

export interface MyUtilizationView {
  engineerId: string;
  from: string;
  to: string;
  weeks: PeriodUtilization[];
  travel: MonthlyTravel[];
}

export interface CalendarTokenView {
  /** The secret feed path; shown once. Anyone holding it can read the feed. */
  url: string;
  createdAt: string;
}

export function hashCalendarToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The signed-in engineer's own data. A user with no engineer record gets 404: there is nothing of theirs. */
export function ownEngineerId(actor: Actor): string {
  if (!actor.engineerId) throw new DomainError('not_found', 'No engineer record is linked to this user');
  return actor.engineerId;
}

@Injectable()
export class MeService {
  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly engineers: EngineersRepository,
    private readonly timeOff: TimeOffRepository,
    private readonly tokens: CalendarTokensRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly calendars: WorkingCalendarService,
  ) {}

  async assignmentsOf(actor: Actor): Promise<MyAssignmentView[]> {
    const engineerId = ownEngineerId(actor);
    const details = await this.assignments.detailsOfEngineer(engineerId, { includeReleased: true });
    return details.map(({ assignment: a, ...d }) => ({
      id: a.id,
      customer: { id: d.customerId, name: d.customerName },
      sow: { id: a.sowId, title: d.sowTitle, status: d.sowStatus },
      scopeItem: { id: a.scopeItemId, title: d.scopeItemTitle, kind: d.scopeItemKind },
      role: a.role,
      startDate: a.startDate,
      endDate: a.endDate,
      hoursPerWeek: a.hoursPerWeek,
      onsiteDays: a.onsiteDays,
      status: a.status,
      whyPicked: a.score,
      team: a.status === 'released' ? null : teamShareOf(a.role, a.hoursPerWeek, d.teamSize, d.teamHoursPerWeek),
      version: a.version,
    }));
  }

  async utilization(actor: Actor, from: string, to: string): Promise<MyUtilizationView> {
    const engineerId = ownEngineerId(actor);
    const window = assertReportWindow(from, to);
    const engineer = await this.engineers.findById(engineerId);
    if (!engineer) throw new DomainError('not_found', 'No engineer record is linked to this user');
    const timeOff = (await this.timeOff.listByEngineer(engineerId)).map((t) => ({ start: t.startDate, end: t.endDate }));
    const bookings = await this.assignments.liveBookingsOf(engineerId);
    const profile = (await this.calendars.load()).apply({ ...engineer, timeOff }, calendarWindow(window));
    return { engineerId, from, to, weeks: weeklyUtilization(profile, bookings, window), travel: monthlyTravel(profile, bookings, window) };
  }

  /** Creates a feed secret, revoking any earlier one; only its SHA-256 is stored. */
  async createCalendarToken(actor: Actor): Promise<CalendarTokenView> {
    const engineerId = ownEngineerId(actor);
    const token = randomBytes(32).toString('base64url');
    return this.tx.run(async (tx) => {
      if (!(await this.engineers.findById(engineerId, tx, { lock: true }))) throw new DomainError('not_found', 'No engineer record is linked to this user');
      const now = new Date();
      const revoked = await this.tokens.revokeAll(engineerId, now, tx);
      const saved = await this.tokens.insert({ engineerId, tokenHash: hashCalendarToken(token), revokedAt: null }, tx);
      await this.audit.record({ actorId: actor.userId, action: revoked > 0 ? 'calendar_token.rotated' : 'calendar_token.created', entityType: 'calendar_token', entityId: saved.id, after: { engineerId } }, tx);
      return { url: `/api/v1/calendar/${token}.ics`, createdAt: new Date(saved.createdAt).toISOString() };
    });
  }

  async revokeCalendarToken(actor: Actor): Promise<void> {
    const engineerId = ownEngineerId(actor);
    await this.tx.run(async (tx) => {
      const revoked = await this.tokens.revokeAll(engineerId, new Date(), tx);
      if (revoked > 0) await this.audit.record({ actorId: actor.userId, action: 'calendar_token.revoked', entityType: 'calendar_token', entityId: engineerId, after: { engineerId, revoked } }, tx);
    });
  }
}
