import { AppConfig } from './app-config';
import { EnvironmentError, validateEnvironment } from './environment';

function problems(raw: Record<string, string>): string[] {
  try {
    validateEnvironment(raw);
    return [];
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
}

describe('validateEnvironment', () => {
  it('applies defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', BODY_LIMIT_KB: 1024 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(AppConfig.fromEnv({ SOLVER_THREADS: '2' }).solverThreads).toBe(2);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc"'],
    [{ PORT: '70000' }, 'PORT=70000'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL="chatty"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV="staging"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL must be a redis'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ RUN_PROCESSORS_IN_API: 'maybe' }, 'RUN_PROCESSORS_IN_API="maybe"'],
    [{ QUEUE_PREFIX: 'has space' }, 'QUEUE_PREFIX must be'],
    [{ ADMIN_EMAIL: 'a@b.c' }, 'ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET: required when NODE_ENV=production'],
    [{ API_WORKERS: '0' }, 'API_WORKERS'],
    [{ SOLVER_THREADS: '0' }, 'SOLVER_THREADS=0'],
    [{ SOLVER_THREADS: '9' }, 'SOLVER_THREADS=9'],
    [{ API_WORKERS: '2' }, 'API_WORKERS: must be 1 on the embedded database'],
  ])('names the variable at fault: %j', (raw, expected) => {
    const found = problems(raw);
    expect(found.join('\n')).toContain(expected);
  });

  it('never echoes a secret value', () => {
    expect(problems({ JWT_SECRET: 'tiny-secret' }).join('\n')).not.toContain('tiny-secret');
  });

  it('treats an empty string as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '', REDIS_URL: ' ' }).DATABASE_URL).toBeUndefined();
  });
});

describe('AppConfig', () => {
  it('runs embedded with the PostgreSQL queue backend and in-process processors by default', () => {
    const config = AppConfig.fromEnv({});
    expect(config).toMatchObject({
      databaseMode: 'embedded',
      queueBackend: 'postgres',
      runProcessorsInApi: true,
      migrateOnStart: true,
      jwtSecretGenerated: true,
      logPretty: true,
    });
    expect(config.bootstrapAdmin?.email).toBe('admin@sow.local');
  });

  it('uses real servers as separate processes when both URLs are set', () => {
    const config = AppConfig.fromEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/sow',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: 'x'.repeat(40),
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config).toMatchObject({
      databaseMode: 'external',
      queueBackend: 'redis',
      runProcessorsInApi: false,
      migrateOnStart: false,
      jwtSecretGenerated: false,
      logPretty: false,
      bootstrapAdmin: undefined,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('keeps the embedded mode when the embedded URL is filled in', () => {
    const config = AppConfig.fromEnv({}).with({ databaseUrl: 'postgres://postgres@127.0.0.1:1234/postgres' });
    expect(config.databaseMode).toBe('embedded');
    expect(config.databaseUrl).toContain('1234');
    expect(config).toBeInstanceOf(AppConfig);
  });
});

describe('SEED_DEMO', () => {
  it('defaults to auto only in development on the embedded database', () => {
    expect(AppConfig.fromEnv({}).seedDemo).toBe('auto');
    expect(AppConfig.fromEnv({ DATABASE_URL: 'postgres://localhost/sow' }).seedDemo).toBe('never');
    expect(AppConfig.fromEnv({ NODE_ENV: 'test' }).seedDemo).toBe('never');
    expect(AppConfig.fromEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).seedDemo).toBe('never');
  });

  it('follows an explicit setting', () => {
    expect(AppConfig.fromEnv({ SEED_DEMO: 'never' }).seedDemo).toBe('never');
    expect(AppConfig.fromEnv({ NODE_ENV: 'test', DATABASE_URL: 'postgres://localhost/sow', SEED_DEMO: 'auto' }).seedDemo).toBe('auto');
  });

  it('names the variable at fault, and refuses the demo in production', () => {
    expect(problems({ SEED_DEMO: 'sometimes' }).join('\n')).toContain('SEED_DEMO="sometimes"');
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), SEED_DEMO: 'auto' }).join('\n')).toContain('SEED_DEMO=auto: not allowed when NODE_ENV=production');
  });
});
