import { parse } from 'csv-parse/sync';
import { ClearanceLevel, DomainErrorDetail, EngineerInput, formatSkillList, Level, parseSkillList } from '@sow/domain';
import { restoreCsvText, toCsv } from '../shared/csv';
import { EngineerView } from './engineer-view';

/** The CSV columns, in export order; import accepts them in any order. leadCapable, country and subdivision are optional on import. */
export const ENGINEER_CSV_COLUMNS = [
  'name',
  'email',
  'level',
  'region',
  'timezone',
  'weeklyCapacityHours',
  'utilizationTarget',
  'maxUtilization',
  'travelLimit',
  'clearance',
  'billable',
  'active',
  'skills',
  'leadCapable',
  'country',
  'subdivision',
] as const;
type CsvColumn = (typeof ENGINEER_CSV_COLUMNS)[number];
const OPTIONAL_COLUMNS: readonly CsvColumn[] = ['leadCapable', 'country', 'subdivision'];

export const MAX_IMPORT_ROWS = 5000;

export interface CsvRowError extends DomainErrorDetail {
  line: number;
  column?: string;
}

export interface ParsedCsvRow {
  line: number;
  input: EngineerInput;
}

export function engineersToCsv(engineers: readonly EngineerView[]): string {
  const rows = engineers.map((e) => [
    e.name,
    e.email,
    e.level,
    e.region,
    e.timezone,
    e.weeklyCapacityHours,
    e.utilizationTarget,
    e.maxUtilization,
    e.travelLimit,
    e.clearance,
    e.billable,
    e.active,
    formatSkillList(e.skills),
    e.leadCapable,
    e.country ?? '',
    e.subdivision ?? '',
  ]);
  return toCsv(ENGINEER_CSV_COLUMNS, rows);
}

function rowError(line: number, column: string | undefined, rule: string, message: string): CsvRowError {
  return { line, ...(column ? { column, field: `line ${line}: ${column}` } : { field: `line ${line}` }), rule, message };
}

function numberCell(value: string, line: number, column: CsvColumn, errors: CsvRowError[]): number | undefined {
  if (value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) {
    errors.push(rowError(line, column, 'isNumber', `${column} must be a number, got "${value}"`));
    return undefined;
  }
  return n;
}

function booleanCell(value: string, line: number, column: CsvColumn, errors: CsvRowError[]): boolean | undefined {
  if (value === '') return undefined;
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  errors.push(rowError(line, column, 'isBoolean', `${column} must be true or false, got "${value}"`));
  return undefined;
}

/**
 * Parses the CSV into engineer inputs with their line numbers; shape problems (header, numbers,
 * booleans, skill syntax) come back per line and column. Semantic checks happen on the inputs.
 */
export function parseEngineerCsv(text: string): { rows: ParsedCsvRow[]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With info: true each record comes with its line number; the typings do not model that option.
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { rows: [], errors: [rowError(line, undefined, 'isCsv', `not valid CSV: ${message}`)] };
  }
  if (records.length === 0) return { rows: [], errors: [rowError(1, undefined, 'hasHeader', 'the CSV is empty; expected a header row')] };
  const header = records[0].record;
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!(ENGINEER_CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push(rowError(1, name, 'knownColumn', `unknown column "${name}"; expected ${ENGINEER_CSV_COLUMNS.join(',')}`));
    } else if (index.has(name)) {
      errors.push(rowError(1, name, 'uniqueColumn', `column "${name}" appears twice`));
    } else {
      index.set(name, i);
    }
  });
  for (const column of ENGINEER_CSV_COLUMNS) {
    if (!index.has(column) && !OPTIONAL_COLUMNS.includes(column)) errors.push(rowError(1, column, 'requiredColumn', `missing column "${column}"`));
  }
  if (errors.length > 0) return { rows: [], errors };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return { rows: [], errors: [rowError(1, undefined, `max: ${MAX_IMPORT_ROWS} rows`, `at most ${MAX_IMPORT_ROWS} rows per import`)] };
  }
  const rows: ParsedCsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const rowErrors: CsvRowError[] = [];
    if (record.length !== header.length) {
      errors.push(rowError(line, undefined, 'columnCount', `expected ${header.length} fields, got ${record.length}`));
      continue;
    }
    const cell = (column: CsvColumn): string => {
      const i = index.get(column);
      return i === undefined ? '' : restoreCsvText(record[i] ?? '');
    };
    const skills = parseSkillList(cell('skills'), 'skills');
    rowErrors.push(...skills.problems.map((p) => rowError(line, 'skills', p.rule, p.message)));
    const input: EngineerInput = {
      name: cell('name'),
      email: cell('email'),
      level: cell('level') as Level,
      region: cell('region'),
      timezone: cell('timezone'),
      weeklyCapacityHours: numberCell(cell('weeklyCapacityHours'), line, 'weeklyCapacityHours', rowErrors),
      utilizationTarget: numberCell(cell('utilizationTarget'), line, 'utilizationTarget', rowErrors),
      maxUtilization: numberCell(cell('maxUtilization'), line, 'maxUtilization', rowErrors),
      travelLimit: numberCell(cell('travelLimit'), line, 'travelLimit', rowErrors),
      clearance: cell('clearance') === '' ? null : (cell('clearance') as ClearanceLevel),
      billable: booleanCell(cell('billable'), line, 'billable', rowErrors),
      active: booleanCell(cell('active'), line, 'active', rowErrors),
      leadCapable: booleanCell(cell('leadCapable'), line, 'leadCapable', rowErrors),
      skills: skills.skills,
      // Absent column: keep what is stored; an empty cell clears it.
      country: index.has('country') ? cell('country') || null : undefined,
      subdivision: index.has('subdivision') ? cell('subdivision') || null : undefined,
    };
    errors.push(...rowErrors);
    rows.push({ line, input });
  }
  return { rows, errors };
}

/** Re-labels a field-level detail (from validateEngineer) as a CSV line/column error. */
export function toCsvError(line: number, detail: DomainErrorDetail): CsvRowError {
  const column = (detail.field ?? '').replace(/\[\d+\].*$/, '').replace(/\..*$/, '') || undefined;
  return rowError(line, column, detail.rule, detail.message);
}
