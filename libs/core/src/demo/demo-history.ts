import { Injectable } from '@nestjs/common';
import { addDays, compareDates, countWorkingDays, intersectRanges } from '@sow/domain';
import { DeliveryQueriesRepository, EngineersRepository, SowsRepository, UsersRepository } from '@sow/persistence';
import { DeliveryHealthService } from '../delivery/delivery-health.service';
import { TimesheetsService } from '../delivery/timesheets.service';
import { Actor } from '../shared/actor';
import { demoEmailOf } from './demo-organisation';

/** Weeks of approved timesheets before the seed's Monday (completed SOWs keep all of theirs). */
export const DEMO_HISTORY_WEEKS = 8;

/** Engineers log a little over plan on most engagements. */
const DEFAULT_PACE = 1.05;

/**
 * Hours worked as a share of an assignment's planned hours, per SOW title. Two engagements run into
 * trouble: the air-gapped install burns slowly (every change waits for the customer's change board), the
 * Jenkins conversion found more pipelines than quoted (the EM's estimate to complete says so).
 */
const PACE: Readonly<Record<string, number>> = {
  'GitLab 5k HA on premises, air-gapped (Puppet)': 0.9,
  'GitLab 2k on AWS with GET': 0.9,
  'Readiness Assessment before the 10k upgrade': 0.9,
};
/** The overrun the EM foresees on the first item of these SOWs (its estimate to complete brings the forecast to estimate × (1 + overrun)). */
const FORESEEN_OVERRUN: Readonly<Record<string, number>> = {
  'Jenkins to GitLab CI for the platform team': 0.08,
};
/** CSAT the EM records on completed SOWs (one stays without, as it would in life). */
const CSAT: Readonly<Record<string, { score: number; comment: string }>> = {
  'GitLab 2k on AWS with GET': { score: 5, comment: 'Went live a day early; the runbooks were excellent.' },
  'Bitbucket Server to GitLab self-managed': { score: 4, comment: 'Smooth cut-over; two repositories needed a second pass.' },
};

/** A stable −8 % … +14 % week-to-week variation per engineer and week (no randomness: every seed is the same). */
function variation(email: string, week: number): number {
  let h = (week + 100) * 31;
  for (const ch of email) h = (h * 33 + ch.charCodeAt(0)) % 9973;
  return 0.92 + (h % 12) / 50;
}

const roundHalf = (x: number): number => Math.round(x * 2) / 2;

/**
 * The demo's delivery history: approved timesheets for the weeks before the seed's Monday, logged,
 * submitted and approved through the same services as the API (so health is computed and its events
 * written), CSAT on completed SOWs and one estimate to complete. Last week is left part done: one
 * engineer's week awaits approval and one engineer has not submitted, so the missing report has rows.
 * Two active SOWs come out at risk: one burns slowly (PACE), one has an EM's estimate to complete over budget.
 */
@Injectable()
export class DemoHistoryService {
  constructor(
    private readonly timesheets: TimesheetsService,
    private readonly health: DeliveryHealthService,
    private readonly queries: DeliveryQueriesRepository,
    private readonly sows: SowsRepository,
    private readonly users: UsersRepository,
    private readonly engineers: EngineersRepository,
  ) {}

  async seed(monday: string): Promise<{ timesheets: number }> {
    const smUser = await this.users.findByEmail(demoEmailOf('Dana Whitfield'));
    if (!smUser) throw new Error('demo history: the senior manager login is missing');
    const sm: Actor = { userId: smUser.id, role: 'senior_manager', engineerId: null };
    const live = (await this.queries.liveAssignments()).filter((a) => compareDates(a.startDate, monday) < 0);
    const sowTitles = new Map<string, string>();
    for (const sowId of new Set(live.map((a) => a.sowId))) sowTitles.set(sowId, (await this.sows.findById(sowId))?.title ?? '');
    const firstWeek = -Math.max(DEMO_HISTORY_WEEKS, ...live.map((a) => Math.ceil(countWorkingDays({ start: a.startDate, end: addDays(monday, -1) }) / 5)));
    const emails = new Map<string, string>();
    for (const id of new Set(live.map((a) => a.engineerId))) emails.set(id, (await this.engineers.findById(id))?.email ?? id);
    // In e-mail order, so every seed makes the same choices whatever ids the rows got.
    const engineers = [...emails.keys()].sort((a, b) => (emails.get(a) as string).localeCompare(emails.get(b) as string));
    // Last week is left part done by engineers who only shadowed or led that week (their hours move no forecast much):
    // the first has not submitted, the second awaits approval.
    const lastWeek = { start: addDays(monday, -7), end: addDays(monday, -3) };
    const [notSubmitted, awaiting] = engineers.filter((e) => {
      const work = live.filter((a) => a.engineerId === e && intersectRanges({ start: a.startDate, end: a.endDate }, lastWeek) !== null);
      return work.length > 0 && work.every((a) => a.role !== 'primary');
    });
    let count = 0;
    for (let week = firstWeek; week < 0; week++) {
      const weekStart = addDays(monday, 7 * week);
      const range = { start: weekStart, end: addDays(weekStart, 4) };
      for (const engineerId of engineers) {
        const work = live
          .filter((a) => a.engineerId === engineerId && intersectRanges({ start: a.startDate, end: a.endDate }, range) !== null)
          .map((a) => {
            const overlap = intersectRanges({ start: a.startDate, end: a.endDate }, range);
            const days = overlap ? countWorkingDays(overlap) : 0;
            const pace = PACE[sowTitles.get(a.sowId) ?? ''] ?? DEFAULT_PACE;
            return { a, hours: roundHalf(((a.hoursPerWeek * days) / 5) * pace * variation(emails.get(engineerId) as string, week)) };
          })
          .filter((w) => w.hours > 0);
        // Older SOWs' weeks before the eight-week window are kept only for completed SOWs.
        const kept = week >= -DEMO_HISTORY_WEEKS ? work : work.filter((w) => compareDates(w.a.endDate, monday) < 0);
        if (kept.length === 0) continue;
        const owner: Actor = { ...sm, engineerId };
        const sheet = await this.timesheets.create(sm, { weekStart, engineerId });
        for (const w of kept) await this.timesheets.logHours(owner, sheet.id, { assignmentId: w.a.id, hours: w.hours, note: 'delivery' });
        if (week === -1 && engineerId === notSubmitted) continue;
        await this.timesheets.submit(owner, sheet.id);
        if (week === -1 && engineerId === awaiting) continue;
        await this.timesheets.approve(sm, sheet.id);
        count++;
      }
    }
    await this.decorate();
    return { timesheets: count };
  }

  private async decorate(): Promise<void> {
    const all = await this.queries.allSows();
    for (const sow of all) {
      const em: Actor = { userId: sow.engagementManagerId, role: 'engagement_manager', engineerId: null };
      const csat = CSAT[sow.title];
      if (csat && sow.status === 'completed') await this.health.recordCsat(em, sow.id, csat);
      const overrun = FORESEEN_OVERRUN[sow.title];
      if (overrun !== undefined) {
        const [item] = (await this.health.sowHealth(sow.id)).items;
        if (item) await this.health.setEstimateToComplete(em, item.scopeItemId, Math.max(0, Math.round(item.budgetHours * (1 + overrun) - item.actualHours)));
      }
    }
  }
}
