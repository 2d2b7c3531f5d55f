import ICAL from 'ical.js';
import { escapeText, foldLine, renderCalendar } from './ics';

describe('renderCalendar', () => {
  const now = new Date('2027-01-04T09:30:00Z');
  const text = renderCalendar(
    {
      name: 'Ada Byrne — SOW Planner',
      prodId: '-//SOW Planner//EN',
      events: [
        {
          uid: 'asg-1@sow-planner',
          summary: 'Acme Bank: GitLab 10k HA install (primary)',
          description: 'Role primary, 32 h/week; 2 on-site days.\nWhy: skill fit 90%; needs work.',
          location: 'Acme Bank, emea',
          start: '2027-01-04',
          end: '2027-02-26',
          sequence: 3,
          categories: ['primary', 'installation'],
        },
        { uid: 'asg-2@sow-planner', summary: 'Résumé, ünïcode; commas, and \\ backslashes '.repeat(4), start: '2027-02-28', end: '2027-02-28' },
      ],
    },
    now,
  );

  it('is parsed by a real iCalendar parser with the dates, text and uids intact', () => {
    const component = new ICAL.Component(ICAL.parse(text));
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['asg-1@sow-planner', 'asg-2@sow-planner']);
    const [first, second] = events;
    expect(first.startDate.toString()).toBe('2027-01-04');
    expect(first.endDate.toString()).toBe('2027-02-27'); // exclusive end: the day after 2027-02-26
    expect(first.startDate.isDate).toBe(true);
    expect(first.description).toBe('Role primary, 32 h/week; 2 on-site days.\nWhy: skill fit 90%; needs work.');
    expect(first.sequence).toBe(3);
    expect(second.summary).toBe('Résumé, ünïcode; commas, and \\ backslashes '.repeat(4));
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Ada Byrne — SOW Planner');
  });

  it('uses CRLF line ends and folds every line to at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('escapes TEXT values and folds without splitting a character', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded).not.toContain('\uFFFD');
  });
});
