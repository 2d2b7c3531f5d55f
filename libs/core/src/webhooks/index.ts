export * from './webhooks.module';
export * from './webhook-endpoints.service';
export * from './webhook-dispatcher.service';
export * from './webhook-sender.service';
export * from './webhook-signature';
export * from './retry-schedule';
export * from './address-guard';
