import { Module } from '@nestjs/common';
import { WebhooksModule } from '@sow/core';
import { WebhooksProcessor } from './webhooks.processor';

/** The webhook dispatcher and deliveries, for whichever process hosts the processors (worker, or the embedded api). */
@Module({ imports: [WebhooksModule], providers: [WebhooksProcessor] })
export class WebhookDeliveryModule {}
