import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AppConfig } from '@sow/config';
import { UsersModule, UsersService } from '@sow/core';
import { USER_ROLES, UserRole } from '@sow/domain';
import { runCli, withCliContext } from './cli-context';

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
  const command = { email: values.email, password: values.password, role: values.role as UserRole, engineerId: values['engineer-id'] ?? null };
  return withCliContext(AppConfig.fromProcessEnv(), [UsersModule], async (app) => {
    const user = await app.get(UsersService).create(command);
    process.stdout.write(`${JSON.stringify(user)}\n`);
    return 0;
  });
}

runCli(main);
