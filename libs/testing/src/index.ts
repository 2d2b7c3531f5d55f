export * from './test-env';
export * from './database';
export * from './queue-drain';
export * from './test-app';
export * from './openapi-contract';
export * from './builders';
export * from './processes';
