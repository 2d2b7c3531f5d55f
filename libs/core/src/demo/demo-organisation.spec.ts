import { SOW_STATUSES, validateEngineer, applyEngineerDefaults, SEED_SKILLS } from '@sow/domain';
import { isKnownRegion } from '../working-calendar/public-holidays';
import { datesOf, DEMO_CUSTOMERS, DEMO_ENGINEERS, DEMO_SOWS, DEMO_TIME_OFF, DEMO_USERS, demoEmailOf, mondayOf, skillsOf, workingRegionOf } from './demo-organisation';

describe('the demo organisation data', () => {
  it('counts weeks from the Monday of the current ISO week', () => {
    expect(mondayOf('2026-11-26')).toBe('2026-11-23'); // a Thursday
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // Sunday belongs to the same ISO week
    expect(datesOf('2026-11-23', { from: -1, to: 2 })).toEqual({ startDate: '2026-11-16', endDate: '2026-12-04' });
  });

  it('has about 40 valid engineers at every level with real countries and unique emails, and about 12 customers, some public sector', () => {
    const known = new Set(SEED_SKILLS.map((s) => s.key));
    for (const e of DEMO_ENGINEERS) {
      const fields = applyEngineerDefaults({ name: e.name, email: demoEmailOf(e.name), level: e.level, region: e.region, timezone: e.timezone, clearance: e.clearance ?? null, skills: skillsOf(e), ...workingRegionOf(e) });
      expect([e.key, validateEngineer(fields, known, isKnownRegion)]).toEqual([e.key, []]);
      // Every demo engineer lives somewhere real, so their public holidays count.
      expect([e.key, workingRegionOf(e).country]).not.toEqual([e.key, null]);
    }
    expect(DEMO_ENGINEERS).toHaveLength(40);
    expect(new Set(DEMO_ENGINEERS.map((e) => demoEmailOf(e.name))).size).toBe(40);
    expect(new Set(DEMO_ENGINEERS.map((e) => e.level))).toEqual(new Set(['associate', 'intermediate', 'senior', 'senior_manager']));
    expect(DEMO_CUSTOMERS).toHaveLength(12);
    expect(DEMO_CUSTOMERS.filter((c) => c.requiredClearance).length).toBeGreaterThanOrEqual(3);
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(['admin', 'senior_manager', 'engagement_manager', 'engineer']));
  });

  it('has 48 SOWs in every lifecycle state, items inside their SOW, staffing by known engineers on staffable SOWs only', () => {
    const keys = new Set(DEMO_ENGINEERS.map((e) => e.key));
    expect(DEMO_SOWS).toHaveLength(48);
    expect(new Set(DEMO_SOWS.map((s) => s.status))).toEqual(new Set(SOW_STATUSES));
    for (const sow of DEMO_SOWS) {
      expect(DEMO_CUSTOMERS.map((c) => c.key)).toContain(sow.customer);
      const items = [...sow.items, ...(sow.changeRequests ?? []).map((cr) => cr.add)];
      for (const item of items) {
        expect([sow.title, item.weeks.from >= sow.weeks.from && item.weeks.to <= sow.weeks.to && item.weeks.to > item.weeks.from]).toEqual([sow.title, true]);
        for (const s of item.staffing ?? []) expect(keys).toContain(s.engineer);
      }
      if (!['submitted', 'approved', 'active', 'completed'].includes(sow.status)) expect(sow.items.every((i) => !i.staffing)).toBe(true);
      if (sow.status === 'rejected' || sow.status === 'cancelled') expect(sow.reason).toBeDefined();
    }
    for (const t of DEMO_TIME_OFF) expect(keys).toContain(t.engineer);
  });
});
