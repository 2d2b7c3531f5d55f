import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/*
 * A validator built from the OpenAPI document, as a validating proxy (Prism) would apply it: it finds the
 * operation of each request from the document's paths, checks the request's parameters and body against
 * it, and the response's status, content type and body. Schemas are JSON Schema 2020-12 (OpenAPI 3.1),
 * so plain ajv validates them with no dialect of its own.
 */

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = (typeof METHODS)[number];

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: { type?: string | string[]; items?: unknown };
}
interface MediaObject {
  schema?: unknown;
}
export interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaObject> };
  responses: Record<string, { content?: Record<string, MediaObject> }>;
  security?: unknown[];
  'x-roles'?: string[];
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
}

/** One request and its answer, as seen on the wire. */
export interface Exchange {
  method: string;
  /** Path and query string, e.g. `/api/v1/sows?limit=100`. */
  url: string;
  requestContentType?: string;
  /** The raw body sent, if any. */
  requestBody?: string;
  status: number;
  responseContentType?: string;
  responseText: string;
}

export interface Operation {
  /** `GET /api/v1/sows/{id}` */
  key: string;
  method: Method;
  path: string;
  op: OperationObject;
}

const pointer = (...parts: string[]): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const mediaTypeOf = (contentType: string | undefined): string | undefined => contentType?.split(';')[0].trim().toLowerCase();

export class OpenApiContract {
  readonly operations: Operation[] = [];
  /** Every (operation, status) answered, to tell which routes a walk reached. */
  readonly seen = new Map<string, Set<number>>();
  readonly violations: string[] = [];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly matchers: Array<{ operation: Operation; pattern: RegExp; names: string[]; literal: number }> = [];

