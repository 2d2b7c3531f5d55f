import { EngineerView } from './engineer-view';
import { engineersToCsv, parseEngineerCsv } from './engineer-csv';

const engineer: EngineerView = {
  id: 'e1',
  name: 'Ada, Countess',
  email: 'ada@example.com',
  level: 'senior',
  grade: 7,
  leadCapable: false,
  region: 'EMEA',
  timezone: 'Europe/London',
  weeklyCapacityHours: 32.5,
  utilizationTarget: 0.75,
  maxUtilization: 0.9,
  travelLimit: 0.1,
  clearance: 'secret',
  billable: true,
  active: false,
  skills: [{ key: 'terraform', proficiency: 'mastery' }, { key: 'aws', proficiency: 'experience' }],
  country: 'GB',
  subdivision: 'GB-SCT',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('engineer CSV', () => {
  it('writes the header and quotes every field', () => {
    const [header, row] = engineersToCsv([engineer]).trim().split('\n');
    expect(header).toBe('"name","email","level","region","timezone","weeklyCapacityHours","utilizationTarget","maxUtilization","travelLimit","clearance","billable","active","skills","leadCapable","country","subdivision"');
    expect(row).toBe('"Ada, Countess","ada@example.com","senior","EMEA","Europe/London","32.5","0.75","0.9","0.1","secret","true","false","aws:experience;terraform:mastery","false","GB","GB-SCT"');
  });

  it.each(['=HYPERLINK("http://x.io","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises a formula-looking name %j on export and restores it on import', (name) => {
    const csv = engineersToCsv([{ ...engineer, name, clearance: null }]);
    const row = csv.split('\n')[1];
    expect(row.startsWith(`"'${name.replace(/"/g, '""')}"`)).toBe(true);
    const { rows, errors } = parseEngineerCsv(csv);
    expect(errors).toEqual([]);
    expect(rows[0].input.name).toBe(name);
  });

  it('parses what it writes back into the same fields', () => {
    const { rows, errors } = parseEngineerCsv(engineersToCsv([engineer]));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        input: {
          name: 'Ada, Countess',
          email: 'ada@example.com',
          level: 'senior',
          region: 'EMEA',
          timezone: 'Europe/London',
          weeklyCapacityHours: 32.5,
          utilizationTarget: 0.75,
          maxUtilization: 0.9,
          travelLimit: 0.1,
          clearance: 'secret',
          billable: true,
          active: false,
          leadCapable: false,
          skills: [{ key: 'aws', proficiency: 'experience' }, { key: 'terraform', proficiency: 'mastery' }],
          country: 'GB',
          subdivision: 'GB-SCT',
        },
      },
    ]);
  });

  it('leaves empty optional cells undefined so defaults (or stored values) apply', () => {
    const csv = 'name,email,level,region,timezone,weeklyCapacityHours,utilizationTarget,maxUtilization,travelLimit,clearance,billable,active,skills\nBo,bo@x.io,associate,EMEA,UTC,,,,,,,,\n';
    const { rows, errors } = parseEngineerCsv(csv);
    expect(errors).toEqual([]);
    expect(rows[0].input).toMatchObject({ weeklyCapacityHours: undefined, billable: undefined, clearance: null, skills: [], country: undefined, subdivision: undefined });
  });

  it('reports header problems on line 1 and cell problems by line and column', () => {
    expect(parseEngineerCsv('name,email\n').errors.map((e) => `${e.line}:${e.column}:${e.rule}`)).toEqual(
      expect.arrayContaining(['1:level:requiredColumn', '1:skills:requiredColumn']),
    );
    const csv = 'name,email,level,region,timezone,weeklyCapacityHours,utilizationTarget,maxUtilization,travelLimit,clearance,billable,active,skills\n\nBo,bo@x.io,associate,EMEA,UTC,x,,,,,yes,,aws\nshort,row\n';
    expect(parseEngineerCsv(csv).errors.map((e) => `${e.line}:${e.column ?? ''}:${e.rule}`)).toEqual([
      '3:weeklyCapacityHours:isNumber',
      '3:billable:isBoolean',
      '4::columnCount',
    ]);
  });

  it('refuses an empty file', () => {
    expect(parseEngineerCsv('').errors[0]).toMatchObject({ line: 1, rule: 'hasHeader' });
  });
});
