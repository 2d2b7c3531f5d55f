import { ASSIGNMENT_STATUSES } from './vocabulary';
import { HEALTH_STATUSES } from './delivery';

/**
 * The one catalogue of domain events: every event the outbox carries (and webhooks deliver) is declared
 * here once, name → payload schema. The payload TypeScript types are derived from the schemas, so the
 * outbox writer, the relay, the plan triggers and the webhook documentation cannot disagree, and a
 * misspelt event name is a compile error.
 *
 * Event names are wire names (outbox rows, webhook subscriptions, receivers' code): DO NOT RENAME.
 * A payload change that removes or retypes a field is a new `version` (receivers see it in the envelope).
 */

/** A payload field, in a JSON-Schema-shaped subset small enough to derive a TypeScript type from. */
export type EventField =
  | { readonly type: 'string'; readonly format?: 'uuid' | 'date' | 'date-time'; readonly enum?: readonly string[]; readonly nullable?: true; readonly description?: string }
  | { readonly type: 'integer' | 'number'; readonly nullable?: true; readonly description?: string }
  | { readonly type: 'array'; readonly items: EventField; readonly description?: string }
  | { readonly type: 'object'; readonly description?: string };

interface EventSchema {
  readonly properties: Readonly<Record<string, EventField>>;
  /** Keys that may be absent; every other key is always present. */
  readonly optional?: readonly string[];
}

type FieldValue<F> = F extends { enum: readonly (infer E)[] }
  ? E | (F extends { nullable: true } ? null : never)
  : F extends { type: 'string' }
    ? string | (F extends { nullable: true } ? null : never)
    : F extends { type: 'integer' | 'number' }
      ? number | (F extends { nullable: true } ? null : never)
      : F extends { type: 'array'; items: infer I }
        ? FieldValue<I>[]
        : Record<string, unknown>;

type Optional<S> = S extends { optional: readonly (infer O)[] } ? O : never;
type PayloadOf<S extends EventSchema> = {
  [K in Exclude<keyof S['properties'], Optional<S>>]: FieldValue<S['properties'][K]>;
} & { [K in Extract<keyof S['properties'], Optional<S>>]?: FieldValue<S['properties'][K]> };

const uuid = { type: 'string', format: 'uuid' } as const;
const date = { type: 'string', format: 'date' } as const;
const integer = { type: 'integer' } as const;

/** A SOW status change other than approval (whose payload predates this shape): who moved it, and why. */
const sowTransition = (summary: string) =>
  ({
    version: 1,
    aggregateType: 'sow',
    summary,
    payload: { properties: { sowId: uuid, version: integer, by: uuid, reason: { type: 'string' } }, optional: ['reason'] },
  }) as const;

