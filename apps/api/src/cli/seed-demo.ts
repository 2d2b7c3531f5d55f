import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AppConfig } from '@sow/config';
import { DemoModule, DemoPipelineModule, DemoPipelineService, DemoSeedService, formatDemoHints, UsersModule, UsersService } from '@sow/core';
import { runCli, withCliContext } from './cli-context';

const USAGE = `Usage: npm run seed:demo [-- --today YYYY-MM-DD]
Builds the demo PS organisation (engineers, customers, SOWs in every state, assignments, time off, logins).
Running it again changes nothing and prints the logins. Uses DATABASE_URL, or the embedded database under
DATA_DIR (stop the api first: PGlite has one owner).`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { today: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    process.stderr.write('--today must be a date YYYY-MM-DD\n');
    return 2;
  }
  const config = AppConfig.fromProcessEnv();
  // The seed's feature only: no queues (its triggers wait in the outbox for the api or worker to relay).
  return withCliContext(config, [DemoModule, UsersModule, DemoPipelineModule], async (app, database) => {
    process.stdout.write(`Demo organisation on ${database.description}…\n`);
    // As the api would on start: the first admin comes with an empty users table, so before the demo's logins.
    await app.get(UsersService).ensureBootstrapAdmin(database.config.bootstrapAdmin);
    const result = await app.get(DemoSeedService).seed({ today: values.today });
    await app.get(DemoPipelineService).seed({ today: values.today });
    process.stdout.write(`${formatDemoHints(`http://localhost:${config.port}`, result)}\n`);
    if (result.outcome === 'created') process.stdout.write('Start the api (npm start) to see it; it turns the approvals into a staffing plan to review.\n');
    return 0;
  });
}

runCli(main);
