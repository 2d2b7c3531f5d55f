import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { audiencesOf, policyOf } from './http/access-policy';
import { ErrorBody } from './http/error-body';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Each operation carries its row of the access policy: `x-roles` and a line in its description. */
function annotateAccess(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const policy = policyOf(`${method.toUpperCase()} ${path}`);
      if (!policy) continue;
      const who = policy.allow === 'public' ? 'public (no token)' : policy.allow.join(', ');
      const line = `**Access:** ${who}.${policy.scope ? ` ${policy.scope}.` : ''}`;
      operation.description = operation.description ? `${operation.description}\n\n${line}` : line;
      Object.assign(operation, { 'x-roles': audiencesOf(policy) });
    }
  }
  return document;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('SOW Planner API')
    .setDescription(
      'Scope Statements of Work, match engineers to scope items, and rebalance staffing. ' +
        'Errors are `{ statusCode, code, message, details? }`. Authenticate with POST /api/v1/auth/login, then send `Authorization: Bearer <token>`. ' +
        'Each operation lists who may call it (`x-roles`; see docs/access-policy.md).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return annotateAccess(SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] }));
}

/** Swagger UI at /docs and the JSON document at /docs-json. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
