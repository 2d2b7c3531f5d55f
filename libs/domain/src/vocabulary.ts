/**
 * Persisted and wire-level names. These strings are stored in PostgreSQL and sent over the API:
 * DO NOT RENAME a value — that strands data. Add new values at the end.
 */

export const USER_ROLES = ['admin', 'senior_manager', 'engagement_manager', 'engineer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const LEVELS = ['associate', 'intermediate', 'senior', 'senior_manager'] as const;
export type Level = (typeof LEVELS)[number];

/** Job-family grade per level; derived, never stored. */
export const LEVEL_GRADE: Readonly<Record<Level, number>> = {
  associate: 5,
  intermediate: 6,
  senior: 7,
  senior_manager: 9,
};

export const PROFICIENCIES = ['exposure', 'experience', 'mastery'] as const;
export type Proficiency = (typeof PROFICIENCIES)[number];
export const PROFICIENCY_RANK: Readonly<Record<Proficiency, 1 | 2 | 3>> = {
  exposure: 1,
  experience: 2,
  mastery: 3,
};

export const SKILL_CATEGORIES = ['iac', 'cloud', 'platform', 'migration', 'language', 'delivery'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];

/** The seeded skills catalogue (admins may add more keys at run time). */
export const SEED_SKILLS: ReadonlyArray<{ key: string; name: string; category: SkillCategory }> = [
  { key: 'terraform', name: 'Terraform', category: 'iac' },
  { key: 'ansible', name: 'Ansible', category: 'iac' },
  { key: 'packer', name: 'Packer', category: 'iac' },
  { key: 'puppet', name: 'Puppet', category: 'iac' },
  { key: 'chef', name: 'Chef', category: 'iac' },
  { key: 'aws', name: 'Amazon Web Services', category: 'cloud' },
  { key: 'gcp', name: 'Google Cloud Platform', category: 'cloud' },
  { key: 'azure', name: 'Microsoft Azure', category: 'cloud' },
  { key: 'kubernetes', name: 'Kubernetes', category: 'platform' },
  { key: 'ha-architecture', name: 'High-availability architectures', category: 'platform' },
  { key: 'gitlab-omnibus', name: 'GitLab Linux package (Omnibus)', category: 'platform' },
  { key: 'gitlab-cloud-native', name: 'GitLab Cloud Native (Helm charts)', category: 'platform' },
  { key: 'gitlab-geo', name: 'GitLab Geo', category: 'platform' },
  { key: 'gitlab-environment-toolkit', name: 'GitLab Environment Toolkit', category: 'platform' },
  { key: 'gitlab-administration', name: 'GitLab administration (Premium/Ultimate)', category: 'platform' },
  { key: 'github', name: 'GitHub (source)', category: 'migration' },
  { key: 'bitbucket', name: 'Bitbucket (source)', category: 'migration' },
  { key: 'gitlab-self-managed', name: 'GitLab self-managed (source)', category: 'migration' },
  { key: 'subversion', name: 'Subversion (source)', category: 'migration' },
  { key: 'jenkins', name: 'Jenkins (source)', category: 'migration' },
  { key: 'azure-devops', name: 'Azure DevOps (source)', category: 'migration' },
  { key: 'python', name: 'Python', category: 'language' },
  { key: 'ruby', name: 'Ruby', category: 'language' },
  { key: 'go', name: 'Go', category: 'language' },
  { key: 'training-delivery', name: 'Training delivery', category: 'delivery' },
  { key: 'congregate', name: 'Congregate (PS migration tool)', category: 'migration' },
  { key: 'gitlab-ci', name: 'GitLab CI/CD', category: 'platform' },
];

export const TIME_OFF_KINDS = ['pto', 'internal', 'training'] as const;
export type TimeOffKind = (typeof TIME_OFF_KINDS)[number];

export const SOW_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'active', 'completed', 'cancelled'] as const;
export type SowStatus = (typeof SOW_STATUSES)[number];

export const SCOPE_ITEM_KINDS = ['installation', 'migration', 'training', 'advisory', 'documentation', 'health_check'] as const;
export type ScopeItemKind = (typeof SCOPE_ITEM_KINDS)[number];

export const SCOPE_ITEM_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type ScopeItemStatus = (typeof SCOPE_ITEM_STATUSES)[number];

export const CHANGE_REQUEST_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/** A team shares an item's hours: one `primary` and up to maxTeamSize − 1 `secondary` engineers. */
export const ASSIGNMENT_ROLES = ['primary', 'secondary', 'lead', 'shadow'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const ASSIGNMENT_STATUSES = ['proposed', 'approved', 'active', 'released'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_SOURCES = ['manual', 'plan'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

export const STAFFING_PLAN_STATUSES = ['queued', 'running', 'proposed', 'approved', 'rejected', 'stale', 'failed'] as const;
export type StaffingPlanStatus = (typeof STAFFING_PLAN_STATUSES)[number];

export const SOLVER_METHODS = ['auto', 'milp', 'heuristic'] as const;
export type SolverMethod = (typeof SOLVER_METHODS)[number];

/** Security clearances, lowest first: a higher clearance satisfies a lower requirement. */
export const CLEARANCE_LEVELS = ['public_trust', 'secret', 'top_secret'] as const;
export type ClearanceLevel = (typeof CLEARANCE_LEVELS)[number];
