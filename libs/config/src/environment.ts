import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const SEED_DEMO_MODES = ['auto', 'never'] as const;
export type SeedDemoMode = (typeof SEED_DEMO_MODES)[number];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off', ''].includes(v)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The process environment, validated once at boot. Nothing else in the code base reads process.env.
 * Each property is the variable of the same name.
 */
export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  /** HTTP port of the api. 0 picks a free port (tests). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL URL. Unset: an embedded PostgreSQL (PGlite) persisted under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Redis URL for BullMQ. Unset: BullMQ runs on its PostgreSQL backend and the api runs the processors. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Where the embedded database keeps its files. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** Port of the embedded database's socket (0 = any free port). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_DB_PORT = 0;

  /** Run the queue processors inside the api process. Defaults to true when REDIS_URL is unset. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  RUN_PROCESSORS_IN_API?: boolean;

  /** Run pending migrations when a process starts. Defaults to true on the embedded database. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  /** Prefix of every BullMQ key; lets several deployments (or test runs) share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX = 'sow';

  /** HMAC secret for access tokens; required in production (≥ 32 characters). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Access-token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(60 * 60 * 24 * 30)
  JWT_EXPIRES_IN_SECONDS = 3600;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Human-readable logs instead of JSON; defaults to true in development. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  LOG_PRETTY?: boolean;

  /** Comma-separated list of allowed browser origins; CORS is off when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Largest accepted JSON body, in kilobytes (413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50 * 1024)
  BODY_LIMIT_KB = 1024;

  /** First admin, created when the users table is empty. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(200)
  ADMIN_PASSWORD?: string;

  /** PostgreSQL pool size per process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** Milliseconds before a database statement is cancelled (0 = no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 30000;

  /** Failed sign-ins allowed per email and client address within LOGIN_FAILURE_WINDOW_SECONDS before 429 (0 = no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  LOGIN_MAX_FAILURES = 5;

  /** How long failed sign-ins are remembered, and so how long a locked-out email and address wait. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60 * 60 * 24)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /**
   * `auto`: the api seeds the demo organisation when it starts on a database with no engineers and no SOWs.
   * `never`: it does not. Unset: `auto` in development on the embedded database, else `never`.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(SEED_DEMO_MODES)
  SEED_DEMO?: SeedDemoMode;

  /** Worker concurrency for solver-heavy queues (each job uses one core). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  WORKER_CONCURRENCY = 1;

  /**
   * Threads one plan solve may use (a portfolio of searches in worker threads, libs/optimizer). The api and the
   * worker share the machine, so 1 leaves the other core to the api; see README Configuration for the measured effect.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(8)
  SOLVER_THREADS = 1;

  /** HTTP processes the api runs (node:cluster, one per core is typical); 1 = a single process. External database only. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_WORKERS = 1;

  /** Wall-clock milliseconds a plan's model may take to compile on the worker's main thread; beyond it the plan fails with a reason. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60 * 60 * 1000)
  PLAN_COMPILE_BUDGET_MS = 120_000;

  /**
   * Webhook endpoints that may resolve to loopback, private, link-local or cloud-metadata addresses, which
   * are otherwise refused (SSRF). Comma-separated IPv4/IPv6 addresses or CIDR ranges (e.g. `127.0.0.1,10.1.0.0/16`),
   * or host names; checked when an endpoint is registered and again on every delivery.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9.:/_,\s-]{1,2000}$/, { message: 'WEBHOOK_ALLOWED_HOSTS must be a comma-separated list of addresses, CIDR ranges or host names' })
  WEBHOOK_ALLOWED_HOSTS?: string;

  /**
   * Multiplies the webhook retry schedule (and the one-day "failing" window) — 1 in production; tests and
   * benchmarks shrink it (0.001 turns 5 s into 5 ms).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value))
  @IsNumber({}, { message: 'WEBHOOK_RETRY_SCALE must be a number' })
  @Min(0.00001)
  @Max(1)
  WEBHOOK_RETRY_SCALE = 1;

  /** Milliseconds a webhook receiver has to answer (at most 15 s). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(15_000)
  WEBHOOK_TIMEOUT_MS = 15_000;
}

/** Every variable the processes read; anything else in the environment is ignored. */
export const ENVIRONMENT_VARIABLES: ReadonlyArray<keyof Environment> = [
  'NODE_ENV', 'PORT', 'HOST', 'DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'EMBEDDED_DB_PORT', 'RUN_PROCESSORS_IN_API',
  'MIGRATE_ON_START', 'QUEUE_PREFIX', 'JWT_SECRET', 'JWT_EXPIRES_IN_SECONDS', 'LOG_LEVEL', 'LOG_PRETTY', 'CORS_ORIGINS',
  'BODY_LIMIT_KB', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'DB_POOL_SIZE', 'DB_STATEMENT_TIMEOUT_MS', 'WORKER_CONCURRENCY',
  'LOGIN_MAX_FAILURES', 'LOGIN_FAILURE_WINDOW_SECONDS',
  'SEED_DEMO', 'API_WORKERS', 'SOLVER_THREADS', 'PLAN_COMPILE_BUDGET_MS',
  'WEBHOOK_ALLOWED_HOSTS', 'WEBHOOK_RETRY_SCALE', 'WEBHOOK_TIMEOUT_MS',
];

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => {
    const shown = typeof e.value === 'string' && /SECRET|PASSWORD/.test(e.property) ? '<hidden>' : JSON.stringify(e.value);
    return Object.values(e.constraints ?? {}).map((msg) => `${e.property}=${shown ?? 'undefined'}: ${msg}`);
  });
}

/** Validates raw variables; throws EnvironmentError naming every bad variable. */
export function validateEnvironment(raw: Record<string, string | undefined>): Environment {
  const picked: Record<string, string> = {};
  for (const key of ENVIRONMENT_VARIABLES) {
    const value = raw[key];
    if (value !== undefined) picked[key] = value;
  }
  const env = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  const problems = describe(validateSync(env, { skipMissingProperties: false, whitelist: false }));
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 characters)');
  }
  if (env.API_WORKERS > 1 && !env.DATABASE_URL) {
    problems.push('API_WORKERS: must be 1 on the embedded database (PGlite serves one process); set DATABASE_URL to run several');
  }
  if (env.NODE_ENV === 'production' && env.SEED_DEMO === 'auto') {
    problems.push('SEED_DEMO=auto: not allowed when NODE_ENV=production (the demo users have published passwords)');
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) throw new EnvironmentError(problems);
  return env;
}
