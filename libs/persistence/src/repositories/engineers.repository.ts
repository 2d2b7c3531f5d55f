import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ClearanceLevel, EngineerSkill, Level, Proficiency } from '@sow/domain';
import { EngineerSkillEntity } from '../entities/engineer-skill.entity';
import { EngineerEntity } from '../entities/engineer.entity';
import { BaseRepository, Tx } from './base.repository';
import { EngineerProfileRow, profileFromRow } from './engineer-row';

export type EngineerRecord = EngineerEntity & { skills: EngineerSkill[] };

export const ENGINEER_SORT_FIELDS = ['name', 'level', 'createdAt'] as const;
export type EngineerSortField = (typeof ENGINEER_SORT_FIELDS)[number];

export interface EngineerSearch {
  /** Every one must be held at or above the proficiency (AND). */
  skills?: ReadonlyArray<{ key: string; minProficiency: Proficiency }>;
  minLevel?: Level;
  region?: string;
  /** Holds this clearance or a higher one. */
  clearance?: ClearanceLevel;
  active?: boolean;
  /** No time off overlapping [availableFrom, availableTo]. */
  availableFrom?: string;
  availableTo?: string;
  /** Name or email contains (case-insensitive). */
  q?: string;
  sort?: EngineerSortField;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

interface EngineerRow extends EngineerProfileRow {
  email: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  total: string;
}

// 500 rows × 14 columns stays far below PostgreSQL's 65,535 bind parameters.
const IMPORT_CHUNK = 500;

const SORT_COLUMNS: Readonly<Record<EngineerSortField, string>> = { name: 'e.name', level: 'e.level', createdAt: 'e.created_at' };

function fromRow(row: EngineerRow): EngineerRecord {
  return Object.assign(new EngineerEntity(), { ...profileFromRow(row), email: row.email, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at });
}

// Skills come back aggregated in the same row, so a page is one query whatever its size.
const SELECT_WITH_SKILLS = `SELECT e.*, COALESCE((
    SELECT json_agg(json_build_object('key', s.skill_key, 'proficiency', s.proficiency) ORDER BY s.skill_key)
    FROM engineer_skills s WHERE s.engineer_id = e.id), '[]'::json) AS skills`;

@Injectable()
export class EngineersRepository extends BaseRepository<EngineerEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, EngineerEntity);
  }

  findByEmails(emails: readonly string[], tx?: Tx): Promise<EngineerEntity[]> {
    return emails.length === 0 ? Promise.resolve([]) : this.repo(tx).find({ where: { email: In(emails.map((e) => e.toLowerCase())) } });
  }

  async skillsOf(engineerId: string, tx?: Tx): Promise<EngineerSkill[]> {
    const rows = await (tx ?? this.dataSource.manager)
      .getRepository(EngineerSkillEntity)
      .find({ where: { engineerId }, order: { skillKey: 'ASC' } });
    return rows.map((r) => ({ key: r.skillKey, proficiency: r.proficiency }));
  }

  /** Replaces the engineer's skill set (delete + insert in the caller's transaction). */
  async replaceSkills(engineerId: string, skills: readonly EngineerSkill[], tx: Tx): Promise<void> {
    const repo = tx.getRepository(EngineerSkillEntity);
    await repo.delete({ engineerId });
    if (skills.length > 0) {
      await repo.insert(skills.map((s) => ({ engineerId, skillKey: s.key, proficiency: s.proficiency })));
    }
  }

  /** Multi-row INSERTs (chunked below PostgreSQL's parameter limit), for imports. */
  async insertMany(rows: ReadonlyArray<Omit<EngineerEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>>, tx: Tx): Promise<EngineerEntity[]> {
    const out: EngineerEntity[] = [];
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
      const chunk = rows.slice(i, i + IMPORT_CHUNK);
      const result = await tx.getRepository(EngineerEntity).insert(chunk.map((r) => ({ ...r })));
      chunk.forEach((row, j) => out.push(Object.assign(new EngineerEntity(), row, result.generatedMaps[j])));
    }
    return out;
  }

  /** Locks the rows (FOR UPDATE) and returns them with their skills, in two statements. */
  async lockManyWithSkills(ids: readonly string[], tx: Tx): Promise<EngineerRecord[]> {
    if (ids.length === 0) return [];
    const rows = await tx.getRepository(EngineerEntity).find({ where: { id: In([...ids]) }, lock: { mode: 'pessimistic_write' } });
    const skills = await tx.getRepository(EngineerSkillEntity).find({ where: { engineerId: In([...ids]) }, order: { skillKey: 'ASC' } });
    const byEngineer = new Map<string, EngineerSkill[]>();
    for (const s of skills) byEngineer.set(s.engineerId, [...(byEngineer.get(s.engineerId) ?? []), { key: s.skillKey, proficiency: s.proficiency }]);
    return rows.map((r) => Object.assign(r, { skills: byEngineer.get(r.id) ?? [] }));
  }

  /** One UPDATE returning the bumped version and timestamp, without a reload (imports). */
  async updateReturning(id: string, changes: Partial<EngineerEntity>, tx: Tx): Promise<{ version: number; updatedAt: Date }> {
    const result = await tx
      .getRepository(EngineerEntity)
      .createQueryBuilder()
      .update()
      .set(changes)
      .where('id = :id', { id })
      .returning('"version", "updated_at"')
      .execute();
    const raw = (result.raw as Array<{ version: number; updated_at: Date }>)[0];
    return { version: raw.version, updatedAt: raw.updated_at };
  }

  /** Replaces the skills of many engineers: one DELETE, chunked INSERTs. */
  async replaceSkillsMany(skillsByEngineer: ReadonlyMap<string, readonly EngineerSkill[]>, tx: Tx): Promise<void> {
    const repo = tx.getRepository(EngineerSkillEntity);
    const ids = [...skillsByEngineer.keys()];
    if (ids.length === 0) return;
    await repo.delete({ engineerId: In(ids) });
    const rows = [...skillsByEngineer].flatMap(([engineerId, skills]) => skills.map((s) => ({ engineerId, skillKey: s.key, proficiency: s.proficiency })));
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK * 4) await repo.insert(rows.slice(i, i + IMPORT_CHUNK * 4));
  }

  async findWithSkills(id: string, tx?: Tx): Promise<EngineerRecord | null> {
    const rows: EngineerRow[] = await (tx ?? this.dataSource.manager).query(`${SELECT_WITH_SKILLS}, 0 AS total FROM engineers e WHERE e.id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Filters, sorts and pages in one statement; `total` counts every match, not just the page. */
  async search(filter: EngineerSearch): Promise<{ items: EngineerRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    for (const skill of filter.skills ?? []) {
      where.push(
        `EXISTS (SELECT 1 FROM engineer_skills es WHERE es.engineer_id = e.id AND es.skill_key = ${param(skill.key)} ` +
          `AND es.proficiency >= ${param(skill.minProficiency)}::proficiency)`,
      );
    }
    // Enum order is declaration order (associate < ... , public_trust < ...), so >= means "at least".
    if (filter.minLevel) where.push(`e.level >= ${param(filter.minLevel)}::engineer_level`);
    if (filter.region) where.push(`lower(e.region) = lower(${param(filter.region)})`);
    if (filter.clearance) where.push(`e.clearance >= ${param(filter.clearance)}::clearance_level`);
    if (filter.active !== undefined) where.push(`e.active = ${param(filter.active)}`);
    if (filter.availableFrom || filter.availableTo) {
      const from = param(filter.availableFrom ?? filter.availableTo);
      const to = param(filter.availableTo ?? filter.availableFrom);
      where.push(`NOT EXISTS (SELECT 1 FROM time_off t WHERE t.engineer_id = e.id AND t.start_date <= ${to}::date AND t.end_date >= ${from}::date)`);
    }
    if (filter.q) {
      const like = param(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(e.name ILIKE ${like} OR e.email ILIKE ${like})`);
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${SORT_COLUMNS[filter.sort ?? 'name']} ${filter.order === 'desc' ? 'DESC' : 'ASC'}, e.id ASC`;
    const sql = `${SELECT_WITH_SKILLS}, count(*) OVER () AS total FROM engineers e ${whereSql} ORDER BY ${order} LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`;
    const rows: EngineerRow[] = await this.dataSource.query(sql, params);
    if (rows.length === 0 && filter.offset > 0) {
      // Past the last page the window count is gone; count separately (rare).
      const countParams = params.slice(0, -2);
      const [{ n }]: Array<{ n: number }> = await this.dataSource.query(`SELECT count(*)::int AS n FROM engineers e ${whereSql}`, countParams);
      return { items: [], total: n };
    }
    return { items: rows.map(fromRow), total: rows.length > 0 ? Number(rows[0].total) : 0 };
  }
}
