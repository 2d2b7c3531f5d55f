import { Global, Module } from '@nestjs/common';
import { QueueChecksService } from './queue-checks/queue-checks.service';
import { UsersService } from './users/users.service';

const SERVICES = [UsersService, QueueChecksService];

/** Application services shared by the api and the worker. Needs PersistenceModule and JobsModule. */
@Global()
@Module({ providers: SERVICES, exports: SERVICES })
export class CoreModule {}
