import { Module } from '@nestjs/common';
import { ScenarioRunsRepository, ScenariosRepository } from '@sow/persistence';
import { DemoPipelineService } from './demo-pipeline';
import { ScenarioRunnerService } from './scenario-runner.service';
import { ScenariosService } from './scenarios.service';

/**
 * What-if scenarios and hiring plans: a feature module of its own (not in CoreModule's list). Needs
 * PersistenceModule, JobsModule and the core services it builds on (SowsService, WorkingCalendarService).
 */
@Module({
  providers: [ScenariosRepository, ScenarioRunsRepository, ScenariosService, ScenarioRunnerService, DemoPipelineService],
  exports: [ScenariosService, ScenarioRunnerService, DemoPipelineService],
})
export class ScenariosModule {}
