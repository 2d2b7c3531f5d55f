import { AssignmentEntity } from './assignment.entity';
import { AuditEventEntity } from './audit-event.entity';
import { CalendarTokenEntity } from './calendar-token.entity';
import { ChangeRequestEntity } from './change-request.entity';
import { CustomerEntity } from './customer.entity';
import { EngineerSkillEntity } from './engineer-skill.entity';
import { EngineerEntity } from './engineer.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { QueueCheckEntity } from './queue-check.entity';
import { RateCardEntity } from './rate-card.entity';
import { ScopeItemEntity } from './scope-item.entity';
import { ScopeTemplateEntity } from './scope-template.entity';
import { SkillEntity } from './skill.entity';
import { SowEntity } from './sow.entity';
import { StaffingPlanEntity } from './staffing-plan.entity';
import { TimeOffEntity } from './time-off.entity';
import { CompanyDayOffEntity } from './company-day-off.entity';
import { UserEntity } from './user.entity';
import { ScenarioChangeEntity, ScenarioEntity, ScenarioRunEntity } from './scenario.entity';
import { ApprovedActualsMonthlyEntity, RateCardHistoryEntity, SowActualsEntity, ScopeItemFinishEntity, ScopeItemForecastEntity, SowCsatEntity, SowHealthEntity, TimesheetEntity, TimesheetEntryEntity } from './delivery.entity';
import { WebhookDeliveryEntity, WebhookEndpointEntity, WebhookMessageEntity } from './webhook.entity';

export { QueueCheckEntity, UserEntity };
export * from './queue-check.entity';
export * from './skill.entity';
export * from './engineer.entity';
export * from './engineer-skill.entity';
export * from './time-off.entity';
export * from './company-day-off.entity';
export * from './customer.entity';
export * from './scope-template.entity';
export * from './sow.entity';
export * from './scope-item.entity';
export * from './change-request.entity';
export * from './rate-card.entity';
export * from './audit-event.entity';
export * from './outbox-event.entity';
export * from './assignment.entity';
export * from './calendar-token.entity';
export * from './staffing-plan.entity';
export * from './column-transformers';
export * from './delivery.entity';
export * from './scenario.entity';
export * from './webhook.entity';

/** Every entity, for the data source. */
export const ENTITIES = [
  UserEntity,
  QueueCheckEntity,
  SkillEntity,
  EngineerEntity,
  EngineerSkillEntity,
  TimeOffEntity,
  CompanyDayOffEntity,
  CustomerEntity,
  ScopeTemplateEntity,
  SowEntity,
  ScopeItemEntity,
  ChangeRequestEntity,
  RateCardEntity,
  AuditEventEntity,
  OutboxEventEntity,
  AssignmentEntity,
  CalendarTokenEntity,
  StaffingPlanEntity,
  TimesheetEntity,
  TimesheetEntryEntity,
  RateCardHistoryEntity,
  ScopeItemForecastEntity,
  SowHealthEntity,
  SowCsatEntity,
  ApprovedActualsMonthlyEntity,
  SowActualsEntity,
  ScenarioEntity,
  ScenarioChangeEntity,
  ScenarioRunEntity,
  ScopeItemFinishEntity,
  WebhookEndpointEntity,
  WebhookMessageEntity,
  WebhookDeliveryEntity,
];
