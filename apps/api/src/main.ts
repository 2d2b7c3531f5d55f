import 'reflect-metadata';
// First: starts the database while the modules below load.
import { earlyDatabase } from './database-first';
import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@sow/config';
import { DEMO_PASSWORD, DEMO_USERS, DemoPipelineService, DemoSeedResult, DemoSeedService, formatDemoHints, UsersService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { openDatabase } from '@sow/persistence';
import { AppModule } from './app.module';
import { runClusterPrimary } from './cluster';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  const config = AppConfig.fromProcessEnvOrExit();
  if (config.apiWorkers > 1 && cluster.isPrimary) return runClusterPrimary(config);
  const database = await (earlyDatabase ?? openDatabase(config));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(database.config), { bufferLogs: true });
  configureApp(app, database.config);
  const logger = app.get(Logger);
  const demo = config.seedDemo === 'auto' ? await seedDemo(app, database.config, logger) : null;

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: closing`);
    try {
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(`Database: ${database.description}`);
  logger.log(
    `Queue backend: ${database.config.queueBackend === 'redis' ? 'Redis' : 'BullMQ PostgreSQL backend on the same database'}; ` +
      `processors ${database.config.runProcessorsInApi ? 'run in this process' : 'run in the worker process'}`,
  );
  if (config.jwtSecretGenerated) logger.warn('JWT_SECRET is not set: generated a random one for this process (tokens end with it)');
  logger.log(`SOW Planner api listening on ${url} — API under ${url}/api/v1, docs at ${url}/docs, health at ${url}/health`);
  if (config.bootstrapAdmin && config.nodeEnv === 'development') {
    logger.log(`First admin (empty database only): ${config.bootstrapAdmin.email}`);
  }
  if (demo?.outcome === 'created') {
    // One log entry, so it lands after the start-up lines (the pretty printer writes asynchronously).
    logger.log(`${formatDemoHints(url, demo)}(SEED_DEMO=never turns the demo off.)`);
  } else if (demo) {
    const em = DEMO_USERS.find((u) => u.role === 'engagement_manager');
    logger.log(`Demo organisation present: sign in as ${em?.email ?? DEMO_USERS[0].email} (password ${DEMO_PASSWORD}); README.md has a ten-minute walk-through`);
  }
}

/**
 * Seeds the demo on a database with no engineers and no SOWs, before the processors start, so the
 * outbox relay turns all its triggers into one plan. Returns `existing` when an earlier run seeded it,
 * null when the database holds other data.
 */
async function seedDemo(app: NestExpressApplication, config: AppConfig, logger: Logger): Promise<DemoSeedResult | null> {
  const seeder = app.get(DemoSeedService);
  try {
    if ((await seeder.state()) === 'complete') return { outcome: 'existing', logins: DemoSeedService.logins() };
    // The first admin is made when the users table is empty, so before the demo adds its logins.
    await app.get(UsersService).ensureBootstrapAdmin(config.bootstrapAdmin);
    const seeded = await seeder.seedIfEmpty();
    // The pipeline scenario the demo's hiring plan runs on (scenarios feature, its own module).
    if (seeded) await app.get(DemoPipelineService).seed();
    return seeded;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    logger.warn(`Demo organisation not seeded: ${error.message}`);
    return null;
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
