import { Module } from '@nestjs/common';
import { WorkingCalendarService } from './working-calendar.service';

/** Company days off and public holidays: the working days every capacity sum counts. */
@Module({ providers: [WorkingCalendarService], exports: [WorkingCalendarService] })
export class WorkingCalendarModule {}
