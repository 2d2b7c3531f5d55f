import { Module } from '@nestjs/common';
import { DeliveryModule } from '@sow/core';
import { TimesheetsController } from './timesheets.controller';
import { DeliveryController } from './delivery.controller';

@Module({ imports: [DeliveryModule], controllers: [TimesheetsController, DeliveryController] })
export class DeliveryApiModule {}
