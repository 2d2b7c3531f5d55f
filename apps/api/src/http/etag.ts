import { applyDecorators, CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { DomainError } from '@sow/domain';

const ETAG_PATTERN = /^(?:W\/)?"?(\d{1,10})"?$/;

/** `"3"`, `W/"3"` or `3` → 3; absent or `*` → undefined (no precondition); anything else is a 400. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '' || value.trim() === '*') return undefined;
  const match = ETAG_PATTERN.exec(value.trim());
  if (!match) {
    throw new DomainError('validation_failed', 'If-Match must be an ETag from a previous response, e.g. "3"', [
      { field: 'If-Match', rule: 'isEtag', message: `If-Match ${value} is not a version ETag` },
    ]);
  }
  return Number(match[1]);
}

export function formatEtag(version: number): string {
  return `"${version}"`;
}

/** The If-Match header as a version number, or undefined when the client sent none. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined =>
  parseIfMatch(ctx.switchToHttp().getRequest<Request>().headers['if-match']),
);

/** Documents the optional If-Match precondition and its 409. */
export const ApiIfMatch = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (version) you read, e.g. "3"; a stale one is refused with 409 version_conflict' }),
    ApiConflictResponse({ description: 'version_conflict (stale If-Match / version) or a state conflict' }),
  );

/** Header or body may carry the version the client read; both must agree when both are present. */
export function expectedVersion(ifMatch: number | undefined, bodyVersion: number | undefined): number | undefined {
  if (ifMatch !== undefined && bodyVersion !== undefined && ifMatch !== bodyVersion) {
    throw new DomainError('validation_failed', 'If-Match and version disagree', [
      { field: 'version', rule: 'matchesIfMatch', message: `If-Match says ${ifMatch}, body says ${bodyVersion}` },
    ]);
  }
  return ifMatch ?? bodyVersion;
}

function hasVersion(value: unknown): value is { version: number } {
  return typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'number';
}

/** Sends `ETag: "<version>"` for every response body that is a versioned resource. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (hasVersion(body) && !response.headersSent) response.setHeader('ETag', formatEtag(body.version));
        return body;
      }),
    );
  }
}
