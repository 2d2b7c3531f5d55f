import { DynamicModule, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@sow/config';
import { CoreModule } from '@sow/core';
import { JobsModule } from '@sow/jobs';
import { PersistenceModule } from '@sow/persistence';
import { ProcessorsModule } from '@sow/processors';
import { QueueChecksController } from './admin/queue-checks.controller';
import { AuthController } from './auth/auth.controller';
import { LoginThrottle } from './auth/login-throttle';
import { StaffingPlansController } from './staffing-plans/staffing-plans.controller';
import { BootstrapAdmin } from './bootstrap-admin';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './http/auth.guard';
import { ErrorFilter } from './http/error.filter';
import { loggerParams } from './logging';
import { MeController } from './users/me.controller';
import { UsersController } from './users/users.controller';
import { ChangeRequestsController } from './change-requests/change-requests.controller';
import { CustomersController } from './customers/customers.controller';
import { EngineersController } from './engineers/engineers.controller';
import { RateCardsController } from './rate-cards/rate-cards.controller';
import { ScopeTemplatesController } from './scope-templates/scope-templates.controller';
import { SkillsController } from './skills/skills.controller';
import { CompanyDaysOffController } from './working-calendar/company-days-off.controller';
import { SowsController } from './sows/sows.controller';
import { AssignmentsController } from './assignments/assignments.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CandidatesController } from './candidates/candidates.controller';
import { MeAssignmentsController } from './me/me-assignments.controller';
import { ReportsController } from './reports/reports.controller';
import { TimesheetsController } from './timesheets/timesheets.controller';
import { DeliveryController } from './delivery/delivery.controller';
import { ScenariosApiModule } from './scenarios/scenarios-api.module';

/** The HTTP api. With `runProcessorsInApi` it also hosts the queue processors (embedded default). */
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
        CoreModule,
        TerminusModule.forRoot({ logger: false }),
        // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a public key on every verify.
        JwtModule.register({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } }),
        ...(config.runProcessorsInApi ? [ProcessorsModule] : []),
        ScenariosApiModule,
      ],
      controllers: [
        StaffingPlansController,
        HealthController,
        AuthController,
        MeController,
        UsersController,
        QueueChecksController,
        SkillsController,
        CompanyDaysOffController,
        EngineersController,
        CustomersController,
        ScopeTemplatesController,
        RateCardsController,
        SowsController,
        ChangeRequestsController,
        CandidatesController,
        AssignmentsController,
        ReportsController,
        MeAssignmentsController,
        CalendarController,
        TimesheetsController,
        DeliveryController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        BootstrapAdmin,
        LoginThrottle,
      ],
    };
  }
}
