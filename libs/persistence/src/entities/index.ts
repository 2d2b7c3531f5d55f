import { QueueCheckEntity } from './queue-check.entity';
import { UserEntity } from './user.entity';

export { QueueCheckEntity, UserEntity };
export * from './queue-check.entity';

/** Every entity, for the data source. */
export const ENTITIES = [UserEntity, QueueCheckEntity];
