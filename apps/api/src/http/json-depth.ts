/** Deeper JSON is refused before parsing: no request of ours nests anywhere near this. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of objects and arrays in a JSON text, scanned in one pass without parsing. */
export function jsonDepth(buffer: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < buffer.length; i++) {
    const c = buffer[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) deepest = Math.max(deepest, ++depth);
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return deepest;
}

/**
 * body-parser `verify` hook: a body nested deeper than MAX_JSON_DEPTH is a 400. Deep nesting parses
 * fine but overflows the stack of the recursive transform and validation that follow (a 500).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, buffer: Buffer): void {
  if (jsonDepth(buffer) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, type: 'entity.too.deep' });
  }
}
