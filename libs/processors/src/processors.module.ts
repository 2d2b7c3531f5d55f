import { Module } from '@nestjs/common';
import { ScenariosModule } from '@sow/core';
import { SchedulerProcessor } from './scheduler.processor';
import { StaffingProcessor } from './staffing.processor';
import { SystemProcessor } from './system.processor';

/**
 * The BullMQ processors. The worker app hosts them; in the embedded default (no Redis) the api
 * process hosts them too, so one command runs a whole working system.
 */
@Module({ imports: [ScenariosModule], providers: [SystemProcessor, StaffingProcessor, SchedulerProcessor] })
export class ProcessorsModule {}
