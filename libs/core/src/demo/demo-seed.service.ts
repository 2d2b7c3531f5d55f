import { Injectable, Logger } from '@nestjs/common';
import { addDays, DomainError, SowStatus } from '@sow/domain';
import { UsersRepository } from '@sow/persistence';
import { AssignmentsService } from '../assignments/assignments.service';
import { ChangeRequestsService } from '../sows/change-requests.service';
import { CustomersService } from '../customers/customers.service';
import { EngineersService } from '../engineers/engineers.service';
import { TimeOffService } from '../engineers/time-off.service';
import { Actor } from '../shared/actor';
import { ScopeItemView } from '../sows/sow-views';
import { SowsService } from '../sows/sows.service';
import { hashPassword } from '../users/password-hasher';
import { UsersService, UserView } from '../users/users.service';
import { DemoHistoryService } from './demo-history';
import {
  datesOf,
  DEMO_CUSTOMERS,
  DEMO_ENGINEERS,
  DEMO_PASSWORD,
  DEMO_SOWS,
  DEMO_TIME_OFF,
  DEMO_USERS,
  DemoItem,
  DemoSow,
  DemoUser,
  demoEmailOf,
  mondayOf,
  skillsOf,
  workingRegionOf,
} from './demo-organisation';

export interface DemoCounts {
  engineers: number;
  customers: number;
  sows: Partial<Record<SowStatus, number>>;
  scopeItems: number;
  assignments: number;
  changeRequests: number;
  timeOff: number;
}

export interface DemoSeedResult {
  /** `created` by this call, or `existing` (seeded earlier; nothing was written). */
  outcome: 'created' | 'existing';
  logins: ReadonlyArray<DemoUser & { password: string }>;
  counts?: DemoCounts;
  /** The Monday the demo dates are counted from. */
  monday?: string;
}

const LEAD_HOURS_PER_WEEK = 4;
const SHADOW_HOURS_PER_WEEK = 8;

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Builds the demo PS organisation through the same services as the API, so every engineer, SOW,
 * transition, assignment and change request is validated like real input and leaves its audit and
 * outbox rows. Idempotent: a complete demo is detected by its last login and left alone.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly engineers: EngineersService,
    private readonly timeOff: TimeOffService,
    private readonly customers: CustomersService,
    private readonly sows: SowsService,
    private readonly changeRequests: ChangeRequestsService,
    private readonly assignments: AssignmentsService,
    private readonly history: DemoHistoryService,
  ) {}

  static logins(): DemoSeedResult['logins'] {
    return DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD }));
  }

  /** `complete` when the demo's last login exists, `partial` when only its first does. */
  async state(): Promise<'absent' | 'partial' | 'complete'> {
    if (await this.userRows.findByEmail(DEMO_USERS[DEMO_USERS.length - 1].email)) return 'complete';
    return (await this.userRows.findByEmail(DEMO_USERS[0].email)) ? 'partial' : 'absent';
  }

  /** No engineers and no SOWs: what an auto-seed at start-up waits for (users may exist). */
  async isDatabaseEmpty(): Promise<boolean> {
    const [engineers, sows] = await Promise.all([this.engineers.search({ limit: 1, offset: 0 }), this.sows.list({ limit: 1, offset: 0 })]);
    return engineers.total === 0 && sows.total === 0;
  }

  /** Seeds when the database holds no engineers and no SOWs; null when it left the database alone. */
  async seedIfEmpty(options: { today?: string } = {}): Promise<DemoSeedResult | null> {
    if (!(await this.isDatabaseEmpty())) return null;
    return this.seed(options);
  }

  async seed(options: { today?: string } = {}): Promise<DemoSeedResult> {
    const state = await this.state();
    if (state === 'complete') return { outcome: 'existing', logins: DemoSeedService.logins() };
    if (state === 'partial') {
      throw new DomainError(
        'conflict',
        `An earlier demo seed stopped part-way (${DEMO_USERS[0].email} exists, ${DEMO_USERS[DEMO_USERS.length - 1].email} does not); ` +
          'start again from an empty database',
      );
    }
    const started = Date.now();
    const monday = mondayOf(options.today ?? todayUtc());
    this.logger.log(`Seeding the demo organisation (weeks counted from ${monday})`);
    const run = new DemoRun(
      { users: this.users, engineers: this.engineers, timeOff: this.timeOff, customers: this.customers, sows: this.sows, changeRequests: this.changeRequests, assignments: this.assignments },
      monday,
    );
    const counts = await run.build();
    await this.history.seed(monday);
    this.logger.log(`Seeded the demo organisation in ${Date.now() - started} ms`);
    return { outcome: 'created', logins: DemoSeedService.logins(), counts, monday };
  }
}

