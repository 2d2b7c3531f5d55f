import { Module } from '@nestjs/common';
import { CustomersModule } from '@sow/core';
import { CustomersController } from './customers.controller';

@Module({ imports: [CustomersModule], controllers: [CustomersController] })
export class CustomersApiModule {}
