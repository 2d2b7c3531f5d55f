import type { Response } from 'express';
import { SerializedJson } from '@sow/core';

/**
 * Prepares a response for JSON text serialized (and memoised) by a service: its strong ETag is set, so
 * express does not hash the body again and answers If-None-Match with 304. Returns the text, for a
 * handler using `@Res({ passthrough: true })` to return.
 */
export function serializedJson(res: Response, json: SerializedJson): string {
  res.setHeader('ETag', json.etag);
  res.type('application/json');
  return json.body;
}
