import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { JobProducer } from './job-producer';
import { resolveQueueConnection } from './queue-connection';
import { ALL_QUEUES } from './queue-names';

/** BullMQ on Redis or on PostgreSQL, the queues, and the typed producer. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: resolveQueueConnection(config),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobProducer],
  exports: [JobProducer, BullModule],
})
export class JobsModule {}
