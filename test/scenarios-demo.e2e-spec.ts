import { DEMO_PASSWORD, DemoPipelineService, DemoSeedService, demoEmailOf } from '@sow/core';
import { addDays, isoWeekday } from '@sow/domain';
import { TestApp, waitFor } from '@sow/testing';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

interface HiringBody {
  status: string;
  errorMessage: string | null;
  result: {
    hiring: {
      hires: Array<{ level: string; startDate: string; cost: string; revenueUnlocked: string; items: Array<{ itemId: string; winProbability: number }> }>;
      trainings: Array<{ engineerName: string; items: unknown[] }>;
      unstaffedHoursBefore: number;
      unstaffedHoursAfter: number;
      candidates: { hires: number; trainings: number };
    };
  };
}

describe('the demo organisation’s pipeline produces a hiring plan (real API and worker)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    await t.app.get(DemoSeedService).seed();
  }, 300000);
  afterAll(async () => {
    await t.close();
  });

  it('hires (and trains) for the deals the team cannot staff, each with the items it unlocks', async () => {
    const scenarioId = await t.app.get(DemoPipelineService).seed();
    expect(scenarioId).not.toBeNull();
    // Idempotent.
    expect(await t.app.get(DemoPipelineService).seed()).toBe(scenarioId);
    const login = await t.http.post('/api/v1/auth/login').send({ email: demoEmailOf('Dana Whitfield'), password: DEMO_PASSWORD });
    const token = login.body.accessToken as string;
    const mine = await t.http.get('/api/v1/scenarios').set(auth(token));
    expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(scenarioId);
    const today = new Date().toISOString().slice(0, 10);
    const monday = addDays(today, 1 - isoWeekday(today));
    const run = await t.http.post('/api/v1/scenario-runs').set(auth(token)).send({ kind: 'hiring', scenarioId, horizon: { start: monday, end: addDays(monday, 7 * 13 - 3) }, timeLimitMs: 6000 });
    expect(run.status).toBe(202);
    const done = await waitFor(
      async () => {
        const r = await t.http.get(`/api/v1/scenario-runs/${run.body.id}`).set(auth(token));
        return r.body.status === 'done' || r.body.status === 'failed' ? (r.body as HiringBody) : undefined;
      },
      120000,
      'the hiring plan',
    );
    expect(done.errorMessage).toBeNull();
    const plan = done.result.hiring;
    expect(plan.candidates.hires).toBeGreaterThan(1);
    expect(plan.hires.length + plan.trainings.length).toBeGreaterThan(0);
    for (const hire of plan.hires) {
      expect(hire.items.length).toBeGreaterThan(0);
      expect(Number(hire.cost)).toBeGreaterThan(0);
      expect(Number(hire.revenueUnlocked)).toBeGreaterThan(0);
    }
    expect(plan.unstaffedHoursAfter).toBeLessThan(plan.unstaffedHoursBefore);
  }, 180000);
});
