import { Module } from '@nestjs/common';
import { DeliveryModule, PlanningModule, QueueChecksModule, ScenariosModule, WebhooksModule } from '@sow/core';
import { SchedulerProcessor } from './scheduler.processor';
import { StaffingProcessor } from './staffing.processor';
import { SystemProcessor } from './system.processor';
import { WebhooksProcessor } from './webhooks.processor';

/**
 * The BullMQ processors. The worker app hosts them; in the embedded default (no Redis) the api
 * process hosts them too, so one command runs a whole working system. Imports only the feature modules
 * whose services the processors call.
 */
@Module({
  imports: [PlanningModule, DeliveryModule, QueueChecksModule, WebhooksModule, ScenariosModule],
  providers: [SystemProcessor, StaffingProcessor, SchedulerProcessor, WebhooksProcessor],
})
export class ProcessorsModule {}
