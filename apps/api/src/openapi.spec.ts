import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { renderOpenApiJson } from './cli/openapi-export';
import { finalizeDocument } from './openapi';
import { policyOf } from './http/access-policy';

type Node = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  key: string;
  path: string;
  op: Node & { responses: Record<string, Node & { content?: Record<string, { schema?: Node }> }>; parameters?: Array<Node & { schema?: Node }> };
}

/** Every schema node of the document, to look for 3.0 leftovers. */
function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const v of value) yield* nodes(v);
  else if (typeof value === 'object' && value !== null) {
    yield value as Node;
    for (const v of Object.values(value)) yield* nodes(v);
  }
}

/**
 * The document's invariants, for every route present and future: a route that forgets a summary, types
 * a query parameter as an object, documents an error in its CSV type, or lets a nullable reference
 * refuse null fails here (the contract e2e test then checks the running api against it).
 */
describe('the OpenAPI document', () => {
  let doc: Node & { paths: Record<string, Record<string, Operation['op']>>; components: { schemas: Record<string, Node> } };
  const operations: Operation[] = [];

  beforeAll(async () => {
    doc = JSON.parse(await renderOpenApiJson()) as typeof doc;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) if (item[method]) operations.push({ key: `${method.toUpperCase()} ${path}`, path, op: item[method] });
    }
  });

  it('is OpenAPI 3.1 with a server, and no 3.0 nullable left anywhere', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(operations.length).toBeGreaterThan(60);
    const leftovers = [...nodes(doc)].filter((n) => 'nullable' in n || (Array.isArray(n.type) && n.type.includes('null') && ('allOf' in n || '$ref' in n)));
    expect(leftovers).toEqual([]);
  });

  it('gives every operation a unique operationId, a summary and security from the access policy', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of operations) {
      expect({ key, summary: typeof op.summary === 'string' && op.summary.length > 3, id: /^[A-Za-z0-9]+$/.test(String(op.operationId)) }).toEqual({ key, summary: true, id: true });
      const publicRoute = policyOf(key)?.allow === 'public';
      expect({ key, security: op.security }).toEqual({ key, security: publicRoute ? [] : [{ bearer: [] }] });
    }
  });

  it('types every parameter as a scalar (ids are UUIDs, limit and offset are bounded integers)', () => {
    for (const { key, op } of operations) {
      for (const p of op.parameters ?? []) {
        const schema = p.schema ?? {};
        const type = schema.type ?? (schema.items ? 'array' : undefined);
        expect({ key, name: p.name, typed: ['string', 'integer', 'number', 'boolean', 'array'].includes(String(type)) }).toEqual({ key, name: p.name, typed: true });
        if (p.in === 'path' && /^id$|Id$/.test(String(p.name))) expect({ key, name: p.name, format: schema.format }).toEqual({ key, name: p.name, format: 'uuid' });
        if (p.name === 'limit' || p.name === 'offset' || p.name === 'movesLimit' || p.name === 'movesOffset') {
          expect({ key, name: p.name, type: schema.type, bounded: typeof schema.minimum === 'number' && typeof schema.maximum === 'number' }).toEqual({ key, name: p.name, type: 'integer', bounded: true });
        }
      }
    }
  });

  it('answers every 4XX with the error body as JSON, every text type as a string, and documents a body for every 2XX but 204', () => {
    for (const { key, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect({ key, has400: statuses.includes('400') }).toEqual({ key, has400: true });
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith('4')) {
          expect({ key, status, content: response.content }).toEqual({ key, status, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } });
        } else if (status.startsWith('2') && status !== '204') {
          const content = response.content ?? {};
          expect({ key, status, mediaTypes: Object.keys(content).length > 0 }).toEqual({ key, status, mediaTypes: true });
          for (const [type, media] of Object.entries(content)) {
            if (type.startsWith('text/')) expect({ key, type, schema: media.schema }).toEqual({ key, type, schema: { type: 'string' } });
            else expect({ key, type, schema: media.schema !== undefined }).toEqual({ key, type, schema: true });
          }
        }
      }
    }
    const login = operations.find((o) => o.key === 'POST /api/v1/auth/login');
    expect(login?.op.responses['200'].content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/LoginResponse' } } });
    const submit = operations.find((o) => o.key === 'POST /api/v1/sows/{id}/submit');
    expect(submit?.op.requestBody).toMatchObject({ required: false });
  });

  it('lets nullable references be null or the referenced object, and nothing else', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema(doc, 'openapi');
    const cases: Array<[string, string, unknown]> = [
      ['SowResponse', 'approval', { decidedBy: '00000000-0000-4000-8000-000000000000', decidedAt: '2027-01-01T00:00:00.000Z', decision: 'approved', reason: null }],
      ['QuoteResponse', 'pmOverhead', { pct: 10, hours: 8, amount: '100.00' }],
      ['AssignmentResponse', 'override', { by: '00000000-0000-4000-8000-000000000000', reason: 'why', rules: ['level'] }],
    ];
    for (const [schema, property] of cases) {
      const validate = ajv.compile({ $ref: `openapi#/components/schemas/${schema}/properties/${property}` });
      expect({ schema, property, null: validate(null), string: validate('x') }).toEqual({ schema, property, null: true, string: false });
    }
  });
});

