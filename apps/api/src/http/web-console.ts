import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the api answers itself: never the console's index.html, so a miss there stays a JSON 404. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;

/** Where `vite build` writes the console, from apps/api/src/http (ts-node, jest) or dist/apps/api/src/http. */
export function defaultWebConsoleDir(): string | null {
  const candidates = [resolve(__dirname, '../../../web/dist'), resolve(__dirname, '../../../../../apps/web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built web console at `/`: its hashed assets (cached for a year), and index.html for every
 * other GET that asks for HTML outside the api's own paths, so deep links such as /sows/:id reload.
 * Without a build (api-only deployments) nothing is mounted.
 */
export function mountWebConsole(app: NestExpressApplication, dir: string | null = defaultWebConsoleDir()): boolean {
  if (!dir) return false;
  const index = join(dir, 'index.html');
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d', index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || req.path.startsWith('/assets/')) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
