import { DomainError } from './domain-error';
import { getScopeTemplate } from './scope-catalogue';
import { buildScopeItem, patchScopeItem, StoredScopeTemplate } from './scope-item-rules';
import { SEED_SKILLS } from './vocabulary';

const sow = { start: '2027-01-04', end: '2027-03-26' };
const knownSkills = new Set(SEED_SKILLS.map((s) => s.key));
const builtin = (key: string): StoredScopeTemplate => ({ ...getScopeTemplate(key), builtin: true });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return (e.details ?? []).map((d) => `${d.field}:${d.rule}`);
    throw e;
  }
  return [];
}

describe('scope item rules', () => {
  it('expands a builtin template with its parameters', () => {
    const item = buildScopeItem(
      { templateKey: 'install-ra-10k-ha', parameters: { cloud: 'gcp' }, startDate: '2027-01-04', endDate: '2027-02-26' },
      { sow, knownSkills, template: builtin('install-ra-10k-ha') },
    );
    expect(item).toMatchObject({ kind: 'installation', templateKey: 'install-ra-10k-ha', minLevel: 'senior', estimatedHours: 176, parameters: { cloud: 'gcp' } });
    expect(item.requiredSkills).toEqual(expect.arrayContaining([{ key: 'gcp', minProficiency: 'experience' }]));
  });

  it('uses a custom template’s defaults and details', () => {
    const custom: StoredScopeTemplate = {
      key: 'advisory-ci-review',
      name: 'CI review',
      kind: 'advisory',
      description: '',
      defaultEstimatedHours: 24,
      requiredSkills: [{ key: 'gitlab-ci', minProficiency: 'experience' }],
      minLevel: 'intermediate',
      onsiteDays: 0,
      parameters: [],
      sources: ['custom'],
      builtin: false,
      details: { topic: 'CI' },
    };
    const item = buildScopeItem({ templateKey: custom.key, startDate: '2027-01-04', endDate: '2027-01-08' }, { sow, knownSkills, template: custom });
    expect(item).toMatchObject({ title: 'CI review', estimatedHours: 24, details: { topic: 'CI' }, parameters: {} });
  });

  it('refuses hand-written fields next to a template', () => {
    expect(
      problemsOf(() => buildScopeItem({ templateKey: 'install-ra-1k', estimatedHours: 3, startDate: '2027-01-04', endDate: '2027-01-08' }, { sow, knownSkills, template: builtin('install-ra-1k') })),
    ).toEqual(['estimatedHours:notWithTemplate']);
  });

  it('names every problem of a hand-written item, with a prefix when asked', () => {
    const found = problemsOf(() =>
      buildScopeItem(
        {
          kind: 'migration',
          title: 'Move',
          details: { source: 'cvs', target: 'saas', projectCount: 3 },
          estimatedHours: -1,
          minLevel: 'associate',
          requiredSkills: [{ key: 'cobol', minProficiency: 'mastery' }],
          onsiteDays: 11,
          startDate: '2027-03-20',
          endDate: '2027-04-02',
        },
        { sow, knownSkills },
        'changes[0].item',
      ),
    );
    expect(found).toEqual([
      'changes[0].item.details.source:isIn: github, bitbucket, gitlab-self-managed, subversion, jenkins, azure-devops',
      'changes[0].item.endDate:withinSow',
      'changes[0].item.estimatedHours:isPositive',
      'changes[0].item.requiredSkills[0].key:isKnownSkill',
      'changes[0].item.onsiteDays:max: 10',
    ]);
  });

  it('requires the core fields without a template', () => {
    expect(problemsOf(() => buildScopeItem({ title: 'x', startDate: '2027-01-04', endDate: '2027-01-08' }, { sow, knownSkills }))).toEqual([
      'kind:isDefined',
      'details:isDefined',
      'estimatedHours:isDefined',
      'minLevel:isDefined',
    ]);
  });

  it('patches an item but never its kind', () => {
    const item = buildScopeItem({ templateKey: 'training-cicd', startDate: '2027-01-04', endDate: '2027-01-08' }, { sow, knownSkills, template: builtin('training-cicd') });
    expect(patchScopeItem(item, { estimatedHours: 20 }, { sow, knownSkills }).estimatedHours).toBe(20);
    expect(problemsOf(() => patchScopeItem(item, { kind: 'advisory' }, { sow, knownSkills }))).toEqual(['kind:immutable']);
    expect(problemsOf(() => patchScopeItem(item, { endDate: '2027-01-01' }, { sow, knownSkills }))).toEqual(['endDate:notBeforeStart', 'endDate:withinSow']);
  });
});
