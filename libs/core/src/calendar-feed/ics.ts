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
  /** Product identifier, e.g. `-//SOW Planner//EN`. */
  prodId: string;
  events: readonly FeedEvent[];
  /** Suggested refresh interval for subscribers, in minutes. */
  refreshMinutes?: number;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + limit);
    // Step back to a character boundary: continuation bytes are 10xxxxxx.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}

const basicDate = (date: string): string => date.replace(/-/g, '');
const utcStamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/** Renders an RFC 5545 VCALENDAR with all-day events (DTEND is exclusive, so the day after `end`). */
export function renderCalendar(feed: Feed, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${feed.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(feed.name)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${feed.refreshMinutes ?? 60}M`,
    `X-PUBLISHED-TTL:PT${feed.refreshMinutes ?? 60}M`,
  ];
  for (const event of feed.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;VALUE=DATE:${basicDate(event.start)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(event.end, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.categories && event.categories.length > 0) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
    if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
    if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
