export * from './timesheet-rules';
export * from './timesheets.service';
export * from './delivery-health.service';
export * from './delivery-metrics.service';
