import { Exchange, OpenApiContract, OpenApiDocument } from './openapi-contract';

const ERROR = { $ref: '#/components/schemas/Error' };
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

/** A small document with the shapes the api uses: a page, a nullable reference, CSV, a literal beside a parameter. */
const DOC = {
  openapi: '3.1.0',
  paths: {
    '/things': {
      get: {
        operationId: 'list',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } }],
        responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } }, 'text/csv': { schema: { type: 'string' } } } }, 400: json(ERROR) },
      },
      post: {
        operationId: 'create',
        requestBody: { required: true, ...json({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }) },
        responses: { 201: json({ $ref: '#/components/schemas/Thing' }), 400: json(ERROR) },
      },
    },
    '/things/export': { get: { operationId: 'export', responses: { 200: { content: { 'text/csv': { schema: { type: 'string' } } } } } } },
    '/things/{id}': {
      get: { operationId: 'get', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { 200: json({ $ref: '#/components/schemas/Thing' }), 404: json(ERROR) } },
      delete: { operationId: 'remove', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 204: { description: 'gone' } } },
    },
  },
  components: {
    schemas: {
      Error: { type: 'object', required: ['statusCode', 'code', 'message'], properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } } },
      Owner: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Thing: { type: 'object', required: ['id', 'owner'], properties: { id: { type: 'string', format: 'uuid' }, owner: { oneOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'null' }] } } },
      Page: { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Thing' } }, total: { type: 'integer' } } },
    },
  },
} as unknown as OpenApiDocument;

const ID = '0b6f3a7e-4a43-4a8e-9c59-2f2d7c1f6a11';
const thing = { id: ID, owner: null };
const exchange = (e: Partial<Exchange> & Pick<Exchange, 'method' | 'url' | 'status'>): Exchange => ({ responseText: '', ...e });
const ok = (url: string, body: unknown, status = 200, method = 'GET'): Exchange =>
  exchange({ method, url, status, responseContentType: 'application/json; charset=utf-8', responseText: JSON.stringify(body) });

describe('OpenApiContract', () => {
  it('accepts exchanges that keep the contract: paging integers, a null reference, CSV, 204, a documented error', () => {
    const contract = new OpenApiContract(DOC);
    expect(contract.check(ok('/things?limit=100', { items: [thing, { id: ID, owner: { id: 'o' } }], total: 2 }))).toEqual([]);
    expect(contract.check(exchange({ method: 'GET', url: '/things', status: 200, responseContentType: 'text/csv; charset=utf-8', responseText: 'id\n1\n' }))).toEqual([]);
    expect(contract.check(exchange({ method: 'GET', url: '/things/export', status: 200, responseContentType: 'text/csv', responseText: 'id\n' }))).toEqual([]);
    expect(contract.check(exchange({ method: 'DELETE', url: `/things/${ID}`, status: 204 }))).toEqual([]);
    expect(contract.check(ok('/things/not-a-uuid', { statusCode: 404, code: 'not_found', message: 'x' }, 404))).toEqual([]);
    expect(contract.check({ ...ok('/things', thing, 201, 'POST'), requestBody: '{"name":"a"}', requestContentType: 'application/json' })).toEqual([]);
    expect(contract.seen.get('GET /things/export')).toEqual(new Set([200]));
    expect(contract.violations).toEqual([]);
  });

  it('reports each way a response can break the contract', () => {
    const contract = new OpenApiContract(DOC);
    const one = (e: Exchange): string => contract.check(e).join(' | ');
    expect(one(ok('/things?limit=5', { items: [{ id: ID }], total: 1 }))).toContain("body/items/0 must have required property 'owner'");
    expect(one(ok('/things', { items: [{ id: ID, owner: 'someone' }], total: 1 }))).toContain('must match exactly one schema in oneOf');
    expect(one(ok(`/things/${ID}`, thing, 409))).toContain('status 409 is not documented');
    expect(one(exchange({ method: 'GET', url: `/things/${ID}`, status: 404, responseContentType: 'text/calendar', responseText: 'x' }))).toContain('Content-Type text/calendar is not one of application/json');
    expect(one(exchange({ method: 'GET', url: '/things', status: 200, responseContentType: 'application/json', responseText: 'not json' }))).toContain('not JSON');
    expect(one(exchange({ method: 'DELETE', url: `/things/${ID}`, status: 204, responseText: '{}' }))).toContain('documents none');
    expect(one(ok('/nothing/here', {}))).toContain('no operation in the document serves this route');
    expect(contract.violations).toHaveLength(7);
  });

  it('reports a request the document refuses that the api accepted, and not one the api refused', () => {
    const contract = new OpenApiContract(DOC);
    const page = { items: [], total: 0 };
    expect(contract.check(ok('/things?limit=0', page)).join()).toContain('query parameter limit=0: limit must be >= 1');
    expect(contract.check(ok('/things?limit=abc', page)).join()).toContain('limit must be integer');
    expect(contract.check({ ...ok('/things', thing, 201, 'POST') }).join()).toContain('the request body is required');
    expect(contract.check({ ...ok('/things', thing, 201, 'POST'), requestBody: '{}', requestContentType: 'application/json' }).join()).toContain("request body must have required property 'name'");
    expect(contract.check({ ...ok('/things', { statusCode: 400, code: 'bad', message: 'x' }, 400, 'POST'), requestBody: '{}', requestContentType: 'application/json' })).toEqual([]);
    expect(contract.check({ ...ok('/things?limit=2', page), requestBody: '{}', requestContentType: 'application/json' }).join()).toContain('the operation takes no request body');
  });
});