describe('finalizeDocument on a route that forgot its decorators', () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const raw = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/v1/sows/{id}/submit': {
        post: {
          operationId: 'sowsSubmit',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('Transition') } } },
          responses: { 200: { description: '', content: { 'application/json': { schema: ref('Sow') } } } },
        },
      },
      '/api/v1/calendar/{file}': {
        get: {
          responses: {
            200: { description: '', content: { 'text/calendar': { schema: ref('Sow') } } },
            404: { description: '', content: { 'text/calendar': { schema: ref('ErrorBody') } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Transition: { type: 'object', properties: { reason: { type: 'string' } } },
        Approval: { type: 'object', properties: {} },
        Sow: { type: 'object', properties: { approval: { allOf: [ref('Approval')], type: ['object', 'null'] }, note: { type: 'string', nullable: true }, level: { type: 'string', enum: ['a'], nullable: true } } },
      },
    },
  };

  it('fills in summary, security, errors, string text bodies, an optional body and 3.1 nullables', () => {
    type Final = { summary: string; operationId: string; security: unknown[]; requestBody?: { required: boolean }; responses: Record<string, { content?: unknown }> };
    const doc = finalizeDocument(raw as unknown as Parameters<typeof finalizeDocument>[0]) as unknown as {
      paths: Record<string, Record<string, Final>>;
      components: { schemas: Record<string, { properties?: unknown }> };
    };
    const submit = doc.paths['/api/v1/sows/{id}/submit'].post;
    expect(submit.summary).toBe('Sows submit');
    expect(submit.security).toEqual([{ bearer: [] }]);
    expect(submit.requestBody?.required).toBe(false);
    expect(Object.keys(submit.responses)).toEqual(['200', '400', '401', '403', '404', '409', '413', '503']);
    const feed = doc.paths['/api/v1/calendar/{file}'].get;
    expect(feed.operationId).toBe('getApiV1CalendarFile');
    expect(feed.security).toEqual([]);
    expect(feed.responses['200'].content).toEqual({ 'text/calendar': { schema: { type: 'string' } } });
    expect(feed.responses['404'].content).toEqual({ 'application/json': { schema: ref('ErrorBody') } });
    expect(Object.keys(feed.responses)).toEqual(['200', '400', '404', '413', '503']);
    expect(doc.components.schemas.Sow.properties).toEqual({
      approval: { oneOf: [ref('Approval'), { type: 'null' }] },
      level: { enum: ['a', null], type: ['string', 'null'] },
      note: { type: ['string', 'null'] },
    });
  });
});
