import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@sow/config';
import { buildDataSourceOptions } from './database-options';
import { ENTITIES } from './entities';
import { QueueChecksRepository } from './repositories/queue-checks.repository';
import { UsersRepository } from './repositories/users.repository';
import { AuditRepository } from './repositories/audit.repository';
import { ChangeRequestsRepository } from './repositories/change-requests.repository';
import { CustomersRepository } from './repositories/customers.repository';
import { EngineersRepository } from './repositories/engineers.repository';
import { RateCardsRepository } from './repositories/rate-cards.repository';
import { ScopeItemsRepository } from './repositories/scope-items.repository';
import { ScopeTemplatesRepository } from './repositories/scope-templates.repository';
import { SkillsRepository } from './repositories/skills.repository';
import { SowsRepository } from './repositories/sows.repository';
import { TimeOffRepository } from './repositories/time-off.repository';
import { CompanyDaysOffRepository } from './repositories/company-days-off.repository';
import { TransactionRunner } from './repositories/transaction-runner';
import { OutboxRepository } from './repositories/outbox.repository';
import { PlanningSnapshotRepository } from './repositories/planning-snapshot.repository';
import { StaffingPlansRepository } from './repositories/staffing-plans.repository';
import { AssignmentsRepository } from './repositories/assignments.repository';
import { CalendarTokensRepository } from './repositories/calendar-tokens.repository';
import { EngineerDirectoryRepository } from './repositories/engineer-directory.repository';
import { ChangeFeed } from './change-feed';
import { WebhooksRepository } from './repositories/webhooks.repository';
import { DeliveryQueriesRepository, TimesheetEntriesRepository, TimesheetsRepository } from './repositories/delivery.repository';
import { ScenarioRunsRepository, ScenariosRepository } from './repositories/scenarios.repository';

const REPOSITORIES = [
  OutboxRepository,
  PlanningSnapshotRepository,
  StaffingPlansRepository,
  UsersRepository,
  QueueChecksRepository,
  TransactionRunner,
  AuditRepository,
  SkillsRepository,
  EngineersRepository,
  TimeOffRepository,
  CompanyDaysOffRepository,
  CustomersRepository,
  ScopeTemplatesRepository,
  SowsRepository,
  ScopeItemsRepository,
  ChangeRequestsRepository,
  RateCardsRepository,
  AssignmentsRepository,
  CalendarTokensRepository,
  EngineerDirectoryRepository,
  ChangeFeed,
  TimesheetsRepository,
  TimesheetEntriesRepository,
  DeliveryQueriesRepository,
  ScenariosRepository,
  ScenarioRunsRepository,
  WebhooksRepository,
];

/** TypeORM on the configured (or embedded) PostgreSQL, and the repositories over it. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.databaseUrl) throw new Error('PersistenceModule needs a database URL (start the embedded database first)');
            return {
              ...buildDataSourceOptions({
                url: config.databaseUrl,
                poolSize: config.databaseMode === 'embedded' ? Math.min(config.dbPoolSize, 4) : config.dbPoolSize,
                statementTimeoutMs: config.dbStatementTimeoutMs,
                embedded: config.databaseMode === 'embedded',
                migrationsRun: config.migrateOnStart,
              }),
              retryAttempts: 3,
              retryDelay: 1000,
            };
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: REPOSITORIES,
      exports: [...REPOSITORIES, TypeOrmModule],
    };
  }
}
