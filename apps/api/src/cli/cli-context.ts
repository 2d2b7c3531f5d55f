import { DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule, EnvironmentError } from '@sow/config';
import { DomainError } from '@sow/domain';
import { DatabaseRuntime, openDatabase, PersistenceModule } from '@sow/persistence';

/**
 * Runs a command-line task inside a small Nest context: the configured (or embedded) database, migrated,
 * and only the feature modules the task needs (no queues, no HTTP). A DomainError is the task's refusal:
 * printed, exit code 1. The context and the database are closed whatever happens.
 */
export async function withCliContext(
  config: AppConfig,
  features: Array<Type | DynamicModule>,
  task: (app: INestApplicationContext, database: DatabaseRuntime) => Promise<number>,
): Promise<number> {
  const database = await openDatabase(config.with({ migrateOnStart: true }));
  @Module({ imports: [ConfigModule.forRoot(database.config), PersistenceModule.forRoot(), ...features] })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await task(app, database);
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n${error.details?.length ? `${JSON.stringify(error.details, null, 2)}\n` : ''}`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
    await database.close();
  }
}

/** Runs main and exits with its code; a bad environment or a crash is printed and exits 1. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof EnvironmentError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
