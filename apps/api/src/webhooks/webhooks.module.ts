import { Module } from '@nestjs/common';
import { WebhooksModule } from '@sow/core';
import { WebhooksController } from './webhooks.controller';

/** The webhooks admin routes. */
@Module({ imports: [WebhooksModule], controllers: [WebhooksController] })
export class WebhooksApiModule {}
