import { Module } from '@nestjs/common';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEnqueuer } from './webhook-enqueuer';
import { WebhookSenderService } from './webhook-sender.service';

/**
 * Webhooks: endpoints and their admin use cases (api), the dispatcher and the sender (worker). Needs
 * PersistenceModule, JobsModule and ConfigModule (global).
 */
@Module({
  providers: [WebhookEnqueuer, WebhookEndpointsService, WebhookDispatcherService, WebhookSenderService],
  exports: [WebhookEndpointsService, WebhookDispatcherService, WebhookSenderService],
})
export class WebhooksModule {}
