export * from './scenario-changes';
export * from './scenario-overlay';
export * from './scenario-outcome';
export * from './hiring-model';
export * from './scenario-solve';
export * from './scenario-runner.service';
export * from './scenarios.service';
export * from './scenarios.module';
