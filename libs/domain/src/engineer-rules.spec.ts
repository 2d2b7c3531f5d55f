import { applyEngineerDefaults, formatSkillList, isIanaTimezone, parseSkillList, parseSkillSpec, validateEngineer } from './engineer-rules';

const base = { name: 'Ada', email: 'ada@example.com', region: 'EMEA', timezone: 'Europe/Berlin' } as const;

describe('engineer rules', () => {
  it.each([
    ['associate', false, true],
    ['intermediate', false, true],
    ['senior', true, true],
    ['senior_manager', true, false],
  ] as const)('defaults a %s to leadCapable %p and billable %p', (level, leadCapable, billable) => {
    expect(applyEngineerDefaults({ ...base, level })).toMatchObject({
      leadCapable,
      billable,
      weeklyCapacityHours: 40,
      utilizationTarget: 0.7,
      maxUtilization: 1,
      travelLimit: 0.2,
      clearance: null,
      active: true,
      skills: [],
    });
  });

  it('keeps explicit values over defaults', () => {
    expect(applyEngineerDefaults({ ...base, level: 'senior_manager', billable: true, leadCapable: false })).toMatchObject({ billable: true, leadCapable: false });
  });

  it('accepts IANA zones and refuses others', () => {
    expect(isIanaTimezone('America/New_York')).toBe(true);
    expect(isIanaTimezone('UTC')).toBe(true);
    expect(isIanaTimezone('Mars/Olympus')).toBe(false);
    expect(isIanaTimezone('')).toBe(false);
  });

  it('reports every problem with its field and rule', () => {
    const e = applyEngineerDefaults({ ...base, level: 'associate', timezone: 'Nope/Nope', utilizationTarget: 0.9, maxUtilization: 0.8, travelLimit: 2, skills: [{ key: 'aws', proficiency: 'mastery' }, { key: 'aws', proficiency: 'exposure' }, { key: 'cobol', proficiency: 'mastery' }] });
    const found = validateEngineer(e, new Set(['aws', 'terraform'])).map((d) => `${d.field}:${d.rule}`);
    expect(found).toEqual([
      'timezone:isIanaTimezone',
      'travelLimit:range: 0..1',
      'utilizationTarget:notAboveMaxUtilization',
      'skills[1].key:unique',
      'skills[2].key:isKnownSkill',
    ]);
  });

  it('lists the valid skill keys when one is unknown', () => {
    const [detail] = validateEngineer(applyEngineerDefaults({ ...base, level: 'senior', skills: [{ key: 'cobol', proficiency: 'mastery' }] }), new Set(['terraform', 'aws']));
    expect(detail.message).toBe('unknown skill cobol; valid keys: aws, terraform');
  });

  it('parses and formats skill lists symmetrically', () => {
    const parsed = parseSkillList('terraform:experience; aws:mastery;;');
    expect(parsed).toEqual({ skills: [{ key: 'terraform', proficiency: 'experience' }, { key: 'aws', proficiency: 'mastery' }], problems: [] });
    expect(formatSkillList(parsed.skills)).toBe('aws:mastery;terraform:experience');
    expect(parseSkillList(formatSkillList(parsed.skills)).skills).toHaveLength(2);
  });

  it('treats a bare key as exposure and refuses bad specs', () => {
    expect(parseSkillSpec('go')).toEqual({ key: 'go', proficiency: 'exposure' });
    expect(parseSkillSpec('go:guru')).toMatchObject({ problem: { rule: 'isIn: exposure, experience, mastery' } });
    expect(parseSkillSpec('a:b:c')).toMatchObject({ problem: { rule: 'format: key:proficiency' } });
  });
});
