import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the api answers itself: never the console's index.html, so a miss there stays a JSON 404. */
const SERVER_PATHS = /^\/(api|docs|docs-json|health|admin\/queues)(\/|$)/;

/**
 * Where `vite build` writes the console, from apps/api/src/http (ts-node, jest) or dist/apps/api/src/http:
 * a built console, else, in a checkout (apps/web/index.html present), the folder `npm start` is building
 * it into right now (scripts/start.mjs builds it while the api starts).
 */
export function defaultWebConsoleDir(): string | null {
  const candidates = [resolve(__dirname, '../../../web/dist'), resolve(__dirname, '../../../../../apps/web/dist')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates.find((dir) => existsSync(join(dir, '..', 'index.html'))) ?? null;
}

/** Answers a console page while its build is still being written: reloads itself every two seconds. */
const BUILDING_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>SOW Planner</title></head>' +
  '<body><main><h1>SOW Planner</h1><p role="status">The console is being built; this page reloads in a moment.</p></main></body></html>';

/**
 * Serves the built web console at `/`: its hashed assets (cached for a year), and index.html for every
 * other GET that asks for HTML outside the api's own paths, so deep links such as /sows/:id reload.
 * While the build is being written (npm start on a fresh clone) those pages answer 503 with a page that
 * reloads itself. Without a build or a checkout to build it in (api-only deployments) nothing is mounted.
 */
export function mountWebConsole(app: NestExpressApplication, dir: string | null = defaultWebConsoleDir()): boolean {
  if (!dir) return false;
  const index = join(dir, 'index.html');
  let built = existsSync(index);
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '365d', index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || req.path.startsWith('/assets/')) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    built ||= existsSync(index);
    if (!built) {
      res.status(503).setHeader('Retry-After', '2');
      res.type('html').send(BUILDING_PAGE);
      return;
    }
    res.sendFile(index);
  });
  return true;
}
