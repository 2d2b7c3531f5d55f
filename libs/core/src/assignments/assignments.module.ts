import { Module } from '@nestjs/common';
import { WorkingCalendarModule } from '../working-calendar/working-calendar.module';
import { AssignmentsService } from './assignments.service';

/** Manual staffing: propose, approve, release and lock assignments under the hard rules. */
@Module({ imports: [WorkingCalendarModule], providers: [AssignmentsService], exports: [AssignmentsService] })
export class AssignmentsModule {}
