import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBody'];

const TOKEN_KEY = 'sow.accessToken';

/** The signed-in session's token lives in sessionStorage: it survives a reload, not a closed tab. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

type ExpiryListener = () => void;
const expiryListeners = new Set<ExpiryListener>();

/** Called when an authenticated request answers 401: the session has expired or was revoked. */
export function onSessionExpired(listener: ExpiryListener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) {
      tokenStore.clear();
      for (const listener of expiryListeners) listener();
    }
    return response;
  },
};

/** The one typed client every feature hook calls. */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });
api.use(auth);

/** An API error answer, kept whole so forms can show `details[].field` at the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }

  /** Messages per request field (first segment of a dotted path such as `parameters.weeks` is kept whole). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const detail of this.body.details ?? []) {
      if (detail.field && !(detail.field in out)) out[detail.field] = detail.message;
    }
    return out;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value && typeof (value as { message: unknown }).message === 'string';
}

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the body. */
/**
 * The data of a successful JSON answer. Routes that also answer `text/csv` type their 200 as
 * `string | T`; the typed client asks for JSON, so a string here is the server breaking the contract.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): Exclude<T, string> {
  if (result.response.ok) {
    if (typeof result.data === 'string') {
      throw new ApiError(result.response.status, { statusCode: result.response.status, code: 'unexpected_text', message: 'Expected JSON, the server answered text' });
    }
    return result.data as Exclude<T, string>;
  }
  const body: ErrorBody = isErrorBody(result.error)
    ? result.error
    : { statusCode: result.response.status, code: 'http_error', message: `The server answered ${result.response.status}` };
  throw new ApiError(result.response.status, body);
}

/** `Accept: text/csv` downloads and `text/csv` uploads, which the typed client does not model. */
export async function fetchText(path: string, init: RequestInit = {}): Promise<string> {
  const headers = new Headers(init.headers);
  const token = tokenStore.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  const text = await response.text();
  if (!response.ok) {
    let body: ErrorBody = { statusCode: response.status, code: 'http_error', message: text || `The server answered ${response.status}` };
    try {
      const parsed: unknown = JSON.parse(text);
      if (isErrorBody(parsed)) body = parsed;
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(response.status, body);
  }
  return text;
}
