import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_SOWS, DEMO_TIME_OFF, DEMO_USERS, DemoSeedResult, DemoSeedService } from '@sow/core';
import { SOW_STATUSES } from '@sow/domain';
import { TestApp, waitFor } from '@sow/testing';
import { ReadmeReplay, scriptOf } from './readme-script';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The demo organisation (`npm run seed:demo`, and `npm start` on an empty database) and the README's
 * ten-minute walk-through, replayed command by command against the api with the processors running.
 */
describe('demo organisation and the README walk-through (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let seeded: DemoSeedResult;
  let seedPlanId = '';

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    seeded = await t.app.get(DemoSeedService).seed();
  }, 180000);
  afterAll(async () => {
    await t.close();
  });

  it('seeds a realistic organisation through the services, with a login for every role', async () => {
    expect(seeded.outcome).toBe('created');
    const q = async (sql: string): Promise<Array<Record<string, unknown>>> => t.dataSource.query(sql);
    expect(await q(`SELECT level, count(*)::int AS n FROM engineers GROUP BY level ORDER BY level`)).toEqual([
      { level: 'associate', n: 13 },
      { level: 'intermediate', n: 13 },
      { level: 'senior', n: 11 },
      { level: 'senior_manager', n: 3 },
    ]);
    expect((await q(`SELECT DISTINCT region FROM engineers ORDER BY region`)).map((r) => r.region)).toEqual(['AMER', 'APAC', 'EMEA']);
    expect((await q(`SELECT count(DISTINCT timezone)::int AS n FROM engineers`))[0].n).toBeGreaterThanOrEqual(15);
    expect((await q(`SELECT count(*)::int AS n FROM engineers WHERE clearance IS NOT NULL`))[0].n).toBeGreaterThanOrEqual(8);
    // Infrastructure seniors hold mastery in several IaC tools and clouds; associates hold no mastery at all.
    const masteries = (await q(
      `SELECT e.level, (SELECT count(*)::int FROM engineer_skills s WHERE s.engineer_id = e.id AND s.proficiency = 'mastery'
         AND s.skill_key IN ('terraform','ansible','packer','puppet','chef','aws','gcp','azure')) AS n FROM engineers e`,
    )) as Array<{ level: string; n: number }>;
    expect(masteries.filter((m) => m.level === 'senior' && m.n >= 3).length).toBeGreaterThanOrEqual(7);
    expect((await q(`SELECT count(*)::int AS n FROM engineer_skills s JOIN engineers e ON e.id = s.engineer_id WHERE e.level = 'associate' AND s.proficiency = 'mastery'`))[0].n).toBe(0);
    expect(await q(`SELECT count(*)::int AS n, count(*) FILTER (WHERE public_sector)::int AS public FROM customers`)).toEqual([{ n: 12, public: 4 }]);

    const states = await q(`SELECT status, count(*)::int AS n FROM sows GROUP BY status`);
    expect(states.map((s) => s.status).sort()).toEqual([...SOW_STATUSES].sort());
    expect(states.reduce((a, s) => a + (s.n as number), 0)).toBe(DEMO_SOWS.length);
    // Every item came from the catalogue; approved and later SOWs have audit history and outbox triggers.
    expect(await q(`SELECT count(*)::int AS n FROM scope_items WHERE template_key IS NULL`)).toEqual([{ n: 0 }]);
    expect((await q(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'sow.approved'`))[0].n).toBe(DEMO_SOWS.filter((sow) => ['approved', 'active', 'completed'].includes(sow.status) || sow.cancelledAfterApproval).length);
    expect((await q(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'sow.completed'`))[0].n).toBe(3);
    expect(await q(`SELECT status, count(*)::int AS n FROM change_requests GROUP BY status ORDER BY status::text`)).toEqual([
      { status: 'approved', n: 1 },
      { status: 'rejected', n: 1 },
      { status: 'submitted', n: 1 },
    ]);
    expect((await q(`SELECT count(*)::int AS n FROM assignments WHERE status = 'approved'`))[0].n).toBeGreaterThanOrEqual(18);
    expect((await q(`SELECT count(*)::int AS n FROM time_off`))[0].n).toBe(DEMO_TIME_OFF.length);
    // Delivery history: approved weeks, last week part done, two active SOWs at risk, CSAT on completed SOWs.
    expect((await q(`SELECT count(*)::int AS n FROM timesheets WHERE status = 'approved'`))[0].n).toBeGreaterThanOrEqual(20);
    expect(await q(`SELECT status::text, count(*)::int AS n FROM timesheets WHERE status <> 'approved' GROUP BY status ORDER BY status::text`)).toEqual([{ status: 'open', n: 1 }, { status: 'submitted', n: 1 }]);
    expect((await q(`SELECT count(*)::int AS n FROM sow_health h JOIN sows s ON s.id = h.sow_id WHERE h.status = 'at_risk' AND s.status = 'active'`))[0].n).toBe(2);
    expect((await q(`SELECT count(*)::int AS n FROM sow_csat c JOIN sows s ON s.id = c.sow_id WHERE s.status = 'completed'`))[0].n).toBeGreaterThanOrEqual(1);

    for (const user of DEMO_USERS) {
      const res = await t.http.post('/api/v1/auth/login').send({ email: user.email, password: DEMO_PASSWORD });
      expect([user.email, res.status]).toEqual([user.email, 200]);
    }
    const roles = new Set(DEMO_USERS.map((u) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'engagement_manager', 'engineer', 'senior_manager']);
  });

  it('is idempotent: a second run writes nothing and returns the same logins', async () => {
    // Plans the processors finish meanwhile write their staffing_plan.* outcome events; the seed writes none.
    const seedEvents = async (): Promise<number> => ((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE type NOT LIKE 'staffing_plan.%'`)) as Array<{ n: number }>)[0].n;
    const eventsBefore = await seedEvents();
    const before = await t.countRows();
    const again = await t.app.get(DemoSeedService).seed();
    expect(again.outcome).toBe('existing');
    expect(again.logins.map((l) => l.email)).toEqual(DEMO_USERS.map((u) => u.email));
    const after = await t.countRows();
    // The processors may turn the seed's triggers into a plan meanwhile; the seed itself adds nothing.
    const { staffing_plans: _p1, outbox_events: _o1, audit_events: _a1, ...rest1 } = before;
    const { staffing_plans: _p2, outbox_events: _o2, audit_events: _a2, ...rest2 } = after;
    expect(rest2).toEqual(rest1);
    expect(await seedEvents()).toBe(eventsBefore);
    expect(await t.app.get(DemoSeedService).seedIfEmpty()).toBeNull();
  });

  it('runs the README walk-through: EM scopes, quotes and submits; SM approves and approves the triggered plan; the engineer sees it all', async () => {
    // The seed's approvals became one plan; a reader starts the walk-through once it is proposed.
    const sm = (await t.http.post('/api/v1/auth/login').send({ email: DEMO_USERS[1].email, password: DEMO_PASSWORD })).body.accessToken as string;
    await waitFor(
      async () => {
        const unsent = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`)) as Array<{ n: number }>;
        const res = await t.http.get('/api/v1/staffing-plans').set(auth(sm));
        const items = res.body.items as Array<{ id: string; status: string; createdAt: string }>;
        if (unsent[0].n > 0 || items.length === 0 || !items.every((p) => p.status !== 'queued' && p.status !== 'running')) return false;
        // The newest plan is the one the seed's last trigger asked for: it saw the whole organisation.
        seedPlanId = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0].id;
        return true;
      },
      90000,
      'the seed’s plan to finish',
    );

    const replay = new ReadmeReplay(t);
    await replay.run(scriptOf(README, '## Ten-minute walk-through'));

    // Every documented step ran against the api, in this order.
    const steps = replay.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*$/, '').replace(/calendar\/[A-Za-z0-9_-]+\.ics/, 'calendar/:token.ics')}`);
    expect([...new Set(steps)]).toEqual([
      'POST /api/v1/auth/login',
      'GET /api/v1/scope-templates',
      'GET /api/v1/customers',
      'POST /api/v1/sows',
      'POST /api/v1/sows/:id/scope-items',
      'GET /api/v1/sows/:id/quote',
      'GET /api/v1/sows/:id',
      'GET /api/v1/scope-items/:id/candidates',
      'GET /api/v1/scope-items/:id/feasibility',
      'POST /api/v1/sows/:id/submit',
      'GET /api/v1/sows',
      'POST /api/v1/sows/:id/approve',
      'GET /api/v1/staffing-plans',
      'GET /api/v1/staffing-plans/:id',
      'POST /api/v1/staffing-plans/:id/approve',
      'GET /api/v1/reports/utilization',
      'GET /api/v1/me/assignments',
      'GET /api/v1/me/utilization',
      'POST /api/v1/me/calendar-token',
      'GET /api/v1/calendar/:token.ics',
      'POST /api/v1/timesheets',
      'POST /api/v1/timesheets/:id/entries',
      'POST /api/v1/timesheets/:id/submit',
      'POST /api/v1/timesheets/:id/approve',
      'GET /api/v1/sows/:id/health',
      'GET /api/v1/sow-health',
      'GET /api/v1/timesheets/missing',
      'GET /api/v1/metrics/delivery',
    ]);
    const sowId = replay.vars.get('SOW') as string;
    const planId = replay.vars.get('PLAN') as string;

    const quote = replay.requests.find((r) => r.path === `/api/v1/sows/${sowId}/quote`)?.response.body as { items: unknown[]; totals: { price: string } };
    expect(quote.items).toHaveLength(3);
    expect(Number(quote.totals.price)).toBeGreaterThan(0);

    // The plan the approval triggered replans the whole (busy) demo organisation: it staffs the new items it
    // can and lists each other one as unstaffed with its reasons; its approval applied what it staffed.
    const plan = (await t.http.get(`/api/v1/staffing-plans/${planId}`).set(auth(sm))).body as {
      status: string;
      trigger: string;
      moves: Array<{ kind: string; itemId: string; role: string; sowId: string }>;
      unstaffed: Array<{ itemId: string; exclusions: Record<string, number> | null; changes: unknown[] }>;
    };
    expect(plan).toMatchObject({ status: 'approved', trigger: 'sow.approved' });
    const sow = (await t.http.get(`/api/v1/sows/${sowId}`).set(auth(sm))).body as { status: string; scopeItems: Array<{ id: string }> };
    expect(sow.status).toBe('approved');
    let staffedItems = 0;
    for (const item of sow.scopeItems) {
      const staffed = plan.moves.some((m) => m.kind === 'assign' && m.itemId === item.id && m.role === 'primary');
      const explained = plan.unstaffed.find((u) => u.itemId === item.id);
      expect([item.id, staffed || (explained !== undefined && explained.exclusions !== null && explained.changes.length > 0)]).toEqual([item.id, true]);
      if (staffed) staffedItems++;
    }
    expect(staffedItems).toBeGreaterThanOrEqual(1);
    // The feasibility answer names a start date and who could take the item then.
    const feasibility = replay.requests.find((r) => r.path.endsWith('/feasibility'))?.response.body as { earliestStartDate: string | null; engineers: unknown[] };
    expect(feasibility.earliestStartDate).not.toBeNull();
    expect(feasibility.engineers.length).toBeGreaterThan(0);
    // The plan lists what it leaves unstaffed, each entry with its reasons and a computed change.
    const planView = replay.requests.filter((r) => r.path === `/api/v1/staffing-plans/${planId}`).at(-1)?.response.body as { unstaffed: Array<{ hoursMissing: number; exclusions: Record<string, number> | null; changes: Array<{ text: string }> }> };
    expect(Array.isArray(planView.unstaffed)).toBe(true);
    for (const u of planView.unstaffed) {
      expect(u.hoursMissing).toBeGreaterThan(0);
      if (u.exclusions) expect(u.changes.length).toBeGreaterThan(0);
    }
    const applied = (await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE sow_id = $1 AND source = 'plan' AND status = 'approved'`, [sowId])) as Array<{ n: number }>;
    expect(applied[0].n).toBe(plan.moves.filter((m) => m.kind === 'assign' && m.sowId === sowId).length);

    // The engineer's own projects, and the same ones in the calendar feed.
    const mine = replay.requests.find((r) => r.path === '/api/v1/me/assignments')?.response.body as Array<{ id: string; customer: { name: string }; status: string }>;
    expect(mine.map((a) => a.customer.name)).toContain('Helix Biotech');
    const feed = replay.requests.find((r) => r.path.startsWith('/api/v1/calendar/'))?.response;
    expect(feed?.headers['content-type']).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(feed?.text ?? '')).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid).sort()).toEqual(mine.filter((a) => a.status !== 'released').map((a) => `assignment-${a.id}@sow-planner`).sort());

    // Track delivery: the week is approved, and the demo's history makes every number non-trivial.
    const approvedSheet = replay.requests.find((r) => r.method === 'POST' && r.path.endsWith('/approve') && r.path.includes('/timesheets/'))?.response.body as { status: string; totalHours: number };
    expect(approvedSheet).toMatchObject({ status: 'approved', totalHours: 16 });
    const health = replay.requests.find((r) => r.path.endsWith('/health'))?.response.body as { actualHours: number; burn: number };
    expect(health.actualHours).toBeGreaterThan(16);
    const inbox = replay.requests.find((r) => r.path === '/api/v1/sow-health')?.response.body as { items: Array<{ status: string }> };
    expect(inbox.items.filter((i) => i.status === 'at_risk').length).toBeGreaterThanOrEqual(2);
    expect((replay.requests.find((r) => r.path.startsWith('/api/v1/timesheets/missing'))?.response.body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(1);
    const metrics = replay.requests.find((r) => r.path.startsWith('/api/v1/metrics/delivery') && r.response.type === 'application/json')?.response.body as {
      financials: Array<{ revenue: string; cost: string }>;
      team: { billableHours: number; attainment: number };
      delivery: { completedSows: number; meanCsat: number | null };
    };
    expect(Number(metrics.financials[0].revenue)).toBeGreaterThan(Number(metrics.financials[0].cost));
    expect(Number(metrics.financials[0].cost)).toBeGreaterThan(0);
    expect(metrics.team.billableHours).toBeGreaterThan(0);
    expect(metrics.team.attainment).toBeGreaterThan(0);
    const csv = replay.requests.filter((r) => r.path.startsWith('/api/v1/metrics/delivery')).at(-1)?.response;
    expect(csv?.text.split('\n')[0].replace(/"/g, '')).toBe('engineerId,name,level,region,capacityHours,targetHours,plannedBillableHours,billableHours,nonBillableHours,plannedUtilization,utilization,attainment');
  }, 180000);

  it('plans the demo near target: most billable engineers near their target, gaps for a skill, a clearance and a holiday week, and a team', async () => {
    const sm = (await t.http.post('/api/v1/auth/login').send({ email: DEMO_USERS[1].email, password: DEMO_PASSWORD })).body.accessToken as string;
    // The seed's own plan (the walk-through approved a later one, so this one is stale by now).
    expect(seedPlanId).not.toBe('');
    const plan = (await t.http.get(`/api/v1/staffing-plans/${seedPlanId}`).set(auth(sm))).body as {
      horizon: { start: string; end: string };
      kpisBefore: { meanBillableUtilization: number };
      kpisAfter: { meanBillableUtilization: number; engineersAtOrAboveTarget: number; billableEngineers: number; capacityViolations: number; travelViolations: number };
      solverStats: { engineers: number };
      moves: Array<{ itemId: string; itemTitle: string; role: string; toEngineerId: string | null; hoursPerWeek: number }>;
      unstaffed: Array<{ title: string; teamSize: number; openShares: number; exclusions: Record<string, number> | null; changes: Array<{ kind: string; text: string }> }>;
    };
    expect(plan.kpisAfter).toMatchObject({ capacityViolations: 0, travelViolations: 0 });
    expect(plan.kpisAfter.meanBillableUtilization).toBeGreaterThanOrEqual(0.5);
    expect(plan.kpisAfter.meanBillableUtilization - plan.kpisBefore.meanBillableUtilization).toBeGreaterThan(0.4);
    expect(plan.kpisAfter.engineersAtOrAboveTarget).toBeGreaterThan(0);

    // A few items stay unstaffed, each for a reason the plan names and with a computed change.
    expect(plan.unstaffed.length).toBeGreaterThanOrEqual(3);
    expect(plan.unstaffed.length).toBeLessThanOrEqual(12);
    const count = (u: (typeof plan.unstaffed)[number], rule: string): number => u.exclusions?.[rule] ?? 0;
    // A skill nobody holds: every engineer fails the skill rule.
    const noSkill = plan.unstaffed.filter((u) => count(u, 'missing_skill') === plan.solverStats.engineers);
    expect(noSkill.map((u) => u.title)).toContain('GitLab 10k HA on Azure, provisioned with Chef');
    // A clearance: the engineers with the skills lack it, and nothing else (load, time off) is in the way.
    const clearance = plan.unstaffed.filter((u) => count(u, 'clearance_required') > 0 && count(u, 'capacity_exceeded') === 0 && count(u, 'time_off_conflict') === 0 && count(u, 'missing_skill') < plan.solverStats.engineers);
    expect(clearance.map((u) => u.title)).toContain('GitLab 3k HA in the secure enclave (Puppet)');
    // A holiday week: the only qualified trainers are away, and a later start would staff it.
    const holiday = plan.unstaffed.filter((u) => count(u, 'time_off_conflict') > 0 && u.changes.some((c) => c.kind === 'start_later'));
    expect(holiday.map((u) => u.title)).toContain('GitLab CI/CD class (remote)');
    for (const u of plan.unstaffed) expect([u.title, u.changes.length > 0]).toEqual([u.title, true]);
    // One item needs a team: more hours a week than anyone has, so the plan splits it between two engineers,
    // each taking half (a share the plan could not fill is listed with the team's size).
    const team = 'GitLab 25k HA in eu-central-1 (three weeks)';
    const shares = plan.moves.filter((m) => m.itemTitle === team && m.toEngineerId);
    const open = plan.unstaffed.find((u) => u.title === team);
    expect(shares.length + (open?.openShares ?? 0)).toBe(2);
    if (open) expect(open.teamSize).toBe(2);
    for (const share of shares) expect(share.hoursPerWeek).toBeLessThanOrEqual(40);
    expect(new Set(shares.map((m) => m.toEngineerId)).size).toBe(shares.length);
    if (shares.length === 2) expect(shares.map((m) => m.role).sort()).toEqual(['primary', 'secondary']);

    // Once a plan is approved (the walk-through approved the one its SOW triggered, which replans the whole
    // organisation), most billable engineers sit near their target over the horizon.
    const report = (await t.http.get(`/api/v1/reports/utilization?from=${plan.horizon.start}&to=${plan.horizon.end}&groupBy=engineer`).set(auth(sm))).body as {
      items: Array<{ group: string; capacityHours: number; plannedHours: number; target: number }>;
    };
    const byEngineer = new Map<string, { capacity: number; planned: number; target: number }>();
    for (const row of report.items) {
      const e = byEngineer.get(row.group) ?? { capacity: 0, planned: 0, target: row.target };
      e.capacity += row.capacityHours;
      e.planned += row.plannedHours;
      byEngineer.set(row.group, e);
    }
    const engineers = [...byEngineer.values()].filter((e) => e.capacity > 0);
    expect(engineers).toHaveLength(plan.kpisAfter.billableEngineers);
    const nearTarget = engineers.filter((e) => e.planned / e.capacity >= 0.8 * e.target);
    expect(nearTarget.length).toBeGreaterThan(engineers.length / 2);
  }, 60000);
});
