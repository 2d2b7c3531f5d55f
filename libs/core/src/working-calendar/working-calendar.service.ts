import { Injectable } from '@nestjs/common';
import { addDays, assertDateRange, DateRange, DomainError, IsoDate, isIsoDate, mergeRanges } from '@sow/domain';
import { AuditRepository, CompanyDayOffEntity, CompanyDaysOffRepository, TransactionRunner, Tx } from '@sow/persistence';
import { Actor } from '../shared/actor';
import { daysOffIn } from './public-holidays';

/** The parts of an engineer their working calendar depends on. */
export interface CalendarHolder {
  country: string | null;
  subdivision: string | null;
  timeOff: readonly DateRange[];
}

/**
 * The days nobody works in one snapshot: public holidays by country and subdivision, and the company's
 * days off. Applied to a profile they become days away, so capacity, hour spreading, eligibility and
 * the planner's calendar count them out like time off, through the rule book's own code.
 */
export class WorkingCalendar {
  private readonly cache = new Map<string, DateRange[]>();

  constructor(readonly companyDays: readonly IsoDate[]) {}

  daysOff(country: string | null, subdivision: string | null, window: DateRange): DateRange[] {
    const key = `${country ?? ''}|${subdivision ?? ''}|${window.start}|${window.end}`;
    let ranges = this.cache.get(key);
    if (!ranges) {
      ranges = daysOffIn(country, subdivision, this.companyDays, window);
      this.cache.set(key, ranges);
    }
    return ranges;
  }

  /** The profile with its holidays and the company's days off in the window added to its time off. */
  apply<T extends CalendarHolder>(profile: T, window: DateRange): T {
    const off = this.daysOff(profile.country, profile.subdivision, window);
    if (off.length === 0) return profile;
    return { ...profile, timeOff: profile.timeOff.length === 0 ? off : mergeRanges([...profile.timeOff, ...off]) };
  }
}

/** A window around the given one wide enough for every ISO week and calendar month it touches. */
export function calendarWindow(window: DateRange): DateRange {
  return { start: addDays(window.start, -31), end: addDays(window.end, 31) };
}

export interface CompanyDayOffView {
  id: string;
  date: string;
  name: string;
  createdAt: string;
}

const toView = (d: CompanyDayOffEntity): CompanyDayOffView => ({ id: d.id, date: d.date, name: d.name, createdAt: new Date(d.createdAt).toISOString() });

@Injectable()
export class WorkingCalendarService {
  constructor(
    private readonly days: CompanyDaysOffRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async load(tx?: Tx): Promise<WorkingCalendar> {
    return new WorkingCalendar((await this.days.list(tx)).map((d) => d.date));
  }

  async list(): Promise<CompanyDayOffView[]> {
    return (await this.days.list()).map(toView);
  }

  /** Adds a company-wide day off (admin); one per date. */
  async add(actor: Actor, input: { date: string; name: string }): Promise<CompanyDayOffView> {
    if (!isIsoDate(input.date)) {
      throw new DomainError('validation_failed', 'Invalid day off', [{ field: 'date', rule: 'isIsoDate', message: 'date must be a calendar date YYYY-MM-DD' }]);
    }
    assertDateRange({ start: input.date, end: input.date }, { start: 'date', end: 'date' });
    return this.tx.run(async (tx) => {
      if (await this.days.findByDate(input.date, tx)) {
        throw new DomainError('conflict', `${input.date} is already a company day off`, [{ field: 'date', rule: 'unique', message: `${input.date} is already a company day off` }]);
      }
      const saved = await this.days.insert({ date: input.date, name: input.name.trim() }, tx);
      await this.audit.record({ actorId: actor.userId, action: 'company_day_off.created', entityType: 'company_day_off', entityId: saved.id, after: toView(saved) }, tx);
      return toView(saved);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.tx.run(async (tx) => {
      const found = await this.days.findById(id, tx, { lock: true });
      if (!found) throw new DomainError('not_found', `Company day off ${id} not found`);
      await this.days.remove(found, tx);
      await this.audit.record({ actorId: actor.userId, action: 'company_day_off.deleted', entityType: 'company_day_off', entityId: id, before: toView(found) }, tx);
    });
  }
}
