import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@sow/config';
import { DemoModule, DemoPipelineModule } from '@sow/core';
import { JobsModule } from '@sow/jobs';
import { PersistenceModule } from '@sow/persistence';
import { ProcessorsModule } from '@sow/processors';
import { AssignmentsApiModule } from './assignments/assignments.module';
import { BootstrapAdmin } from './bootstrap-admin';
import { CandidatesApiModule } from './candidates/candidates.module';
import { CatalogueApiModule } from './catalogue/catalogue.module';
import { CustomersApiModule } from './customers/customers.module';
import { DeliveryApiModule } from './delivery/delivery.module';
import { EngineersApiModule } from './engineers/engineers.module';
import { HealthApiModule } from './health/health.module';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { loggerParams } from './logging';
import { MeApiModule } from './me/me.module';
import { PlanningApiModule } from './planning/planning.module';
import { QueueChecksApiModule } from './queue-checks/queue-checks.module';
import { ReportsApiModule } from './reports/reports.module';
import { SowsApiModule } from './sows/sows.module';
import { UsersApiModule } from './users/users.module';
import { WorkingCalendarApiModule } from './working-calendar/working-calendar.module';
import { WebhooksApiModule } from './webhooks/webhooks.module';
import { ScenariosApiModule } from './scenarios/scenarios.module';

/**
 * The HTTP api: infrastructure, then one module per feature folder (its controllers plus the
 * libs/core feature module they call). With `runProcessorsInApi` it also hosts the queue processors
 * (embedded default).
 */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        PersistenceModule.forRoot(),
        JobsModule,
        PlanningApiModule,
        HealthApiModule,
        UsersApiModule,
        QueueChecksApiModule,
        CatalogueApiModule,
        WorkingCalendarApiModule,
        EngineersApiModule,
        CustomersApiModule,
        SowsApiModule,
        CandidatesApiModule,
        AssignmentsApiModule,
        ReportsApiModule,
        MeApiModule,
        DeliveryApiModule,
        // main.ts seeds the demo organisation on an empty database (SEED_DEMO=auto).
        DemoModule,
        DemoPipelineModule,
        WebhooksApiModule,
        ScenariosApiModule,
        ...(config.runProcessorsInApi ? [ProcessorsModule] : []),
      ],
      providers: [
        // The guard checks tokens with UsersApiModule's JwtService and UsersService.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        BootstrapAdmin,
      ],
    };
  }
}
