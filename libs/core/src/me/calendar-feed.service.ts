import { Injectable } from '@nestjs/common';
import { DomainError } from '@sow/domain';
import { AssignmentsRepository, CalendarTokensRepository, EngineersRepository } from '@sow/persistence';
import { renderCalendar } from './ics';
import { hashCalendarToken, teamShareOf } from './me.service';

// Tokens are 32 random bytes in base64url; anything else cannot be one, so no lookup is made.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The public feed behind a secret URL: the engineer's non-released assignments as all-day events. */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly tokens: CalendarTokensRepository,
    private readonly engineers: EngineersRepository,
    private readonly assignments: AssignmentsRepository,
  ) {}

  /** Unknown, malformed and revoked tokens are all the same 404, so a token cannot be probed. */
  async render(token: string, now = new Date()): Promise<string> {
    const found = TOKEN_PATTERN.test(token) ? await this.tokens.findLiveByHash(hashCalendarToken(token)) : null;
    const engineer = found ? await this.engineers.findById(found.engineerId) : null;
    if (!found || !engineer) throw new DomainError('not_found', 'Calendar not found');
    const details = await this.assignments.detailsOfEngineer(engineer.id, { includeReleased: false });
    return renderCalendar(
      {
        name: `${engineer.name} — assignments`,
        prodId: '-//SOW Planner//Assignments//EN',
        refreshMinutes: 60,
        events: details.map(({ assignment: a, ...d }) => {
          const team = teamShareOf(a.role, a.hoursPerWeek, d.teamSize, d.teamHoursPerWeek);
          return {
          // Stable per assignment, so calendar apps update the event instead of adding another.
          uid: `assignment-${a.id}@sow-planner`,
          summary: `${d.customerName}: ${d.scopeItemTitle} (${a.role})`,
          description: `SOW: ${d.sowTitle}\nRole: ${a.role}\nHours per week: ${a.hoursPerWeek}${team && team.size > 1 ? ` (${Math.round(100 * team.share)}% of a team of ${team.size})` : ''}\nOn-site days: ${a.onsiteDays}\nStatus: ${a.status}`,
          start: a.startDate,
          end: a.endDate,
          sequence: a.version,
          lastModified: new Date(a.updatedAt),
          categories: [a.status, a.role],
          };
        }),
      },
      now,
    );
  }
}
