export * from './processors.module';
export * from './job-error';
export * from './staffing.processor';
export * from './scheduler.processor';
export * from './webhooks.processor';
