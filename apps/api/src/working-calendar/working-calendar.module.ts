import { Module } from '@nestjs/common';
import { WorkingCalendarModule } from '@sow/core';
import { CompanyDaysOffController } from './company-days-off.controller';

@Module({ imports: [WorkingCalendarModule], controllers: [CompanyDaysOffController] })
export class WorkingCalendarApiModule {}
