import { randomBytes } from 'node:crypto';
import { Environment, EnvironmentError, NodeEnv, LogLevel, SeedDemoMode, validateEnvironment } from './environment';

/** The first admin of a development database when ADMIN_EMAIL/ADMIN_PASSWORD are not set. */
export const DEVELOPMENT_ADMIN = { email: 'admin@sow.local', password: 'admin-change-me' } as const;

export type DatabaseMode = 'external' | 'embedded';
export type QueueBackend = 'redis' | 'postgres';

/**
 * The validated, derived configuration of one process. Built once from the environment at boot
 * (`AppConfig.fromProcessEnv()`), then injected; no other code reads process.env.
 */
export class AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  /** `external` when DATABASE_URL is set, else the embedded PGlite database. */
  readonly databaseMode: DatabaseMode;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly queueBackend: QueueBackend;
  readonly queuePrefix: string;
  readonly dataDir: string;
  readonly embeddedDbPort: number;
  readonly runProcessorsInApi: boolean;
  readonly migrateOnStart: boolean;
  readonly jwtSecret: string;
  /** True when JWT_SECRET was not given and a random one was made for this process (development only). */
  readonly jwtSecretGenerated: boolean;
  readonly jwtExpiresInSeconds: number;
  readonly logLevel: LogLevel;
  readonly logPretty: boolean;
  readonly corsOrigins: string[];
  readonly bodyLimitKb: number;
  readonly bootstrapAdmin: { email: string; password: string } | undefined;
  readonly dbPoolSize: number;
  readonly dbStatementTimeoutMs: number;
  readonly workerConcurrency: number;
  /** Threads one plan solve may use (SOLVER_THREADS). */
  readonly solverThreads: number;
  /** HTTP processes of the api (node:cluster); 1 = no cluster. */
  readonly apiWorkers: number;
  /** Wall-clock budget of compiling one plan's model (main thread), in ms. */
  readonly planCompileBudgetMs: number;
  /** Failed sign-ins per email and address before 429 (0 = unlimited), remembered for loginFailureWindowSeconds. */
  readonly loginMaxFailures: number;
  readonly loginFailureWindowSeconds: number;
  /** `auto`: the api seeds the demo organisation on an empty database at start (see SEED_DEMO). */
  readonly seedDemo: SeedDemoMode;
  /** Addresses, CIDR ranges or host names webhook endpoints may reach although private (WEBHOOK_ALLOWED_HOSTS). */
  readonly webhookAllowedHosts: string[];
  /** Multiplier of the webhook retry schedule (WEBHOOK_RETRY_SCALE; 1 in production). */
  readonly webhookRetryScale: number;
  readonly webhookTimeoutMs: number;

  constructor(env: Environment) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.databaseUrl = env.DATABASE_URL;
    this.databaseMode = env.DATABASE_URL ? 'external' : 'embedded';
    this.redisUrl = env.REDIS_URL;
    this.queueBackend = env.REDIS_URL ? 'redis' : 'postgres';
    this.queuePrefix = env.QUEUE_PREFIX;
    this.dataDir = env.DATA_DIR;
    this.embeddedDbPort = env.EMBEDDED_DB_PORT;
    this.runProcessorsInApi = env.RUN_PROCESSORS_IN_API ?? this.queueBackend === 'postgres';
    this.migrateOnStart = env.MIGRATE_ON_START ?? this.databaseMode === 'embedded';
    this.jwtSecretGenerated = !env.JWT_SECRET;
    this.jwtSecret = env.JWT_SECRET ?? randomBytes(48).toString('base64url');
    this.jwtExpiresInSeconds = env.JWT_EXPIRES_IN_SECONDS;
    this.logLevel = env.LOG_LEVEL;
    this.logPretty = env.LOG_PRETTY ?? env.NODE_ENV === 'development';
    this.corsOrigins = (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0);
    this.bodyLimitKb = env.BODY_LIMIT_KB;
    this.bootstrapAdmin =
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
        : env.NODE_ENV === 'development'
          ? DEVELOPMENT_ADMIN
          : undefined;
    this.dbPoolSize = env.DB_POOL_SIZE;
    this.dbStatementTimeoutMs = env.DB_STATEMENT_TIMEOUT_MS;
    this.workerConcurrency = env.WORKER_CONCURRENCY;
    this.solverThreads = env.SOLVER_THREADS;
    this.apiWorkers = env.API_WORKERS;
    this.planCompileBudgetMs = env.PLAN_COMPILE_BUDGET_MS;
    this.loginMaxFailures = env.LOGIN_MAX_FAILURES;
    this.loginFailureWindowSeconds = env.LOGIN_FAILURE_WINDOW_SECONDS;
    this.webhookAllowedHosts = (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h.length > 0);
    this.webhookRetryScale = env.WEBHOOK_RETRY_SCALE;
    this.webhookTimeoutMs = env.WEBHOOK_TIMEOUT_MS;
    this.seedDemo = env.SEED_DEMO ?? (env.NODE_ENV === 'development' && this.databaseMode === 'embedded' ? 'auto' : 'never');
  }

  static fromEnv(raw: Record<string, string | undefined>): AppConfig {
    return new AppConfig(validateEnvironment(raw));
  }

  /** The one place that reads the process environment. */
  static fromProcessEnv(): AppConfig {
    return AppConfig.fromEnv(process.env);
  }

  /** For an app's main: a bad environment is printed (the variable and the rule) and the process exits 1. */
  static fromProcessEnvOrExit(): AppConfig {
    try {
      return AppConfig.fromProcessEnv();
    } catch (error) {
      if (error instanceof EnvironmentError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
  }

  /** A copy with some settings replaced (tests, and the embedded database URL once it is known). */
  with(overrides: Partial<Pick<AppConfig, 'databaseUrl' | 'port' | 'runProcessorsInApi' | 'migrateOnStart'>>): AppConfig {
    return Object.assign(Object.create(AppConfig.prototype) as AppConfig, this, overrides);
  }
}
