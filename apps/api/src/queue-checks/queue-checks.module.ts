import { Module } from '@nestjs/common';
import { QueueChecksModule } from '@sow/core';
import { QueueChecksController } from './queue-checks.controller';

@Module({ imports: [QueueChecksModule], controllers: [QueueChecksController] })
export class QueueChecksApiModule {}
