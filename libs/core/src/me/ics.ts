import ical, { ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { addDays } from '@sow/domain';

/** One all-day (or multi-day) event of a personal calendar feed. */
export interface FeedEvent {
  /** Stable across feed refreshes, so calendar apps update instead of duplicating. */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  /** Calendar dates, inclusive. */
  start: string;
  end: string;
  /** Bumped whenever the event changes (RFC 5545 SEQUENCE). */
  sequence?: number;
  lastModified?: Date;
  categories?: string[];
}

export interface Feed {
  name: string;
  /** Product identifier, e.g. `-//SOW Planner//Assignments//EN`. */
  prodId: string;
  events: readonly FeedEvent[];
  /** Suggested refresh interval for subscribers, in minutes. */
  refreshMinutes?: number;
}

/** C0 and C1 control characters and DEL; RFC 5545 TEXT allows none of them but HTAB. */
function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Multi-line text: CR LF, a bare CR and LF all become one line break (escaped by the library); other controls but tab a space. */
export function cleanText(value: string): string {
  return Array.from(value.replace(/\r\n?/g, '\n'), (ch) => (ch !== '\n' && ch !== '\t' && isControl(ch) ? ' ' : ch)).join('');
}

/** Single-line text (the calendar name, which the library writes unescaped): every control is a space. */
export function cleanLine(value: string): string {
  return Array.from(value, (ch) => (isControl(ch) ? ' ' : ch)).join('');
}

const utcMidnight = (date: string): Date => new Date(`${date}T00:00:00Z`);

function parseProdId(prodId: string): { company: string; product: string; language: string } {
  const match = /^-?\/\/([^/]+)\/\/([^/]+)\/\/([A-Z]{1,4})$/.exec(prodId);
  if (match) return { company: match[1], product: match[2], language: match[3] };
  const [company = 'SOW Planner', product = 'Feed'] = prodId.replace(/^-?\/\//, '').split('//');
  return { company, product, language: 'EN' };
}

/**
 * Renders an RFC 5545 VCALENDAR of all-day events (DTEND is exclusive: the day after `end`) with
 * ical-generator, which escapes and folds; titles are cleaned of control characters first.
 */
export function renderCalendar(feed: Feed, now: Date): string {
  const calendar = ical({
    name: cleanLine(feed.name),
    prodId: parseProdId(feed.prodId),
    method: ICalCalendarMethod.PUBLISH,
    ttl: (feed.refreshMinutes ?? 60) * 60,
  });
  for (const event of feed.events) {
    calendar.createEvent({
      id: event.uid,
      stamp: now,
      start: utcMidnight(event.start),
      end: utcMidnight(addDays(event.end, 1)),
      allDay: true,
      summary: cleanText(event.summary),
      description: event.description !== undefined ? cleanText(event.description) : null,
      location: event.location !== undefined ? cleanText(event.location) : null,
      categories: (event.categories ?? []).map((name) => ({ name: cleanLine(name) })),
      sequence: event.sequence,
      lastModified: event.lastModified ?? null,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return `${calendar.toString()}\r\n`;
}
