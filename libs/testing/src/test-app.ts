import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig } from '@sow/config';
import { UsersService } from '@sow/core';
import { UserRole } from '@sow/domain';
import { JobProducer, QueueName } from '@sow/jobs';
import { drainQueue } from './queue-drain';
import { countRows, fingerprintRows, resetDatabase } from './database';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env';

export interface TestAppOptions {
  /** Host the queue processors in the api process (default false: background jobs would change row counts mid-test). */
  runProcessors?: boolean;
  /** Extra environment variables for AppConfig. */
  env?: Record<string, string>;
  /** Serve a built web console from this directory (default: none, the api alone). */
  webConsoleDir?: string;
}

export const TEST_PASSWORD = 'correct-horse-battery-staple';

/** The api under test: its root module and its HTTP set-up (prefix, pipes, console), as main.ts applies them. */
export interface AppUnderTest {
  module(config: AppConfig): DynamicModule;
  configure(app: NestExpressApplication, config: AppConfig, webConsoleDir: string | null): void;
}

let appUnderTest: AppUnderTest | undefined;

/**
 * A library never imports an app, so the app is handed in: the e2e project's setup file
 * (test/setup-app.ts, in jest.config.js) registers apps/api before any test file runs.
 */
export function registerAppUnderTest(app: AppUnderTest): void {
  appUnderTest = app;
}

/**
 * The real api (and, by default, its processors) on the e2e PostgreSQL database and real Redis,
 * with a queue prefix of its own so test files never see each other's jobs.
 */
export class TestApp {
  readonly http: ReturnType<typeof request>;
  private readonly tokens = new Map<string, string>();

  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
  ) {
    this.http = request(app.getHttpServer());
  }

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const config = AppConfig.fromEnv({
      NODE_ENV: 'test',
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      QUEUE_PREFIX: `e2e-${randomUUID().slice(0, 8)}`,
      RUN_PROCESSORS_IN_API: String(options.runProcessors ?? false),
      MIGRATE_ON_START: 'false',
      ...options.env,
    });
    if (!appUnderTest) throw new Error('No app under test: the e2e jest project registers apps/api in test/setup-app.ts');
    const app = await NestFactory.create<NestExpressApplication>(appUnderTest.module(config), { bufferLogs: true, abortOnError: false });
    appUnderTest.configure(app, config, options.webConsoleDir ?? null);
    await app.init();
    return new TestApp(app, config);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  queue(name: QueueName) {
    return this.app.get(JobProducer).queue(name);
  }

  async drain(name: QueueName, timeoutMs?: number): Promise<void> {
    await drainQueue(this.queue(name), timeoutMs);
  }

  /** Truncates everything but reference data; forgets cached tokens. */
  async reset(): Promise<void> {
    this.tokens.clear();
    await resetDatabase(this.dataSource);
  }

  countRows(): Promise<Record<string, number>> {
    return countRows(this.dataSource);
  }

  fingerprintRows(): Promise<Record<string, string>> {
    return fingerprintRows(this.dataSource);
  }

  /** Creates (once) a user with this role and returns a bearer token for it. */
  async tokenFor(role: UserRole, options: { email?: string; engineerId?: string } = {}): Promise<string> {
    const email = options.email ?? `${role.replace(/_/g, '-')}@e2e.test`;
    const cached = this.tokens.get(email);
    if (cached) return cached;
    const users = this.app.get(UsersService);
    try {
      await users.create({ email, password: TEST_PASSWORD, role, engineerId: options.engineerId ?? null });
    } catch {
      // already exists from an earlier call in this file
    }
    const res = await this.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const token = (res.body as { accessToken: string }).accessToken;
    this.tokens.set(email, token);
    return token;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}
