import { Module } from '@nestjs/common';
import { ScenariosModule } from '@sow/core';
import { ScenarioRunsController, ScenariosController } from './scenarios.controller';

/** The scenarios feature's HTTP surface. */
@Module({ imports: [ScenariosModule], controllers: [ScenariosController, ScenarioRunsController] })
export class ScenariosApiModule {}
