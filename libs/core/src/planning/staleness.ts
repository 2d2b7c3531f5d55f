import type { PlanSnapshotVersions } from '@sow/persistence';

/**
 * Staleness, defined once. A plan records the fingerprint of every engineer, scope item and live assignment
 * its moves touch (recordSnapshotVersions, when it is computed); approval reads them again under lock and
 * the plan is stale when any differs (changedSinceSnapshot). The fingerprints themselves are one SQL
 * expression each, in PlanningSnapshotRepository.
 */
export interface TouchedByMove {
  itemId: string;
  fromEngineerId: string | null;
  toEngineerId: string | null;
  fromAssignmentId: string | null;
}

export interface Fingerprinted {
  engineers: ReadonlyMap<string, { fingerprint: string }>;
  items: ReadonlyMap<string, { fingerprint: string }>;
  assignments: ReadonlyMap<string, { version: number }>;
}

export function recordSnapshotVersions(moves: readonly TouchedByMove[], read: Fingerprinted): PlanSnapshotVersions {
  const engineers = new Set<string>();
  const items = new Set<string>();
  const assignments = new Set<string>();
  for (const m of moves) {
    if (m.fromEngineerId) engineers.add(m.fromEngineerId);
    if (m.toEngineerId) engineers.add(m.toEngineerId);
    items.add(m.itemId);
    if (m.fromAssignmentId) assignments.add(m.fromAssignmentId);
  }
  return {
    engineers: Object.fromEntries([...engineers].map((id) => [id, read.engineers.get(id)?.fingerprint ?? ''])),
    scopeItems: Object.fromEntries([...items].map((id) => [id, read.items.get(id)?.fingerprint ?? ''])),
    assignments: Object.fromEntries([...assignments].map((id) => [id, read.assignments.get(id)?.version ?? 0])),
  };
}

/** What changed since the plan was computed, as `engineer <id>`, `scope item <id>`, `assignment <id>`; empty when nothing did. */
export function changedSinceSnapshot(expected: PlanSnapshotVersions, current: PlanSnapshotVersions): string[] {
  const differ = <T>(label: string, was: Record<string, T>, now: Record<string, T>) =>
    Object.entries(was)
      .filter(([id, value]) => now[id] !== value)
      .map(([id]) => `${label} ${id}`);
  return [...differ('engineer', expected.engineers, current.engineers), ...differ('scope item', expected.scopeItems, current.scopeItems), ...differ('assignment', expected.assignments, current.assignments)];
}

/** The ids a plan's recorded versions name, to read again at approval. */
export function snapshotIds(versions: PlanSnapshotVersions): { engineers: string[]; scopeItems: string[]; assignments: string[] } {
  return { engineers: Object.keys(versions.engineers), scopeItems: Object.keys(versions.scopeItems), assignments: Object.keys(versions.assignments) };
}
