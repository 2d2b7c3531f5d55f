import { Module } from '@nestjs/common';
import { DeliveryHealthService } from './delivery-health.service';
import { DeliveryMetricsService } from './delivery-metrics.service';
import { TimesheetsService } from './timesheets.service';
import { WorkingCalendarModule } from '../working-calendar/working-calendar.module';

/** Timesheets, SOW health and delivery metrics. */
@Module({
  imports: [WorkingCalendarModule],
  providers: [DeliveryHealthService, TimesheetsService, DeliveryMetricsService],
  exports: [DeliveryHealthService, TimesheetsService, DeliveryMetricsService],
})
export class DeliveryModule {}