interface DemoServices {
  users: UsersService;
  engineers: EngineersService;
  timeOff: TimeOffService;
  customers: CustomersService;
  sows: SowsService;
  changeRequests: ChangeRequestsService;
  assignments: AssignmentsService;
}

/** Independent seeding steps in flight at once (the embedded database serves up to four connections). */
const SEED_CONCURRENCY = 4;

/** Runs `work` over `items`, at most `concurrency` at a time; the first failure rejects. */
async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const actorOf = (user: UserView): Actor => ({ userId: user.id, role: user.role, engineerId: user.engineerId });

/** One seeding run: keeps the ids it created so later steps can refer to them by key. */
class DemoRun {
  private readonly engineerIds = new Map<string, string>();
  private readonly customerIds = new Map<string, string>();
  private readonly actors = new Map<string, Actor>();
  private passwordHash: Promise<string> | null = null;
  /** Approvals of SOWs with nothing staffed by hand, done once every SOW is written. */
  private readonly pendingApprovals: Array<() => Promise<void>> = [];
  private readonly counts: DemoCounts = { engineers: 0, customers: 0, sows: {}, scopeItems: 0, assignments: 0, changeRequests: 0, timeOff: 0 };

  constructor(
    private readonly s: DemoServices,
    private readonly monday: string,
  ) {}

  async build(): Promise<DemoCounts> {
    const [adminUser, ...others] = DEMO_USERS;
    const marker = others[others.length - 1];
    const admin = await this.login(adminUser);
    await inBatches(DEMO_ENGINEERS, SEED_CONCURRENCY, async (e) => {
      const view = await this.s.engineers.create(admin, {
        name: e.name,
        email: demoEmailOf(e.name),
        level: e.level,
        region: e.region,
        timezone: e.timezone,
        clearance: e.clearance ?? null,
        skills: skillsOf(e),
        ...workingRegionOf(e),
      });
      this.engineerIds.set(e.key, view.id);
      this.counts.engineers++;
    });
    // Every login but the marker now; the marker last, once everything else is in.
    await inBatches(others.slice(0, -1), SEED_CONCURRENCY, async (user) => {
      await this.login(user);
    });
    const ems = DEMO_USERS.filter((u) => u.role === 'engagement_manager').map((u) => this.actor(u.email));
    for (const c of DEMO_CUSTOMERS) {
      const em = ems[c.region === 'EMEA' ? 1 : 0];
      const view = await this.s.customers.create(em, { name: c.name, region: c.region, publicSector: c.requiredClearance !== undefined, requiredClearance: c.requiredClearance ?? null });
      this.customerIds.set(c.key, view.id);
      this.counts.customers++;
    }
    // SOWs are independent of each other: a few at a time keeps the seed quick (it runs on first start).
    await inBatches(DEMO_SOWS, SEED_CONCURRENCY, (sow) => this.buildSow(sow, ems[sow.em]));
    // The pipeline's approvals last and together: each approval asks for a plan, and plans computed while
    // the seed still writes are redone anyway (they would only slow the seed down).
    await inBatches(this.pendingApprovals.splice(0), SEED_CONCURRENCY, (approve) => approve());
    const sm = this.actor(demoEmailOf('Dana Whitfield'));
    for (const t of DEMO_TIME_OFF) {
      const week = datesOf(this.monday, { from: t.week, to: t.week + 1 });
      await this.s.timeOff.add(sm, this.engineer(t.engineer), {
        kind: t.kind,
        startDate: addDays(week.startDate, t.days[0] - 1),
        endDate: addDays(week.startDate, t.days[1] - 1),
        note: t.note,
      });
      this.counts.timeOff++;
    }
    await this.login(marker);
    return this.counts;
  }

