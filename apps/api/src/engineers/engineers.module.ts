import { Module } from '@nestjs/common';
import { EngineersModule } from '@sow/core';
import { EngineersController } from './engineers.controller';

@Module({ imports: [EngineersModule], controllers: [EngineersController] })
export class EngineersApiModule {}
