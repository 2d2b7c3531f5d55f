import ICAL from 'ical.js';
import { renderCalendar } from './ics';

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

  it('keeps a bare CR and other control characters out of the feed, as one parser sees it', () => {
    const hostile = renderCalendar(
      {
        name: 'Evil\rX-INJECTED:1\nname',
        prodId: '-//SOW Planner//Assignments//EN',
        events: [{ uid: 'u1@sow', summary: 'Title\rBEGIN:VALARM\u0007\u0000\u001b[31m', description: 'a\r\nb\rc\nd\u000b', location: 'Room\r1', start: '2027-01-04', end: '2027-01-04', categories: ['x\ry'] }],
      },
      now,
    );
    // Only CRLF line ends; no control character but those.
    const controls = Array.from(hostile.replace(/\r\n/g, '')).filter((ch) => ch.charCodeAt(0) < 0x20 && ch !== '\t');
    expect(controls).toEqual([]);
    expect(hostile).not.toMatch(/^X-INJECTED/m);
    expect(hostile).not.toMatch(/^BEGIN:VALARM/m);
    const component = new ICAL.Component(ICAL.parse(hostile));
    const [event] = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(component.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(component.getFirstSubcomponent('vevent')?.getAllSubcomponents('valarm')).toEqual([]);
    expect(event.summary).toBe('Title\nBEGIN:VALARM   [31m');
    expect(event.description).toBe('a\nb\nc\nd ');
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Evil X-INJECTED:1 name');
  });

  it('folds long lines without splitting a character', () => {
    const long = renderCalendar({ name: 'n', prodId: '-//SOW Planner//EN', events: [{ uid: 'u', summary: 'é'.repeat(60), start: '2027-01-04', end: '2027-01-04' }] }, now);
    expect(long).not.toContain('\uFFFD');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(long)).getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.summary).toBe('é'.repeat(60));
  });
});