  private async buildSow(spec: DemoSow, em: Actor): Promise<void> {
    // The other region's senior manager decides, never the SOW's own engagement manager.
    const sm = this.actor(spec.em === 1 ? demoEmailOf('Henrik Larsen') : demoEmailOf('Dana Whitfield'));
    const sow = await this.s.sows.create(em, { customerId: this.customer(spec.customer), title: spec.title, currency: 'USD', ...datesOf(this.monday, spec.weeks) });
    const items: Array<{ spec: DemoItem; view: ScopeItemView }> = [];
    for (const item of spec.items) items.push({ spec: item, view: await this.addItem(em, sow.id, item) });
    this.counts.sows[spec.status] = (this.counts.sows[spec.status] ?? 0) + 1;

    if (spec.status === 'draft') return;
    if (spec.status === 'cancelled' && !spec.cancelledAfterApproval) {
      await this.s.sows.cancel(em, sow.id, { reason: spec.reason });
      return;
    }
    await this.s.sows.submit(em, sow.id, {});
    if (spec.status === 'rejected') {
      await this.s.sows.reject(sm, sow.id, { reason: spec.reason });
      return;
    }
    if (spec.status === 'submitted') {
      await this.staff(em, sm, items);
      return;
    }
    if (spec.status === 'approved' && items.every((i) => !i.spec.staffing) && !spec.changeRequests) {
      this.pendingApprovals.push(async () => {
        await this.s.sows.approve(sm, sow.id, { reason: 'Scope, dates and quote reviewed' });
      });
      return;
    }
    await this.s.sows.approve(sm, sow.id, { reason: 'Scope, dates and quote reviewed' });
    if (spec.status === 'cancelled') {
      await this.s.sows.cancel(em, sow.id, { reason: spec.reason });
      return;
    }
    if (spec.status === 'active' || spec.status === 'completed') await this.s.sows.activate(em, sow.id, {});
    await this.staff(em, sm, items);
    for (const cr of spec.changeRequests ?? []) {
      const dates = datesOf(this.monday, cr.add.weeks);
      const created = await this.s.changeRequests.create(em, sow.id, {
        reason: cr.reason,
        changes: [{ op: 'add', item: { templateKey: cr.add.templateKey, parameters: cr.add.parameters, ...(cr.add.title ? { title: cr.add.title } : {}), ...dates } }],
      });
      if (cr.outcome === 'approved') await this.s.changeRequests.approve(sm, created.id, cr.decisionReason);
      if (cr.outcome === 'rejected') await this.s.changeRequests.reject(sm, created.id, cr.decisionReason ?? 'Rejected');
      this.counts.changeRequests++;
    }
    if (spec.status === 'completed') await this.s.sows.complete(em, sow.id, {});
  }

  private async addItem(em: Actor, sowId: string, item: DemoItem): Promise<ScopeItemView> {
    const view = await this.s.sows.addScopeItem(em, sowId, {
      templateKey: item.templateKey,
      parameters: item.parameters,
      ...(item.title ? { title: item.title } : {}),
      ...datesOf(this.monday, item.weeks),
    });
    this.counts.scopeItems++;
    return view;
  }

  /** The EM proposes each listed engineer (leads first); the senior manager approves unless told not to. */
  private async staff(em: Actor, sm: Actor, items: ReadonlyArray<{ spec: DemoItem; view: ScopeItemView }>): Promise<void> {
    for (const { spec, view } of items) {
      const weeks = spec.weeks.to - spec.weeks.from;
      for (const s of spec.staffing ?? []) {
        const hoursPerWeek =
          s.role === 'primary' ? Math.min(40, Math.ceil(view.estimatedHours / weeks)) : s.role === 'lead' ? LEAD_HOURS_PER_WEEK : SHADOW_HOURS_PER_WEEK;
        const proposed = await this.s.assignments.propose(em, view.id, {
          engineerId: this.engineer(s.engineer),
          role: s.role,
          hoursPerWeek,
          startDate: view.startDate,
          endDate: view.endDate,
          onsiteDays: s.role === 'primary' ? view.onsiteDays : 0,
        });
        if (!s.proposedOnly) await this.s.assignments.approve(sm, proposed.id);
        this.counts.assignments++;
      }
    }
  }

  private async login(user: DemoUser): Promise<Actor> {
    // Every demo login has the same password: hashed once (argon2 is slow on purpose), not once per login.
    this.passwordHash ??= hashPassword(DEMO_PASSWORD);
    const view = await this.s.users.create(
      { email: user.email, password: DEMO_PASSWORD, role: user.role, engineerId: user.engineer ? this.engineer(user.engineer) : null },
      { passwordHash: this.passwordHash },
    );
    const actor = actorOf(view);
    this.actors.set(user.email, actor);
    return actor;
  }

  private actor(email: string): Actor {
    const actor = this.actors.get(email);
    if (!actor) throw new Error(`demo data: no login ${email} yet`);
    return actor;
  }

  private engineer(key: string): string {
    const id = this.engineerIds.get(key);
    if (!id) throw new Error(`demo data: unknown engineer ${key}`);
    return id;
  }

  private customer(key: string): string {
    const id = this.customerIds.get(key);
    if (!id) throw new Error(`demo data: unknown customer ${key}`);
    return id;
  }
}
