import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@sow/config';
import { refuseDeepJson } from './http/json-depth';
import { createValidationPipe, WellFormedTextPipe } from './http/validation';
import { mountOpenApi } from './openapi';
import { mountQueueDashboard } from './http/queue-dashboard';
import { answerClientErrorsAsJson } from './http/client-errors';
import { defaultWebConsoleDir, mountWebConsole } from './http/web-console';

export const API_PREFIX = 'api/v1';

/** Routes live under /api/v1, except the health check. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
}

/** Everything main.ts and the e2e tests both apply to the Nest application. */
export function configureApp(app: NestExpressApplication, config: AppConfig, webConsoleDir: string | null = defaultWebConsoleDir()): INestApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } }));
  app.useBodyParser('json', { limit: `${config.bodyLimitKb}kb`, verify: refuseDeepJson });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: `${config.bodyLimitKb}kb` });
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['ETag', 'x-request-id'] });
  setApiPrefix(app);
  app.useGlobalPipes(new WellFormedTextPipe(), createValidationPipe());
  mountOpenApi(app);
  mountQueueDashboard(app);
  mountWebConsole(app, webConsoleDir);
  answerClientErrorsAsJson(app.getHttpServer());
  return app;
}
