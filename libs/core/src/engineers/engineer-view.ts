import { EngineerFields, LEVEL_GRADE } from '@sow/domain';
import { EngineerRecord } from '@sow/persistence';

/** An engineer as the api shows them: the editable fields, plus what is derived or kept by the system. */
export interface EngineerView extends EngineerFields {
  id: string;
  /** Derived from the level, never stored. */
  grade: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of a stored engineer (what an edit merges into). */
export function engineerFieldsOf(e: EngineerRecord): EngineerFields {
  return {
    name: e.name,
    email: e.email,
    level: e.level,
    leadCapable: e.leadCapable,
    region: e.region,
    timezone: e.timezone,
    weeklyCapacityHours: e.weeklyCapacityHours,
    utilizationTarget: e.utilizationTarget,
    maxUtilization: e.maxUtilization,
    travelLimit: e.travelLimit,
    clearance: e.clearance,
    billable: e.billable,
    active: e.active,
    skills: e.skills,
    country: e.country,
    subdivision: e.subdivision,
  };
}

export function toEngineerView(e: EngineerRecord): EngineerView {
  // Spelled so the keys keep their order in the JSON: grade after the level.
  const { name, email, level, ...rest } = engineerFieldsOf(e);
  return {
    id: e.id,
    name,
    email,
    level,
    grade: LEVEL_GRADE[e.level],
    ...rest,
    skills: [...e.skills].sort((a, b) => a.key.localeCompare(b.key)),
    version: e.version,
    createdAt: new Date(e.createdAt).toISOString(),
    updatedAt: new Date(e.updatedAt).toISOString(),
  };
}
