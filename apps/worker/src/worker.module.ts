import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@sow/config';
import { JobsModule } from '@sow/jobs';
import { PersistenceModule } from '@sow/persistence';
import { ProcessorsModule } from '@sow/processors';

/** The worker: an application context (no HTTP server) hosting the queue processors and the feature modules they import. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            transport: config.logPretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            customProps: () => ({ service: 'worker' }),
          },
        }),
        PersistenceModule.forRoot(),
        JobsModule,
        ProcessorsModule,
      ],
    };
  }
}
