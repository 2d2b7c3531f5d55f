import { Module } from '@nestjs/common';
import { AssignmentsModule } from '@sow/core';
import { AssignmentsController } from './assignments.controller';

@Module({ imports: [AssignmentsModule], controllers: [AssignmentsController] })
export class AssignmentsApiModule {}
