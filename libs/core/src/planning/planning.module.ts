import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { WorkingCalendarModule } from '../working-calendar/working-calendar.module';
import { OutboxRelayService } from './outbox-relay.service';
import { PlanRunnerService } from './plan-runner.service';
import { PlanSweeperService } from './plan-sweeper.service';
import { StaffingPlansService } from './staffing-plans.service';

/**
 * The planning stage: requests and approvals (StaffingPlansService), the run itself (PlanRunnerService,
 * in the worker), and the relay and sweeper that keep queued plans moving.
 */
@Module({
  imports: [AssignmentsModule, WorkingCalendarModule],
  providers: [StaffingPlansService, PlanRunnerService, OutboxRelayService, PlanSweeperService],
  exports: [StaffingPlansService, PlanRunnerService, OutboxRelayService, PlanSweeperService],
})
export class PlanningModule {}