export const EVENT_CATALOGUE = {
  'sow.approved': {
    version: 1,
    aggregateType: 'sow',
    summary: 'A senior manager approved a SOW; a rebalance follows.',
    payload: { properties: { sowId: uuid, version: integer, approvedBy: uuid } },
  },
  'sow.submitted': sowTransition('An engagement manager submitted a SOW for approval.'),
  'sow.rejected': sowTransition('A senior manager rejected a submitted SOW; its live assignments are released.'),
  'sow.reopened': sowTransition('A rejected SOW went back to draft.'),
  'sow.activated': sowTransition('Delivery of an approved SOW started; its approved assignments became active.'),
  'sow.completed': sowTransition('A SOW was marked completed.'),
  'sow.cancelled': sowTransition('A SOW was cancelled; its live assignments are released.'),
  'sow.health_changed': {
    version: 1,
    aggregateType: 'sow',
    summary: "A SOW's delivery health changed (burn against plan, missing timesheets).",
    payload: {
      properties: {
        sowId: uuid,
        from: { type: 'string', enum: HEALTH_STATUSES },
        to: { type: 'string', enum: HEALTH_STATUSES },
        reasons: { type: 'array', items: { type: 'string' } },
        burn: { type: 'number', nullable: true, description: 'Share of the budget burnt, when known' },
        asOf: date,
      },
    },
  },
  'change_request.submitted': {
    version: 1,
    aggregateType: 'sow',
    summary: 'A change request was submitted against a SOW and awaits a senior manager.',
    payload: { properties: { sowId: uuid, changeRequestId: uuid, by: uuid } },
  },
  'change_request.rejected': {
    version: 1,
    aggregateType: 'sow',
    summary: 'A change request was rejected; its SOW is unchanged.',
    payload: { properties: { sowId: uuid, changeRequestId: uuid, by: uuid, reason: { type: 'string' } }, optional: ['reason'] },
  },
  'change_request.approved': {
    version: 1,
    aggregateType: 'sow',
    summary: 'A change request was approved and applied to its SOW; a rebalance follows.',
    payload: { properties: { sowId: uuid, changeRequestId: uuid, sowVersion: integer } },
  },
  'engineer.time_off_changed': {
    version: 1,
    aggregateType: 'engineer',
    summary: "An engineer's time off was added or removed; a rebalance follows.",
    payload: { properties: { engineerId: uuid, timeOffId: uuid, change: { type: 'string', enum: ['added', 'removed'] }, startDate: date, endDate: date } },
  },
  'engineer.deactivated': {
    version: 1,
    aggregateType: 'engineer',
    summary: 'An engineer was deactivated or deleted; a rebalance follows.',
    payload: { properties: { engineerId: uuid, reason: { type: 'string', enum: ['deactivated', 'deleted'] } } },
  },
  'assignment.created': {
    version: 1,
    aggregateType: 'assignment',
    summary: 'An assignment was proposed, by hand or by an approved staffing plan.',
    payload: {
      properties: {
        assignmentId: uuid,
        engineerId: uuid,
        scopeItemId: uuid,
        sowId: uuid,
        role: { type: 'string' },
        hoursPerWeek: { type: 'number' },
        startDate: date,
        endDate: date,
        source: { type: 'string' },
        staffingPlanId: { type: 'string', format: 'uuid', nullable: true },
      },
    },
  },
  'assignment.changed': {
    version: 1,
    aggregateType: 'assignment',
    summary: 'An assignment was updated or released.',
    payload: {
      properties: {
        assignmentId: uuid,
        engineerId: uuid,
        scopeItemId: uuid,
        sowId: uuid,
        change: { type: 'string', enum: ['updated', 'released'] },
        previousStatus: { type: 'string', enum: ASSIGNMENT_STATUSES },
        version: integer,
        reason: { type: 'string' },
      },
      optional: ['reason'],
    },
  },
  'staffing_plan.proposed': {
    version: 1,
    aggregateType: 'staffing_plan',
    summary: 'A staffing plan finished computing and awaits a decision.',
    payload: { properties: { planId: uuid, trigger: { type: 'string' }, changes: integer } },
  },
  'staffing_plan.approved': {
    version: 1,
    aggregateType: 'staffing_plan',
    summary: 'A senior manager approved a staffing plan; its moves were applied.',
    payload: { properties: { planId: uuid, moves: integer } },
  },
  'staffing_plan.rejected': {
    version: 1,
    aggregateType: 'staffing_plan',
    summary: 'A senior manager rejected a proposed staffing plan; nothing was applied.',
    payload: { properties: { planId: uuid, by: uuid, reason: { type: 'string' } } },
  },
  'staffing_plan.failed': {
    version: 1,
    aggregateType: 'staffing_plan',
    summary: 'A staffing plan could not be computed.',
    payload: { properties: { planId: uuid, trigger: { type: 'string' }, errorCode: { type: 'string' } } },
  },
  'timesheet.missing': {
    version: 1,
    aggregateType: 'engineer',
    summary: "An engineer has not submitted last week's timesheet.",
    payload: { properties: { engineerId: uuid, weekStart: date, status: { type: 'string', nullable: true, description: 'The timesheet status, null when none was started' }, requestedBy: { type: 'string', format: 'uuid', nullable: true } } },
  },
  'webhook_endpoint.disabled': {
    version: 1,
    aggregateType: 'webhook_endpoint',
    summary: 'A webhook endpoint was disabled: it answered 410 Gone, or failed for a day.',
    payload: { properties: { endpointId: uuid, url: { type: 'string' }, reason: { type: 'string', enum: ['gone', 'failing'] } } },
  },
  'webhook.test': {
    version: 1,
    aggregateType: 'webhook_endpoint',
    summary: 'Sent on request to one endpoint to check the receiver (never written to the outbox).',
    payload: { properties: { endpointId: uuid, message: { type: 'string' } } },
  },
} as const satisfies Readonly<Record<string, { version: number; aggregateType: string; summary: string; payload: EventSchema }>>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventPayload<T extends EventType> = PayloadOf<(typeof EVENT_CATALOGUE)[T]['payload']>;
export type AggregateType = (typeof EVENT_CATALOGUE)[EventType]['aggregateType'];

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, value);
}

/** An outbox row to write: the type picks the payload type, so a wrong name or field does not compile. */
export type DomainEvent = {
  [T in EventType]: { type: T; aggregateType: (typeof EVENT_CATALOGUE)[T]['aggregateType']; aggregateId: string; payload: EventPayload<T> };
}[EventType];

/** Builds an outbox event; the aggregate type comes from the catalogue. */
export function domainEvent<T extends EventType>(type: T, aggregateId: string, payload: EventPayload<T>): Extract<DomainEvent, { type: T }> {
  return { type, aggregateType: EVENT_CATALOGUE[type].aggregateType, aggregateId, payload } as Extract<DomainEvent, { type: T }>;
}

/** What a webhook receiver gets (Standard Webhooks' recommended shape, plus the payload version). */
export interface EventEnvelope<T extends EventType = EventType> {
  type: T;
  version: number;
  /** When the event happened (ISO 8601, UTC). */
  timestamp: string;
  data: EventPayload<T>;
}

/** The JSON Schema of an event's envelope, for the OpenAPI document. */
export function envelopeSchema(type: EventType): Record<string, unknown> {
  const entry = EVENT_CATALOGUE[type];
  const schema: EventSchema = entry.payload;
  const optional = new Set(schema.optional ?? []);
  const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, field]) => [key, fieldSchema(field)]));
  return {
    type: 'object',
    description: entry.summary,
    required: ['type', 'version', 'timestamp', 'data'],
    properties: {
      type: { type: 'string', const: type },
      version: { type: 'integer', const: entry.version },
      timestamp: { type: 'string', format: 'date-time' },
      data: { type: 'object', required: Object.keys(schema.properties).filter((k) => !optional.has(k)), properties },
    },
  };
}

function fieldSchema(field: EventField): Record<string, unknown> {
  if (field.type === 'array') return { type: 'array', items: fieldSchema(field.items) };
  if (field.type === 'object') return { type: 'object' };
  const { nullable, ...rest } = field;
  return nullable ? { ...rest, type: [field.type, 'null'] } : { ...rest };
}
