import { ClearanceLevel, EngineerSkill, Level } from '@sow/domain';

/** An engineer's profile columns as node-postgres returns them (numerics as strings), skills aggregated into the row. */
export interface EngineerProfileRow {
  id: string;
  name: string;
  level: Level;
  lead_capable: boolean;
  region: string;
  timezone: string;
  weekly_capacity_hours: string;
  utilization_target: string;
  max_utilization: string;
  travel_limit: string;
  clearance: ClearanceLevel | null;
  billable: boolean;
  active: boolean;
  skills: EngineerSkill[];
  country: string | null;
  subdivision: string | null;
}

export interface EngineerProfileFields {
  id: string;
  name: string;
  level: Level;
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
  /** Whose public holidays apply (ISO 3166-1 alpha-2, and 3166-2). */
  country: string | null;
  subdivision: string | null;
}

/** The profile fields of a row, numerics parsed: what the engineer, directory and snapshot reads share. */
export function profileFromRow(r: EngineerProfileRow): EngineerProfileFields {
  return {
    id: r.id,
    name: r.name,
    level: r.level,
    leadCapable: r.lead_capable,
    region: r.region,
    timezone: r.timezone,
    weeklyCapacityHours: Number(r.weekly_capacity_hours),
    utilizationTarget: Number(r.utilization_target),
    maxUtilization: Number(r.max_utilization),
    travelLimit: Number(r.travel_limit),
    clearance: r.clearance,
    billable: r.billable,
    active: r.active,
    skills: r.skills,
    country: r.country,
    subdivision: r.subdivision,
  };
}
