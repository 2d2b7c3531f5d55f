import { TestApp, waitFor } from '@sow/testing';

export const auth = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** Waits until the worker has proposed the plan (a failed plan fails the test with its error). */
export async function proposedPlan<T>(t: TestApp, token: string, id: string): Promise<T> {
  return waitFor(
    async () => {
      const res = await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(token));
      if (res.body.status === 'failed') throw new Error(`plan failed: ${JSON.stringify(res.body.error)}`);
      return res.body.status === 'proposed' ? (res.body as T) : undefined;
    },
    30000,
    `plan ${id} to be proposed`,
  );
}

export interface EngineerSpec {
  name: string;
  level: 'associate' | 'intermediate' | 'senior' | 'senior_manager';
  skills?: Array<{ key: string; proficiency: 'exposure' | 'experience' | 'mastery' }>;
  region?: string;
  clearance?: string | null;
  travelLimit?: number;
  /** ISO 3166-1: whose public holidays leave the engineer's calendar. */
  country?: string;
}

/** Builds engineers, a customer and a submitted SOW with hand-written scope items over HTTP. */
export class StaffingFixtures {
  constructor(
    private readonly t: TestApp,
    private readonly em: string,
    private readonly sm: string,
  ) {}

  async engineer(spec: EngineerSpec): Promise<string> {
    const email = `${spec.name.toLowerCase().replace(/[^a-z0-9]/g, '-')}@ps-e2e.example.com`;
    const res = await this.t.http
      .post('/api/v1/engineers')
      .set(auth(this.sm))
      .send({ region: 'EMEA', timezone: 'Europe/Berlin', skills: [], ...spec, email });
    if (res.status !== 201) throw new Error(`engineer ${spec.name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  /** A SOW in `submitted` with one advisory item per entry; returns the SOW id and item ids. */
  async submittedSow(
    items: Array<{ title: string; start: string; end: string; hours: number; minLevel?: string; skills?: Array<{ key: string; minProficiency: string }>; onsiteDays?: number }>,
    customer: Record<string, unknown> = { name: 'Acme', region: 'EMEA' },
  ): Promise<{ sowId: string; itemIds: string[] }> {
    const c = await this.t.http.post('/api/v1/customers').set(auth(this.em)).send(customer);
    if (c.status !== 201) throw new Error(`customer: ${c.status} ${JSON.stringify(c.body)}`);
    const sow = await this.t.http.post('/api/v1/sows').set(auth(this.em)).send({ customerId: c.body.id, title: 'Staffing e2e', startDate: '2027-01-04', endDate: '2027-06-25', currency: 'USD' });
    if (sow.status !== 201) throw new Error(`sow: ${sow.status} ${JSON.stringify(sow.body)}`);
    const itemIds: string[] = [];
    for (const item of items) {
      const res = await this.t.http
        .post(`/api/v1/sows/${sow.body.id}/scope-items`)
        .set(auth(this.em))
        .send({
          kind: 'advisory',
          title: item.title,
          details: {},
          estimatedHours: item.hours,
          minLevel: item.minLevel ?? 'associate',
          requiredSkills: item.skills ?? [],
          onsiteDays: item.onsiteDays ?? 0,
          startDate: item.start,
          endDate: item.end,
        });
      if (res.status !== 201) throw new Error(`item: ${res.status} ${JSON.stringify(res.body)}`);
      itemIds.push(res.body.id as string);
    }
    const submitted = await this.t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(this.em)).send({});
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    return { sowId: sow.body.id as string, itemIds };
  }
}
