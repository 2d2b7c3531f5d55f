import { Global, Module } from '@nestjs/common';
import { OutboxRelayService } from './planning/outbox-relay.service';
import { PlanRunnerService } from './planning/plan-runner.service';
import { PlanSweeperService } from './planning/plan-sweeper.service';
import { StaffingPlansService } from './planning/staffing-plans.service';
import { ChangeRequestsService } from './sows/change-requests.service';
import { CustomersService } from './customers/customers.service';
import { EngineersService } from './engineers/engineers.service';
import { TimeOffService } from './engineers/time-off.service';
import { QueueChecksService } from './queue-checks/queue-checks.service';
import { RateCardsService } from './catalogue/rate-cards.service';
import { ScopeTemplatesService } from './catalogue/scope-templates.service';
import { SkillsService } from './catalogue/skills.service';
import { SowsService } from './sows/sows.service';
import { UsersService } from './users/users.service';
import { AssignmentsService } from './assignments/assignments.service';
import { CandidatesService } from './candidates/candidates.service';
import { MatchingCache } from './candidates/matching-cache';
import { CalendarFeedService } from './me/calendar-feed.service';
import { MeService } from './me/me.service';
import { ReportsService } from './reports/reports.service';
import { DemoSeedService } from './demo/demo-seed.service';
import { DeliveryHealthService, DeliveryMetricsService, TimesheetsService } from './delivery';
import { DemoHistoryService } from './demo/demo-history';
import { WorkingCalendarService } from './working-calendar/working-calendar.service';

const SERVICES = [
  StaffingPlansService,
  PlanRunnerService,
  OutboxRelayService,
  PlanSweeperService,
  UsersService,
  QueueChecksService,
  SkillsService,
  EngineersService,
  TimeOffService,
  CustomersService,
  ScopeTemplatesService,
  RateCardsService,
  SowsService,
  ChangeRequestsService,
  MatchingCache,
  CandidatesService,
  AssignmentsService,
  ReportsService,
  MeService,
  CalendarFeedService,
  DemoSeedService,
  DeliveryHealthService,
  TimesheetsService,
  DeliveryMetricsService,
  DemoHistoryService,
  WorkingCalendarService,
];

/** Application services shared by the api and the worker. Needs PersistenceModule and JobsModule. */
@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class CoreModule {}
