import { ClearanceLevel, EngineerSkill, Level, LEVEL_GRADE } from '@sow/domain';
import { EngineerRecord } from '@sow/persistence';

export interface EngineerView {
  id: string;
  name: string;
  email: string;
  level: Level;
  /** Derived from the level, never stored. */
  grade: number;
  leadCapable: boolean;
  region: string;
  timezone: string;
  weeklyCapacityHours: number;
  utilizationTarget: number;
  maxUtilization: number;
  travelLimit: number;
  clearance: ClearanceLevel | null;
  billable: boolean;
  active: boolean;
  skills: EngineerSkill[];
  /** Whose public holidays apply: ISO 3166-1 alpha-2 and ISO 3166-2. */
  country: string | null;
  subdivision: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toEngineerView(e: EngineerRecord): EngineerView {
  return {
    id: e.id,
    name: e.name,
    email: e.email,
    level: e.level,
    grade: LEVEL_GRADE[e.level],
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
    skills: [...e.skills].sort((a, b) => a.key.localeCompare(b.key)),
    country: e.country,
    subdivision: e.subdivision,
    version: e.version,
    createdAt: new Date(e.createdAt).toISOString(),
    updatedAt: new Date(e.updatedAt).toISOString(),
  };
}
