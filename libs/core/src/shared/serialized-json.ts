import { createHash } from 'node:crypto';

/** A response body serialized once, with its strong validator (an ETag), for routes that send it as is. */
export interface SerializedJson {
  /** UTF-8 bytes, so sending them copies nothing. */
  body: Buffer;
  etag: string;
}

export function serializeJson(value: unknown): SerializedJson {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}
