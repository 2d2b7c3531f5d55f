import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { envelopeSchema, EVENT_CATALOGUE, EVENT_TYPES, EventType, USER_ROLES } from '@sow/domain';
import { audiencesOf, policyOf, RoutePolicy } from './http/access-policy';
import { ErrorBody } from './http/error-body';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The name of the bearer scheme in `components.securitySchemes`. */
export const BEARER_SCHEME = 'bearer';
const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorBody' };

/** What each error status means across the api; every 4XX answers the error body as JSON. */
const ERROR_MEANING: Readonly<Record<number, string>> = {
  400: 'Bad request: a parameter or the body breaks a rule (`details` names each field and rule)',
  401: 'No bearer token, or a bad or expired one',
  403: 'The caller’s role, or an object-level rule, refuses',
  404: 'Unknown, or not visible to the caller',
  409: 'A version conflict (stale If-Match / version), a state conflict or a duplicate',
  413: 'The request body is larger than the limit',
  415: 'The body’s Content-Type is not accepted here',
  422: 'A business rule refuses (`details` names the rules)',
  429: 'Rate limited; retry after the Retry-After seconds',
  503: 'The database connection was lost mid-request; retry after the Retry-After seconds',
};
const RETRY_AFTER = { description: 'Seconds to wait before retrying', schema: { type: 'integer' } };

