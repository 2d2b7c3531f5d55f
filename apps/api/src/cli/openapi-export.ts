import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@sow/config';
import { AppModule } from '../app.module';
import { API_PREFIX } from '../configure-app';
import { buildOpenApiDocument } from '../openapi';
import { runCli } from './cli-context';

/**
 * Writes docs/openapi.json: the document /docs-json serves, built from the controllers in preview mode
 * (no provider is instantiated, so no database, Redis or server is needed). With `--check` it writes
 * nothing and exits 1 when the committed file differs (CI: regenerate with npm run openapi:export).
 */
async function main(): Promise<number> {
  const config = AppConfig.fromEnv({}).with({ databaseUrl: 'postgres://unused@127.0.0.1:1/unused', runProcessorsInApi: false });
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  const target = join(__dirname, '../../../../docs/openapi.json');
  const text = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (process.argv.includes('--check')) {
    if (existsSync(target) && readFileSync(target, 'utf8') === text) return 0;
    process.stderr.write(`${target} is stale: run npm run openapi:export && npm run web:api\n`);
    return 1;
  }
  writeFileSync(target, text);
  process.stdout.write(`Wrote ${target}\n`);
  return 0;
}

runCli(main);
