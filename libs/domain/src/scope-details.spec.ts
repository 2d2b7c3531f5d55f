import { DomainError } from './domain-error';
import { assertScopeDetails, validateScopeDetails, validateScopeItemDates } from './scope-details';
import { ScopeItemKind } from './vocabulary';

const install = { architectureSize: '3k', ha: true, cloud: 'aws', iacTools: ['terraform', 'ansible'], kubernetes: false };

describe('validateScopeDetails', () => {
  it.each([
    ['installation', install],
    ['installation', { ...install, architectureSize: '1k', ha: false, geo: true, airGapped: true }],
    ['migration', { source: 'github', target: 'saas', projectCount: 120 }],
    ['migration', { source: 'jenkins', target: 'self_managed', projectCount: 0, jobCount: 40 }],
    ['training', { course: 'cicd', mode: 'on_site', attendees: 12 }],
    ['training', { course: 'cicd', mode: 'remote', attendees: 24, classes: 2 }],
    ['advisory', {}],
    ['advisory', { block: 'consulting', weeks: 6, topic: 'CI adoption' }],
    ['documentation', { deliverable: 'runbook' }],
    ['health_check', { gptOnNonProd: true, includesImplementation: false }],
  ] as [ScopeItemKind, unknown][])('accepts %s %o', (kind, details) => {
    expect(validateScopeDetails(kind, details)).toEqual([]);
    expect(assertScopeDetails(kind, details)).toBe(details);
  });

  it.each([
    ['installation', null, ['details:isObject']],
    ['installation', [], ['details:isObject']],
    ['installation', { ...install, architectureSize: '4k' }, ['details.architectureSize:isIn: 1k, 2k, 3k, 5k, 10k, 25k, 50k']],
    ['installation', { ...install, cloud: 'ibm', ha: 'yes' }, ['details.ha:isBoolean', 'details.cloud:isIn: aws, gcp, azure, on_prem']],
    ['installation', { ...install, iacTools: ['terraform', 'pulumi'] }, ['details.iacTools:isIn: terraform, ansible, packer, puppet, chef, gitlab-environment-toolkit']],
    ['installation', { ...install, iacTools: ['terraform', 'terraform'] }, ['details.iacTools:arrayUnique']],
    ['installation', { ...install, iacTools: 'terraform' }, ['details.iacTools:isArray']],
    ['installation', { architectureSize: '3k' }, ['details.ha:isDefined', 'details.cloud:isDefined', 'details.iacTools:isDefined', 'details.kubernetes:isDefined']],
    ['installation', { ...install, architectureSize: '2k' }, ['details.ha:haRequiresSize: 3k, 5k, 10k, 25k, 50k']],
    ['installation', { ...install, architectureSize: '1k', ha: false, kubernetes: true }, ['details.kubernetes:kubernetesRequiresSize: 2k, 3k, 5k, 10k, 25k, 50k']],
    ['installation', { ...install, color: 'red' }, ['details.color:unknownField']],
    ['migration', { source: 'perforce', target: 'cloud', projectCount: -1 }, ['details.source:isIn: github, bitbucket, gitlab-self-managed, subversion, jenkins, azure-devops', 'details.target:isIn: saas, self_managed, dedicated', 'details.projectCount:min: 0']],
    ['migration', { source: 'github', target: 'saas', projectCount: 1.5 }, ['details.projectCount:isInt']],
    ['training', { course: 'cicd', mode: 'remote', attendees: 13 }, ['details.attendees:max: 12 per class']],
    ['training', { course: 'cicd', mode: 'remote', attendees: 25, classes: 2 }, ['details.attendees:max: 12 per class']],
    ['training', { course: 'kubernetes', mode: 'hybrid', attendees: 0 }, ['details.course:isIn: git-basics, cicd, security-essentials, system-administration', 'details.mode:isIn: remote, on_site', 'details.attendees:min: 1']],
    ['advisory', { weeks: 0, topic: 7 }, ['details.weeks:min: 1', 'details.topic:isString']],
    ['documentation', { deliverable: 'novel' }, ['details.deliverable:isIn: runbook, architecture, handover']],
    ['health_check', { includesImplementation: true }, ['details.includesImplementation:equals: false']],
  ] as [ScopeItemKind, unknown, string[]][])('rejects %s %o', (kind, details, expected) => {
    expect(validateScopeDetails(kind, details).map((d) => `${d.field}:${d.rule}`)).toEqual(expected);
    expect(() => assertScopeDetails(kind, details)).toThrow(DomainError);
  });
});

describe('validateScopeItemDates', () => {
  const sow = { start: '2026-03-01', end: '2026-06-30' };
  it.each([
    [{ start: '2026-03-02', end: '2026-03-20', estimatedHours: 40 }, []],
    [{ start: '2026-03-01', end: '2026-06-30', estimatedHours: 0.5 }, []],
    [{ start: '2026-03-20', end: '2026-03-02', estimatedHours: 40 }, ['end:notBeforeStart']],
    [{ start: '2026-02-20', end: '2026-07-02', estimatedHours: 40 }, ['start:withinSow', 'end:withinSow']],
    [{ start: '2026-07-01', end: '2026-07-02', estimatedHours: 40 }, ['start:withinSow', 'end:withinSow']],
    [{ start: '2026-02-30', end: '2026-03-02', estimatedHours: 0 }, ['start:isIsoDate', 'estimatedHours:isPositive']],
    [{ start: '2026-03-02', end: 'soon', estimatedHours: -1 }, ['end:isIsoDate', 'estimatedHours:isPositive']],
    [{ start: '2026-03-02', end: '2026-03-05', estimatedHours: Number.NaN }, ['estimatedHours:isPositive']],
  ])('%o', (item, expected) => {
    expect(validateScopeItemDates(item, sow).map((d) => `${d.field}:${d.rule}`)).toEqual(expected);
  });
});