/** `sowsAddScopeItem` from SowsController.addScopeItem: unique, URL-safe and stable while the handler keeps its name. */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const resource = controllerKey.replace(/Controller$/, '');
  return `${resource.charAt(0).toLowerCase()}${resource.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

/** The fallback summary of an operation without `@ApiOperation({ summary })`: its handler name in words. */
function summaryFromOperationId(operationId: string): string {
  const words = operationId.replace(/([A-Z])/g, ' $1').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0's `nullable` is ignored beside `$ref`/`allOf` (and by validators without `type`), so a
 * nullable reference never accepted null. In 3.1 (JSON Schema 2020-12) null is a type like any other:
 * `type: [T, 'null']`, and a nullable reference is `oneOf: [<ref>, {type: 'null'}]`.
 */
function toJsonSchema2020(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema2020);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema2020(value);
  const nullable = out.nullable === true || (Array.isArray(out.type) && out.type.includes('null'));
  delete out.nullable;
  if (!nullable) return out;
  const composed = typeof out.$ref === 'string' || Array.isArray(out.allOf) || Array.isArray(out.oneOf) || Array.isArray(out.anyOf);
  if (!composed) {
    const types = Array.isArray(out.type) ? out.type : typeof out.type === 'string' ? [out.type] : [];
    if (types.length > 0) out.type = types.includes('null') ? types : [...types, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  // Nest writes a nullable reference as `allOf: [<ref>]` beside `type: [object, null]`, which null can never pass.
  const { description, default: dflt, example, type: _type, ...schema } = out;
  const annotations: JsonObject = {};
  if (description !== undefined) annotations.description = description;
  if (dflt !== undefined) annotations.default = dflt;
  if (example !== undefined) annotations.example = example;
  const inner = Array.isArray(schema.allOf) && schema.allOf.length === 1 && Object.keys(schema).length === 1 ? schema.allOf[0] : schema;
  return { ...annotations, oneOf: [inner, { type: 'null' }] };
}

/**
 * The statuses any route of this shape and access-policy row can answer with the error body. What only
 * some routes answer (422, 429, 404 without a path parameter) their own decorators declare.
 */
function errorStatusesOf(method: Method, path: string, operation: JsonObject, policy: RoutePolicy | undefined): number[] {
  const statuses = new Set<number>();
  // The body parsers run before routing, so a malformed body is a 400, and an oversized one a 413, on any
  // route, even one that takes no input (the fuzz test sent one to POST /me/calendar-token).
  statuses.add(400);
  statuses.add(413);
  if (!policy || policy.allow !== 'public') {
    statuses.add(401);
    if (!policy || policy.scope || policy.allow.length < USER_ROLES.length) statuses.add(403);
  }
  if (path.includes('{')) statuses.add(404);
  // Writes meet stale versions, illegal transitions and unique keys.
  if (method !== 'get' && policy?.allow !== 'public') statuses.add(409);
  // Any route that reaches the database may lose its connection (the error filter answers 503 with Retry-After).
  statuses.add(503);
  return [...statuses];
}

/**
 * Brings every operation to the contract, whatever its decorators forgot: an operationId and a summary,
 * security from the access policy (an explicit empty list on public routes), `x-roles`, the error
 * responses the route can give (the error body as JSON, never the route's CSV or calendar type),
 * string schemas for text responses, and an optional body where no field is required.
 */
function finalizeOperation(method: Method, path: string, operation: JsonObject, schemas: JsonObject): void {
  const key = `${method.toUpperCase()} ${path}`;
  const policy = policyOf(key);
  if (typeof operation.operationId !== 'string') operation.operationId = `${method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`;
  if (typeof operation.summary !== 'string' || operation.summary.length === 0) operation.summary = summaryFromOperationId(operation.operationId);
  operation.security = policy?.allow === 'public' ? [] : [{ [BEARER_SCHEME]: [] }];
  if (policy) {
    const who = policy.allow === 'public' ? 'public (no token)' : policy.allow.join(', ');
    const line = `**Access:** ${who}.${policy.scope ? ` ${policy.scope}.` : ''}`;
    operation.description = typeof operation.description === 'string' && operation.description ? `${operation.description}\n\n${line}` : line;
    operation['x-roles'] = audiencesOf(policy);
  }

  const body = operation.requestBody;
  if (isObject(body) && isObject(body.content)) {
    const schemaRequires = Object.values(body.content).some((media) => {
      if (!isObject(media) || !isObject(media.schema)) return false;
      const ref = media.schema.$ref;
      const schema = typeof ref === 'string' ? schemas[ref.replace('#/components/schemas/', '')] : media.schema;
      return !isObject(schema) || schema.type !== 'object' || (Array.isArray(schema.required) && schema.required.length > 0);
    });
    body.required = schemaRequires;
  }

  const responses: JsonObject = isObject(operation.responses) ? operation.responses : {};
  for (const status of errorStatusesOf(method, path, operation, policy)) {
    if (!isObject(responses[String(status)])) responses[String(status)] = { description: '' };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!isObject(response)) continue;
    const code = Number(status);
    if (code >= 400 && code < 500) {
      if (!response.description) response.description = ERROR_MEANING[code] ?? 'Error';
      response.content = { 'application/json': { schema: ERROR_SCHEMA } };
    } else if (code === 503 && !isObject(response.content)) {
      response.description = response.description || ERROR_MEANING[503];
      response.content = { 'application/json': { schema: ERROR_SCHEMA } };
      response.headers = { 'Retry-After': RETRY_AFTER };
    } else if (isObject(response.content)) {
      for (const [mediaType, media] of Object.entries(response.content)) {
        if (mediaType.startsWith('text/') && isObject(media)) media.schema = { type: 'string' };
      }
    }
    if (!response.description) response.description = code === 204 ? 'Done; no content' : 'Success';
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** Recursively sorts object keys (arrays keep their order), so the exported file is stable and diffs are small. */
export function sortKeys(node: Json): Json {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map((key) => [key, sortKeys(node[key])]),
  );
}

/** The document as clients see it: OpenAPI 3.1, every operation finalized (see finalizeOperation). */
export function finalizeDocument(raw: OpenAPIObject): OpenAPIObject {
  const document = toJsonSchema2020(JSON.parse(JSON.stringify(raw)) as Json) as JsonObject;
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation)) finalizeOperation(method, path, operation, schemas);
    }
  }
  document.webhooks = webhookDocuments(schemas);
  return sortKeys(document) as unknown as OpenAPIObject;
}

/** `SowApprovedEvent` for `sow.approved`. */
function eventSchemaName(type: EventType): string {
  return `${type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}Event`;
}

/**
 * The event catalogue as OpenAPI 3.1 `webhooks`: one POST per event type, its versioned envelope
 * `{ type, version, timestamp, data }` as a component schema, and the Standard Webhooks headers.
 */
function webhookDocuments(schemas: JsonObject): JsonObject {
  const header = (name: string, description: string, example: string): JsonObject => ({ name, in: 'header', required: true, description, schema: { type: 'string' }, example });
  const webhooks: JsonObject = {};
  for (const type of EVENT_TYPES) {
    const name = eventSchemaName(type);
    schemas[name] = envelopeSchema(type) as JsonObject;
    webhooks[type] = {
      post: {
        security: [],
        operationId: `webhook_${type.replace(/\./g, '_')}`,
        tags: ['webhooks'],
        summary: EVENT_CATALOGUE[type].summary,
        description:
          'Sent to every enabled endpoint subscribed to this event (Standard Webhooks 1.0). Verify `webhook-signature` ' +
          '(`v1,` + base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body`, keyed by the base64 part of the `whsec_` secret; ' +
          'during a rotation one signature per valid secret, space-separated). Retries carry the same `webhook-id`; ordering is not promised.',
        parameters: [
          header('webhook-id', 'Unique per event; the same on every retry (de-duplicate on it)', 'msg_2b7c0f5d9e1a4c3b8a6d7e9f0a1b2c3d'),
          header('webhook-timestamp', 'Seconds since the epoch when this attempt was signed', '1796670903'),
          header('webhook-signature', 'Space-separated `v1,<base64>` signatures', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='),
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } },
        responses: {
          '200': { description: 'Any 2xx acknowledges the event' },
          '410': { description: 'Gone: the endpoint is disabled and receives nothing more' },
          default: { description: 'Anything else (or no answer within 15 s) is retried: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, with jitter; Retry-After is honoured' },
        },
      },
    };
  }
  return webhooks;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('SOW Planner API')
    .setDescription(
      'Scope Statements of Work, match engineers to scope items, and rebalance staffing. ' +
        'Errors are `{ statusCode, code, message, details? }`. Authenticate with POST /api/v1/auth/login, then send `Authorization: Bearer <token>`. ' +
        'Each operation lists who may call it (`x-roles`; see docs/access-policy.md). ' +
        'Before any route, the HTTP parser refuses an over-long request line or header block (431), a slow request (408) and malformed HTTP (400), with the same error body.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The api that serves this document (npm start: http://localhost:3000)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  return finalizeDocument(SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody], operationIdFactory: operationIdOf }));
}

/** Swagger UI at /docs and the JSON document at /docs-json. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
