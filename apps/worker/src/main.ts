import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, EnvironmentError } from '@sow/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromProcessEnv();
  } catch (error) {
    if (error instanceof EnvironmentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.databaseMode === 'embedded') {
    process.stderr.write(
      'The worker needs DATABASE_URL: the embedded database lives inside the api process, which then runs the processors itself.\n',
    );
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  logger.log(
    `SOW Planner worker ${process.pid} consuming queues with prefix "${config.queuePrefix}" on ` +
      `${config.queueBackend === 'redis' ? 'Redis' : 'the BullMQ PostgreSQL backend'}`,
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
