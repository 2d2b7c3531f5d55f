import { Module } from '@nestjs/common';
import { WorkingCalendarModule } from '../working-calendar/working-calendar.module';
import { CalendarFeedService } from './calendar-feed.service';
import { MeService } from './me.service';

/** An engineer's own view: their assignments, hours, travel, and the calendar feed. */
@Module({
  imports: [WorkingCalendarModule],
  providers: [MeService, CalendarFeedService],
  exports: [MeService, CalendarFeedService],
})
export class MeModule {}
