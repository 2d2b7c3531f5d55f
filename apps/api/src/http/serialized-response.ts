import type { Response } from 'express';
import { SerializedJson } from '@sow/core';

/**
 * Sends JSON serialized (and memoised) by a service, for a handler that takes `@Res()`. Its strong ETag
 * is set first, so express does not hash the body again and answers If-None-Match with 304.
 */
export function sendSerializedJson(res: Response, json: SerializedJson): void {
  res.setHeader('ETag', json.etag);
  res.type('application/json').send(json.body);
}
