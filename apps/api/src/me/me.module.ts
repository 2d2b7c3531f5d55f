import { Module } from '@nestjs/common';
import { MeModule } from '@sow/core';
import { MeAssignmentsController } from './me-assignments.controller';
import { CalendarController } from './calendar.controller';

@Module({ imports: [MeModule], controllers: [MeAssignmentsController, CalendarController] })
export class MeApiModule {}
