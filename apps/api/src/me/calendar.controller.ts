import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CalendarFeedService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { Public } from '../http/auth.decorators';
import { ErrorBody } from '../http/error-body';

/** The personal calendar feed: public, the secret is the URL. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Public()
  @Get(':file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=300')
  @ApiParam({ name: 'file', description: '<token>.ics, as returned by POST /me/calendar-token' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'RFC 5545 calendar: one all-day event per non-released assignment (UID stable, SEQUENCE = version)' })
  @ApiNotFoundResponse({ type: ErrorBody, description: 'Unknown or revoked token (same answer either way)' })
  @ApiOperation({ summary: 'Get a calendar feed (iCalendar)' })
  feed(@Param('file') file: string): Promise<string> {
    const match = /^(.+)\.ics$/.exec(file);
    if (!match) return Promise.reject(new DomainError('not_found', 'Calendar not found'));
    return this.feeds.render(match[1]);
  }
}
