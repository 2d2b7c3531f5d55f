import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { AppConfig } from '@sow/config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
/** Query parameters whose values are credentials: logged as [redacted]. */
const SECRET_QUERY = /([?&](?:token|access_token|id_token|refresh_token|password|secret|api_key|apikey|key|code)=)[^&#]*/gi;

/** The request URL as logged: calendar feed secrets in the path and credential query values removed. */
export function redactUrl(url: string): string {
  return url.replace(/\/calendar\/[^/?]+/, '/calendar/[redacted]').replace(SECRET_QUERY, '$1[redacted]');
}

/** Structured JSON logs with a request id on every line of a request; pretty in development. */
export function loggerParams(config: AppConfig): Params {
  return {
    // Nest 11's router wants named wildcards; the library's default '*' logs a conversion warning.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true, colorize: true } } : undefined,
      genReqId: (req: IncomingMessage, res: ServerResponse): string => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customProps: () => ({ service: 'api' }),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.query.token'],
        censor: '[redacted]',
      },
      serializers: {
        // Calendar feed URLs carry a secret token in the path; never log it.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  };
}
