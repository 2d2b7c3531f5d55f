import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@sow/config';
import { StaffingProcessor } from '@sow/processors';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = AppConfig.fromProcessEnvOrExit();
  if (config.databaseMode === 'embedded') {
    process.stderr.write(
      'The worker needs DATABASE_URL: the embedded database lives inside the api process, which then runs the processors itself.\n',
    );
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  stopOnSignals(app, logger);
  logger.log(
    `SOW Planner worker ${process.pid} consuming queues with prefix "${config.queuePrefix}" on ` +
      `${config.queueBackend === 'redis' ? 'Redis' : 'the BullMQ PostgreSQL backend'}`,
  );
}

/** Exits within this much of SIGTERM whatever happens (orchestrators usually kill after 10-30 s). */
const SHUTDOWN_DEADLINE_MS = 8_000;

/**
 * SIGTERM/SIGINT: stop taking jobs, hand running plans straight back to the queue (another worker
 * starts them at once instead of after the lock expires), let short jobs finish, and exit within
 * SHUTDOWN_DEADLINE_MS. Nest's own shutdown hooks would wait for a 10-minute solve to end.
 */
function stopOnSignals(app: INestApplicationContext, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      const released = await app.get(StaffingProcessor).releaseActive();
      logger.log(`${signal}: stopped taking jobs${released.length > 0 ? `; released plan(s) ${released.join(', ')} to another worker` : ''}`);
      await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DEADLINE_MS - 1_000).unref())]);
    } catch (error) {
      logger.error(`${signal}: shutdown failed: ${String(error)}`);
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

void main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
