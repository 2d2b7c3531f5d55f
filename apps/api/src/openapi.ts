import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBody } from './http/error-body';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('SOW Planner API')
    .setDescription(
      'Scope Statements of Work, match engineers to scope items, and rebalance staffing. ' +
        'Errors are `{ statusCode, code, message, details? }`. Authenticate with POST /api/v1/auth/login, then send `Authorization: Bearer <token>`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
}

/** Swagger UI at /docs and the JSON document at /docs-json. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
