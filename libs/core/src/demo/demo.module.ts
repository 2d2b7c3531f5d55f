import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { CustomersModule } from '../customers/customers.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { EngineersModule } from '../engineers/engineers.module';
import { SowsModule } from '../sows/sows.module';
import { UsersModule } from '../users/users.module';
import { DemoHistoryService } from './demo-history';
import { DemoSeedService } from './demo-seed.service';

/** The demo organisation, built through the same services a user would call. */
@Module({
  imports: [UsersModule, EngineersModule, CustomersModule, SowsModule, AssignmentsModule, DeliveryModule],
  providers: [DemoSeedService, DemoHistoryService],
  exports: [DemoSeedService],
})
export class DemoModule {}
