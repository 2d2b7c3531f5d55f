export * from './core.module';
export * from './users/users.service';
export * from './users/password-hasher';
export * from './queue-checks/queue-checks.service';
