import { DomainError } from './domain-error';
import { SkillRequirement } from './eligibility';
import { expandTemplate, getScopeTemplate, SCOPE_TEMPLATE_KEYS, SCOPE_TEMPLATES } from './scope-catalogue';
import { validateScopeDetails } from './scope-details';
import { SCOPE_ITEM_KINDS, SEED_SKILLS } from './vocabulary';

const sortSkills = (skills: readonly SkillRequirement[]): SkillRequirement[] =>
  [...skills].sort((a, b) => a.key.localeCompare(b.key));
const skillMap = (skills: readonly SkillRequirement[]): Record<string, string> =>
  Object.fromEntries(skills.map((s) => [s.key, s.minProficiency]));

describe('scope catalogue', () => {
  it('holds the agreed template keys exactly once', () => {
    expect(SCOPE_TEMPLATE_KEYS).toEqual([
      'install-ra-1k',
      'install-ra-2k',
      'install-ra-3k-ha',
      'install-ra-5k-ha',
      'install-ra-10k-ha',
      'install-ra-25k-ha',
      'install-ra-50k-ha',
      'install-cloud-native-hybrid',
      'geo-secondary',
      'migration-github',
      'migration-bitbucket-server',
      'migration-gitlab-to-saas',
      'migration-subversion',
      'migration-jenkins-ci',
      'migration-azure-devops',
      'training-git-basics',
      'training-cicd',
      'training-security',
      'training-administration',
      'advisory-block',
      'health-check',
      'documentation',
    ]);
  });

  const seedKeys = new Set(SEED_SKILLS.map((s) => s.key));

  it.each(SCOPE_TEMPLATES.map((t) => [t.key, t] as const))('%s is well formed and expands to its own defaults', (_key, template) => {
    expect(SCOPE_ITEM_KINDS).toContain(template.kind);
    expect(template.defaultEstimatedHours).toBeGreaterThan(0);
    expect(template.sources.length).toBeGreaterThan(0);
    for (const skill of template.requiredSkills) expect(seedKeys).toContain(skill.key);
    for (const param of template.parameters) {
      if (param.type === 'enum' && param.default !== undefined) expect(param.allowedValues).toContain(param.default);
      expect(param.required).toBe(param.default === undefined);
    }
    const required = Object.fromEntries(
      template.parameters.filter((p) => p.required).map((p) => [p.name, p.type === 'int' ? (p.min ?? 0) : true]),
    );
    const expanded = expandTemplate(template, required);
    expect(validateScopeDetails(template.kind, expanded.details)).toEqual([]);
    expect(sortSkills(expanded.requiredSkills)).toEqual(sortSkills(template.requiredSkills));
    expect(expanded.minLevel).toBe(template.minLevel);
    expect(expanded.onsiteDays).toBe(template.onsiteDays);
    if (Object.keys(required).length === 0) expect(expanded.estimatedHours).toBe(template.defaultEstimatedHours);
  });

  it.each([
    {
      key: 'install-ra-1k',
      params: {},
      hours: 40,
      minLevel: 'associate',
      onsite: 0,
      skills: { terraform: 'exposure', ansible: 'exposure', 'gitlab-environment-toolkit': 'exposure', aws: 'exposure' },
      details: { architectureSize: '1k', ha: false, cloud: 'aws', kubernetes: false, iacTools: ['terraform', 'ansible', 'gitlab-environment-toolkit'] },
    },
    {
      key: 'install-ra-2k',
      params: { iac: 'none' },
      hours: 64,
      minLevel: 'associate',
      onsite: 0,
      skills: { aws: 'experience', 'gitlab-omnibus': 'experience' },
      absent: ['terraform', 'ansible'],
      details: { iacTools: [] },
    },
    {
      key: 'install-ra-3k-ha',
      params: { cloud: 'gcp' },
      hours: 132,
      minLevel: 'intermediate',
      onsite: 0,
      skills: { gcp: 'experience', 'ha-architecture': 'experience', terraform: 'experience' },
      absent: ['aws'],
      details: { architectureSize: '3k', ha: true, cloud: 'gcp' },
    },
    {
      key: 'install-ra-10k-ha',
      params: { cloud: 'on_prem' },
      hours: 200,
      minLevel: 'senior',
      onsite: 2,
      skills: { terraform: 'mastery', ansible: 'mastery', 'gitlab-environment-toolkit': 'mastery', 'ha-architecture': 'mastery' },
      absent: ['aws', 'gcp', 'azure'],
      details: { architectureSize: '10k', ha: true, cloud: 'on_prem' },
    },
    {
      key: 'install-ra-50k-ha',
      params: { cloud: 'azure', iac: 'puppet', airGapped: true, gitalyCluster: true },
      hours: 300,
      minLevel: 'senior',
      onsite: 0,
      skills: { puppet: 'mastery', azure: 'experience' },
      absent: ['terraform'],
      details: { iacTools: ['puppet'], airGapped: true, gitalyCluster: true },
    },
    {
      key: 'install-cloud-native-hybrid',
      params: { architectureSize: '10k', cloud: 'gcp' },
      hours: 176,
      minLevel: 'senior',
      onsite: 0,
      skills: { kubernetes: 'mastery', 'gitlab-cloud-native': 'mastery', gcp: 'experience' },
      details: { architectureSize: '10k', ha: true, kubernetes: true },
    },
    {
      key: 'install-cloud-native-hybrid',
      params: { architectureSize: '2k' },
      hours: 64,
      minLevel: 'intermediate',
      onsite: 0,
      skills: { kubernetes: 'experience' },
      details: { architectureSize: '2k', ha: false, kubernetes: true },
    },
    {
      key: 'geo-secondary',
      params: { ha: true, architectureSize: '5k' },
      hours: 180,
      minLevel: 'senior',
      onsite: 0,
      skills: { 'gitlab-geo': 'mastery', 'ha-architecture': 'mastery' },
      details: { architectureSize: '5k', ha: true, geo: true },
    },
    { key: 'migration-github', params: { projectCount: 2500 }, hours: 64, minLevel: 'associate', onsite: 0, skills: { github: 'exposure' }, details: { source: 'github', target: 'self_managed', projectCount: 2500 } },
    { key: 'migration-github', params: { target: 'saas', projectCount: 1000 }, hours: 72, minLevel: 'associate', onsite: 0, skills: {}, details: { target: 'saas' } },
    { key: 'migration-github', params: { sourceEdition: 'github_com', projectCount: 201 }, hours: 56, minLevel: 'associate', onsite: 0, skills: {}, details: {} },
    { key: 'migration-bitbucket-server', params: { target: 'saas', projectCount: 450 }, hours: 64, minLevel: 'associate', onsite: 0, skills: { bitbucket: 'exposure' }, details: { source: 'bitbucket' } },
    {
      key: 'migration-gitlab-to-saas',
      params: { projectCount: 1500, userCount: 1200, portfolioCount: 3, largeRepoCount: 5, versionGapOver2Minor: true, ssoConfiguration: true },
      hours: 204,
      minLevel: 'intermediate',
      onsite: 0,
      skills: { congregate: 'experience' },
      details: { source: 'gitlab-self-managed', target: 'saas', projectCount: 1500, userCount: 1200 },
    },
    { key: 'migration-gitlab-to-saas', params: { projectCount: 300 }, hours: 56, minLevel: 'associate', onsite: 0, skills: {}, details: {} },
    { key: 'migration-subversion', params: { projectCount: 12 }, hours: 88, minLevel: 'intermediate', onsite: 0, skills: { subversion: 'experience' }, details: { source: 'subversion' } },
    { key: 'migration-jenkins-ci', params: { jobCount: 150, archetypeCount: 4 }, hours: 224, minLevel: 'intermediate', onsite: 0, skills: { jenkins: 'experience', 'gitlab-ci': 'experience' }, details: { source: 'jenkins', jobCount: 150 } },
    { key: 'migration-azure-devops', params: { projectCount: 401, boards: true, pipelines: true }, hours: 96, minLevel: 'intermediate', onsite: 0, skills: { 'gitlab-ci': 'experience', 'azure-devops': 'experience' }, details: { source: 'azure-devops' } },
    { key: 'training-cicd', params: { mode: 'on_site', attendees: 20 }, hours: 20, minLevel: 'intermediate', onsite: 2, skills: { 'training-delivery': 'mastery', 'gitlab-ci': 'mastery' }, details: { course: 'cicd', mode: 'on_site', attendees: 20, classes: 2 } },
    { key: 'training-administration', params: {}, hours: 20, minLevel: 'intermediate', onsite: 0, skills: { 'gitlab-administration': 'mastery' }, details: { course: 'system-administration', classes: 1 } },
    { key: 'advisory-block', params: { block: 'consulting', weeks: 4 }, hours: 112, minLevel: 'intermediate', onsite: 0, skills: {}, details: { block: 'consulting', weeks: 4 } },
    { key: 'advisory-block', params: {}, hours: 40, minLevel: 'intermediate', onsite: 0, skills: {}, details: { block: 'expert_services' } },
    { key: 'health-check', params: { gptOnNonProd: false }, hours: 64, minLevel: 'senior', onsite: 0, skills: { 'gitlab-administration': 'mastery' }, details: { gptOnNonProd: false, includesImplementation: false } },
    { key: 'documentation', params: { days: 5, deliverable: 'handover' }, hours: 40, minLevel: 'associate', onsite: 0, skills: {}, details: { deliverable: 'handover' } },
  ])('expands $key with $params', ({ key, params, hours, minLevel, onsite, skills, details, ...rest }) => {
    const expanded = expandTemplate(getScopeTemplate(key), params);
    expect(expanded.estimatedHours).toBe(hours);
    expect(expanded.minLevel).toBe(minLevel);
    expect(expanded.onsiteDays).toBe(onsite);
    expect(skillMap(expanded.requiredSkills)).toMatchObject(skills);
    for (const absent of ('absent' in rest ? rest.absent : []) ?? []) expect(skillMap(expanded.requiredSkills)).not.toHaveProperty(absent);
    expect(expanded.details).toMatchObject(details);
    expect(expanded.effort.length).toBeGreaterThan(0);
  });

  it.each([
    ['install-ra-1k', { cloud: 'ibm' }, ['parameters.cloud:isIn: aws, gcp, azure, on_prem']],
    ['install-ra-1k', { gitalyCluster: true }, ['parameters.gitalyCluster:unknownField']],
    ['install-ra-3k-ha', { airGapped: 'yes', iac: 'pulumi' }, ['parameters.iac:isIn: terraform+ansible, puppet, chef, none', 'parameters.airGapped:isBoolean']],
    ['migration-github', {}, ['parameters.projectCount:isDefined']],
    ['migration-github', { projectCount: 0 }, ['parameters.projectCount:min: 1']],
    ['migration-github', { projectCount: 2.5, userCount: '3' }, ['parameters.projectCount:isInt', 'parameters.userCount:isInt']],
    ['migration-gitlab-to-saas', { target: 'self_managed', projectCount: 10, ssoConfiguration: true }, ['parameters.ssoConfiguration:requiresTarget: saas']],
    ['advisory-block', { weeks: 3 }, ['parameters.weeks:requiresBlock: consulting']],
    ['geo-secondary', { architectureSize: '10k' }, ['parameters.architectureSize:requiresHa']],
    ['training-git-basics', { attendees: 241 }, ['parameters.attendees:max: 240']],
    ['training-git-basics', 'x', ['parameters:isObject']],
  ])('%s rejects %p', (key, params, expected) => {
    try {
      expandTemplate(getScopeTemplate(key), params);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).details?.map((d) => `${d.field}:${d.rule}`)).toEqual(expected);
    }
  });

  it('answers not_found for an unknown template', () => {
    expect(() => getScopeTemplate('install-ra-100k')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
