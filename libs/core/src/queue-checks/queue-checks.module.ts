import { Module } from '@nestjs/common';
import { QueueChecksService } from './queue-checks.service';

/** Round trips through the queues, to prove a worker is listening. */
@Module({ providers: [QueueChecksService], exports: [QueueChecksService] })
export class QueueChecksModule {}
