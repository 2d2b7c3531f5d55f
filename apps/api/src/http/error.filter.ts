import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorDetail } from '@sow/domain';
import { ErrorBody } from './error-body';
import { CODE_OF_STATUS, STATUS_OF_CODE } from './error-codes';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && 'type' in e && typeof (e as BodyParserError).type === 'string';
}

/** An error body, or (for readiness) terminus's per-dependency report with a status code. */
type ResponseBody = ErrorBody | (Record<string, unknown> & { statusCode: number });

/** Postgres SQLSTATEs that are the client's fault, reached only when a service let one through. */
const PG_CLIENT_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  '23505': { status: 409, code: 'conflict', message: 'A record with the same unique value already exists' },
  '23503': { status: 409, code: 'conflict', message: 'A referenced record does not exist or is still referenced' },
  '22P02': { status: 400, code: 'validation_failed', message: 'A value has the wrong format' },
  '22001': { status: 400, code: 'validation_failed', message: 'A value is too long' },
  '22003': { status: 400, code: 'validation_failed', message: 'A number is out of range' },
  '22007': { status: 400, code: 'validation_failed', message: 'A date or time is invalid' },
  '22008': { status: 400, code: 'validation_failed', message: 'A date or time is out of range' },
};

/** SQLSTATE classes and driver messages that mean the database connection went away, not that the request was wrong. */
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const DRIVER_UNAVAILABLE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET|Client has encountered a connection error|terminating connection/i;

function isDatabaseUnavailable(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  const code = (exception as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (exception as { code?: unknown }).code;
  if (typeof code === 'string' && PG_UNAVAILABLE_CODES.has(code)) return true;
  // TypeORM releases a transaction's runner when its connection dies; the transaction's next statement then fails with this.
  if (exception.name === 'QueryRunnerAlreadyReleasedError') return true;
  return DRIVER_UNAVAILABLE.test(exception.message);
}

/**
 * Maps every error to `{ statusCode, code, message, details? }`. Domain errors by code, framework
 * errors by status; anything else is a 500 with an error id that is logged, never a stack trace.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    // A route may have set its own Content-Type (CSV, calendar) or an attachment name before failing.
    response.removeHeader('Content-Disposition');
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '1');
    response.status(body.statusCode).type('application/json').json(body);
  }

  private toBody(exception: unknown, request: Request): ResponseBody {
    if (exception instanceof DomainError) {
      return this.body(STATUS_OF_CODE[exception.code], exception.code, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response && typeof response.message === 'string'
          ? response.message
          : exception.message;
      // Readiness (terminus): 503 with the per-dependency report is the answer, not an error to hide.
      if (status === HttpStatus.SERVICE_UNAVAILABLE && typeof response === 'object' && response !== null && 'details' in response) {
        return { statusCode: status, code: 'unavailable', message: 'A dependency is down', ...(response as Record<string, unknown>) };
      }
      if (status >= 500) return this.internal(exception, request);
      return this.body(status, CODE_OF_STATUS[status] ?? 'error', message);
    }
    if (isBodyParserError(exception)) {
      if (exception.type === 'entity.too.large') {
        return this.body(413, 'payload_too_large', 'The request body is larger than the limit');
      }
      if (exception.type === 'entity.too.deep') {
        return this.body(400, 'bad_request', exception.message ?? 'The JSON body is nested too deeply');
      }
      if (exception.type === 'entity.parse.failed') {
        return this.body(400, 'bad_request', 'The request body is not valid JSON');
      }
      if (exception.status && exception.status >= 400 && exception.status < 500) {
        return this.body(exception.status, CODE_OF_STATUS[exception.status] ?? 'bad_request', exception.message ?? 'Bad request');
      }
    }
    if (isDatabaseUnavailable(exception)) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      // An error id, as on a 500: a client quoting it finds the lost connection in the log.
      const errorId = randomUUID();
      this.logger.warn({ errorId, method: request.method, path: request.path, err: { message: err.message } }, `A backing service connection was lost during a request (${errorId})`);
      return { ...this.body(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'A backing service is unavailable; retry shortly'), errorId };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      const mapped = code ? PG_CLIENT_ERRORS[code] : undefined;
      if (mapped) return this.body(mapped.status, mapped.code, mapped.message);
    }
    return this.internal(exception, request);
  }

  private internal(exception: unknown, request: Request): ErrorBody {
    const errorId = randomUUID();
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, method: request.method, path: request.path, err }, `Unhandled error ${errorId}`);
    return { ...this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'internal_error', 'Internal server error'), errorId };
  }

  private body(statusCode: number, code: string, message: string, details?: readonly DomainErrorDetail[]): ErrorBody {
    return details && details.length > 0 ? { statusCode, code, message, details: [...details] } : { statusCode, code, message };
  }
}
