import { ApiProperty } from '@nestjs/swagger';
import { ASSIGNMENT_ROLES, ASSIGNMENT_STATUSES, AssignmentRole, AssignmentStatus, UTILIZATION_STATUSES } from '@sow/domain';
import { StoredScoreResponse } from '../assignments/assignment.dto';

export class NamedRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MySowRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
}

export class MyScopeItemRefResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() kind: string;
}

export class TeamShareResponse {
  @ApiProperty({ description: 'Engineers sharing the item (primary and secondaries)' }) size: number;
  @ApiProperty({ description: 'Your share of the item’s weekly hours, 0..1' }) share: number;
}

export class MyAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: NamedRefResponse }) customer: NamedRefResponse;
  @ApiProperty({ type: MySowRefResponse }) sow: MySowRefResponse;
  @ApiProperty({ type: MyScopeItemRefResponse }) scopeItem: MyScopeItemRefResponse;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role: AssignmentRole;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty() hoursPerWeek: number;
  @ApiProperty() onsiteDays: number;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ type: StoredScoreResponse, nullable: true, description: 'Why you were picked: the score when the assignment was made' }) whyPicked: StoredScoreResponse | null;
  @ApiProperty({ type: TeamShareResponse, nullable: true, description: 'Primary or secondary: the team and your share of its hours' }) team: TeamShareResponse | null;
  @ApiProperty() version: number;
}

export class DateRangeResponse {
  @ApiProperty({ format: 'date' }) start: string;
  @ApiProperty({ format: 'date' }) end: string;
}

export class WeekUtilizationResponse {
  @ApiProperty({ example: '2027-W03' }) period: string;
  @ApiProperty({ type: DateRangeResponse, description: 'The week clipped to the window' }) range: DateRangeResponse;
  @ApiProperty() workingDays: number;
  @ApiProperty({ description: 'Working days not on time off' }) availableDays: number;
  @ApiProperty() capacityHours: number;
  @ApiProperty() plannedHours: number;
  @ApiProperty({ description: 'Hours that would have fallen on time off (work pauses while you are away)' }) hoursOnTimeOff: number;
  @ApiProperty({ nullable: true, type: Number }) utilization: number | null;
  @ApiProperty({ enum: UTILIZATION_STATUSES }) status: string;
}

export class MonthTravelResponse {
  @ApiProperty({ example: '2027-01' }) month: string;
  @ApiProperty() workingDays: number;
  @ApiProperty() onsiteDays: number;
  @ApiProperty() limitDays: number;
  @ApiProperty() fraction: number;
  @ApiProperty() limit: number;
  @ApiProperty() exceeded: boolean;
}

export class MyUtilizationResponse {
  @ApiProperty({ format: 'uuid' }) engineerId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [WeekUtilizationResponse] }) weeks: WeekUtilizationResponse[];
  @ApiProperty({ type: [MonthTravelResponse], description: 'Whole calendar months touching the window' }) travel: MonthTravelResponse[];
}

export class CalendarTokenResponse {
  @ApiProperty({ example: '/api/v1/calendar/3q2-….ics', description: 'Secret feed path, shown only now; creating a new one revokes the old' }) url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
