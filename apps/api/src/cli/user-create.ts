import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppConfig, ConfigModule, EnvironmentError } from '@sow/config';
import { UsersService } from '@sow/core';
import { DomainError, USER_ROLES, UserRole } from '@sow/domain';
import { openDatabase, PersistenceModule } from '@sow/persistence';

const USAGE = `Usage: npm run user:create -- --email <email> --password <password> --role <${USER_ROLES.join('|')}> [--engineer-id <uuid>]
Uses DATABASE_URL, or the embedded database under DATA_DIR (stop the api first: PGlite has one owner).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      'engineer-id': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.email || !values.password || !values.role) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!(USER_ROLES as readonly string[]).includes(values.role)) {
    process.stderr.write(`--role must be one of: ${USER_ROLES.join(', ')}\n`);
    return 2;
  }
  const database = await openDatabase(AppConfig.fromProcessEnv().with({ migrateOnStart: true }));
  @Module({ imports: [ConfigModule.forRoot(database.config), PersistenceModule.forRoot()], providers: [UsersService] })
  class UserCliModule {}
  const app = await NestFactory.createApplicationContext(UserCliModule, { logger: ['error', 'warn'] });
  try {
    const user = await app.get(UsersService).create({
      email: values.email,
      password: values.password,
      role: values.role as UserRole,
      engineerId: values['engineer-id'] ?? null,
    });
    process.stdout.write(`${JSON.stringify(user)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof EnvironmentError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
