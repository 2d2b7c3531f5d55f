import { Module } from '@nestjs/common';
import { PlanningModule } from '@sow/core';
import { StaffingPlansController } from './staffing-plans.controller';

@Module({ imports: [PlanningModule], controllers: [StaffingPlansController] })
export class PlanningApiModule {}
