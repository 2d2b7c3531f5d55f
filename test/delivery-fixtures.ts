import { TestApp } from '@sow/testing';
import { auth } from './staffing-fixtures';

export interface DeliverySowSpec {
  customer: string;
  start: string;
  end: string;
  hours: number;
  currency?: string;
  skills?: Array<{ key: string; minProficiency: string }>;
  /** Assigned to the item and approved, when given. */
  engineerId?: string;
  role?: 'primary' | 'shadow';
  hoursPerWeek?: number;
}

/** An approved SOW (dates of its own, unlike the staffing fixtures) with one advisory item and, optionally, an approved assignment over it. */
export async function deliverySow(t: TestApp, em: string, sm: string, spec: DeliverySowSpec): Promise<{ sowId: string; itemId: string; assignmentId: string; customerId: string }> {
  const must = (res: { status: number; body: unknown }, status: number, what: string): void => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const c = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: spec.customer, region: 'EMEA' });
  must(c, 201, 'customer');
  const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: c.body.id, title: `${spec.customer} delivery`, startDate: spec.start, endDate: spec.end, currency: spec.currency ?? 'USD' });
  must(sow, 201, 'sow');
  const item = await t.http
    .post(`/api/v1/sows/${sow.body.id}/scope-items`)
    .set(auth(em))
    .send({ kind: 'advisory', title: 'Advisory', details: {}, estimatedHours: spec.hours, minLevel: 'senior', requiredSkills: spec.skills ?? [], onsiteDays: 0, startDate: spec.start, endDate: spec.end });
  must(item, 201, 'scope item');
  must(await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(em)).send({}), 200, 'submit');
  must(await t.http.post(`/api/v1/sows/${sow.body.id}/approve`).set(auth(sm)).send({}), 200, 'approve');
  let assignmentId = '';
  if (spec.engineerId) {
    const a = await t.http
      .post(`/api/v1/scope-items/${item.body.id}/assignments`)
      .set(auth(em))
      .send({ engineerId: spec.engineerId, role: spec.role ?? 'primary', hoursPerWeek: spec.hoursPerWeek ?? 20, startDate: spec.start, endDate: spec.end, onsiteDays: 0 });
    must(a, 201, 'assignment');
    must(await t.http.post(`/api/v1/assignments/${a.body.id}/approve`).set(auth(sm)).send({}), 200, 'assignment approval');
    assignmentId = a.body.id as string;
  }
  return { sowId: sow.body.id as string, itemId: item.body.id as string, assignmentId, customerId: c.body.id as string };
}
