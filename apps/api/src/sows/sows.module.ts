import { Module } from '@nestjs/common';
import { SowsModule } from '@sow/core';
import { SowsController } from './sows.controller';
import { ChangeRequestsController } from './change-requests.controller';

@Module({ imports: [SowsModule], controllers: [SowsController, ChangeRequestsController] })
export class SowsApiModule {}
