export * from './entities';
export * from './database-options';
export * from './embedded-database';
export * from './persistence.module';
export * from './repositories/users.repository';
export * from './repositories/queue-checks.repository';
export * from './database-runtime';