  constructor(readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, 'openapi');
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const operation = { key: `${method.toUpperCase()} ${path}`, method, path, op };
        this.operations.push(operation);
        const names: string[] = [];
        const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        this.matchers.push({ operation, pattern: new RegExp(`^${source}$`), names, literal: path.replace(/\{[^}]+\}/g, '').length });
      }
    }
    // A literal segment wins over a parameter (`/engineers/export` before `/engineers/{id}`).
    this.matchers.sort((a, b) => b.literal - a.literal);
  }

  /** The documented operation serving this request, with its path parameters. */
  match(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | undefined {
    for (const m of this.matchers) {
      if (m.operation.method !== method.toLowerCase()) continue;
      const found = m.pattern.exec(pathname);
      if (found) return { operation: m.operation, params: Object.fromEntries(m.names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
    }
    return undefined;
  }

  /**
   * Checks one exchange; returns (and records) its violations. With `lenientRequests`, a request the
   * document refuses may still succeed (a fuzzer's hostile inputs the api tolerates, such as `offset=`);
   * only the response is held to the document, as a validating proxy does.
   */
  check(exchange: Exchange, options: { lenientRequests?: boolean } = {}): string[] {
    const url = new URL(exchange.url, 'http://contract.invalid');
    const label = `${exchange.method.toUpperCase()} ${exchange.url} → ${exchange.status}`;
    const found = this.match(exchange.method, url.pathname);
    const problems: string[] = [];
    if (!found) {
      problems.push(`${label}: no operation in the document serves this route`);
    } else {
      const { operation, params } = found;
      const requestProblems = this.requestProblems(operation, params, url.searchParams, exchange);
      const key = operation.key;
      if (!this.seen.has(key)) this.seen.set(key, new Set());
      this.seen.get(key)?.add(exchange.status);
      // A request the document calls invalid must be refused, or the document promises rules the api does not keep.
      if (requestProblems.length > 0 && exchange.status < 400 && !options.lenientRequests) problems.push(`${label}: answered ${exchange.status} to a request the document refuses (${requestProblems.join('; ')})`);
      problems.push(...this.responseProblems(operation, exchange).map((p) => `${label}: ${p}`));
    }
    this.violations.push(...problems);
    return problems;
  }

  /** The problems the document finds with a request (not violations by themselves: clients send bad requests). */
  requestProblems(operation: Operation, pathParams: Record<string, string>, query: URLSearchParams, exchange: Pick<Exchange, 'requestBody' | 'requestContentType'>): string[] {
    const problems: string[] = [];
    const parameters = operation.op.parameters ?? [];
    parameters.forEach((p, index) => {
      const raw = p.in === 'path' ? (pathParams[p.name] === undefined ? [] : [pathParams[p.name]]) : p.in === 'query' ? query.getAll(p.name) : [];
      if (p.in !== 'path' && p.in !== 'query') return;
      if (raw.length === 0) {
        if (p.required) problems.push(`${p.in} parameter ${p.name} is required`);
        return;
      }
      const value = coerce(raw, p.schema);
      const validate = this.validator(pointer('#', 'paths', operation.path, operation.method, 'parameters', String(index), 'schema'));
      if (!validate(value)) problems.push(`${p.in} parameter ${p.name}=${raw.join(',')}: ${this.ajv.errorsText(validate.errors, { dataVar: p.name })}`);
    });
    const body = operation.op.requestBody;
    const sent = exchange.requestBody !== undefined && exchange.requestBody.length > 0;
    if (!body) {
      if (sent) problems.push('the operation takes no request body');
      return problems;
    }
    if (!sent) {
      if (body.required) problems.push('the request body is required');
      return problems;
    }
    const type = mediaTypeOf(exchange.requestContentType) ?? 'application/json';
    if (!body.content[type]) {
      problems.push(`request Content-Type ${type} is not one of ${Object.keys(body.content).join(', ')}`);
      return problems;
    }
    const value = type === 'application/json' ? parseJson(exchange.requestBody ?? '') : exchange.requestBody;
    if (value === PARSE_FAILED) problems.push('the request body is not JSON');
    else {
      const validate = this.validator(pointer('#', 'paths', operation.path, operation.method, 'requestBody', 'content', type, 'schema'));
      if (!validate(value)) problems.push(`request ${this.ajv.errorsText(validate.errors, { dataVar: 'body' })}`);
    }
    return problems;
  }

  private responseProblems(operation: Operation, exchange: Exchange): string[] {
    const responses = operation.op.responses;
    const status = String(exchange.status);
    const documented = responses[status] ? status : responses[`${status[0]}XX`] ? `${status[0]}XX` : responses.default ? 'default' : undefined;
    if (!documented) return [`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    const content = responses[documented].content;
    if (!content || Object.keys(content).length === 0) {
      return exchange.responseText.length > 0 ? [`a body was sent but ${documented} documents none`] : [];
    }
    const type = mediaTypeOf(exchange.responseContentType);
    if (!type || !content[type]) return [`Content-Type ${type ?? '(none)'} is not one of ${Object.keys(content).join(', ')}`];
    const value = type === 'application/json' ? parseJson(exchange.responseText) : exchange.responseText;
    if (value === PARSE_FAILED) return ['the body is not JSON'];
    const validate = this.validator(pointer('#', 'paths', operation.path, operation.method, 'responses', documented, 'content', type, 'schema'));
    return validate(value) ? [] : [`the response does not match the schema: ${this.ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' }).slice(0, 600)}`];
  }

  private validator(ref: string): ValidateFunction {
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${ref}` });
      this.validators.set(ref, validate);
    }
    return validate;
  }
}

const PARSE_FAILED = Symbol('parse failed');
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return PARSE_FAILED;
  }
}

/** Query and path values are strings on the wire; read them as the parameter's schema types them. */
function coerce(raw: string[], schema: Parameter['schema']): unknown {
  const types = schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const one = (value: string, itemTypes: string[]): unknown => {
    if ((itemTypes.includes('integer') || itemTypes.includes('number')) && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
    if (itemTypes.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  };
  if (types.includes('array')) {
    const items = (schema?.items ?? {}) as { type?: string | string[] };
    const itemTypes = items.type === undefined ? [] : Array.isArray(items.type) ? items.type : [items.type];
    return raw.flatMap((r) => r.split(',')).map((v) => one(v, itemTypes));
  }
  return one(raw[raw.length - 1], types);
}
