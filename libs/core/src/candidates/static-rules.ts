import { EngineerProfile, heldProficiency, meetsClearance, meetsLevel, PROFICIENCY_RANK, ScopeItemDemand } from '@sow/domain';

/**
 * True when the engineer passes every rule that does not depend on their load (active, billable, level,
 * skills, clearance). Only these engineers can be eligible, and checking it costs a few comparisons, so
 * ranking runs the full (calendar-heavy) eligibility check on them alone. Mirrors checkEligibility.
 */
export function passesStaticRules(engineer: EngineerProfile, item: ScopeItemDemand): boolean {
  if (!engineer.active || !engineer.billable || !meetsLevel(engineer.level, item.minLevel)) return false;
  for (const requirement of item.requiredSkills) {
    const held = heldProficiency(engineer, requirement.key);
    if (held === null || PROFICIENCY_RANK[held] < PROFICIENCY_RANK[requirement.minProficiency]) return false;
  }
  return item.requiredClearance === null || meetsClearance(engineer.clearance, item.requiredClearance);
}
