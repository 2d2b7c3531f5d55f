export * from './queue-names';
export * from './queue-connection';
export * from './job-producer';
export * from './jobs.module';
export * from './throttled-warning';
