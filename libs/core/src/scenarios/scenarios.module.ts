import { Module } from '@nestjs/common';
import { SowsModule } from '../sows/sows.module';
import { WorkingCalendarModule } from '../working-calendar/working-calendar.module';
import { DemoPipelineService } from './demo-pipeline';
import { ScenarioRunnerService } from './scenario-runner.service';
import { ScenariosService } from './scenarios.service';

/** What-if scenarios and hiring plans: their changes and runs (solved by the worker). */
@Module({
  imports: [SowsModule, WorkingCalendarModule],
  providers: [ScenariosService, ScenarioRunnerService],
  exports: [ScenariosService, ScenarioRunnerService],
})
export class ScenariosModule {}

/** The demo's pipeline scenario, apart: the seed CLI runs without queues, which ScenariosService needs. */
@Module({ providers: [DemoPipelineService], exports: [DemoPipelineService] })
export class DemoPipelineModule {}
