export * from './processors.module';
export * from './job-error';
