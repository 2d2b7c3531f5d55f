import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@sow/config';
import { AppModule } from '../app.module';
import { setApiPrefix } from '../configure-app';
import { buildOpenApiDocument } from '../openapi';

/**
 * Writes the OpenAPI document to docs/openapi.json (`npm run openapi:export`), or with `--check` fails
 * when the committed file differs from what the code describes (`npm run openapi:check`, part of npm test).
 * The app is built in preview mode: modules and routes are scanned, nothing connects to a database or Redis.
 */
export const OPENAPI_FILE = join(__dirname, '../../../../docs/openapi.json');

export async function renderOpenApiJson(): Promise<string> {
  // Placeholders only: preview mode instantiates no provider, so these are never dialled.
  const config = AppConfig.fromEnv({ DATABASE_URL: 'postgres://openapi-export.invalid/none', REDIS_URL: 'redis://openapi-export.invalid:6379', JWT_SECRET: 'openapi-export-'.repeat(3), LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.register(config), { preview: true, logger: false, abortOnError: false });
  try {
    setApiPrefix(app);
    return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

function readCommitted(): string | undefined {
  try {
    return readFileSync(OPENAPI_FILE, 'utf8');
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const json = await renderOpenApiJson();
  const shown = relative(process.cwd(), OPENAPI_FILE);
  if (process.argv.includes('--check')) {
    if (readCommitted() !== json) {
      process.stderr.write(`${shown} is stale: the controllers and DTOs describe another contract. Run npm run openapi:export and commit the file.\n`);
      process.exit(1);
    }
    process.stdout.write(`${shown} is up to date\n`);
    return;
  }
  writeFileSync(OPENAPI_FILE, json);
  process.stdout.write(`Wrote ${shown}\n`);
}

if (require.main === module) void main();
