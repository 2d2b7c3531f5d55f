import { weeklyUtilization } from '@sow/domain';
import { isKnownRegion, publicHolidays } from './public-holidays';
import { WorkingCalendar } from './working-calendar.service';

describe('working calendars', () => {
  it('knows countries and ISO 3166-2 subdivisions from the holiday library', () => {
    expect(isKnownRegion('DE', null)).toBe(true);
    expect(isKnownRegion('DE', 'DE-BY')).toBe(true);
    expect(isKnownRegion('US', 'US-NY')).toBe(true);
    expect(isKnownRegion('DE', 'DE-XX')).toBe(false);
    expect(isKnownRegion('XX', null)).toBe(false);
  });

  it('gives regional public holidays on top of the national ones', () => {
    expect(publicHolidays('DE', null, 2027)).not.toContain('2027-01-06');
    expect(publicHolidays('DE', 'DE-BY', 2027)).toEqual(expect.arrayContaining(['2027-01-01', '2027-01-06', '2027-03-26', '2027-12-25']));
    expect(publicHolidays('US', null, 2027)).toEqual(expect.arrayContaining(['2027-07-05', '2027-11-25']));
  });

  it('turns holidays and company days off into days away, which capacity then counts out', () => {
    const calendar = new WorkingCalendar(['2027-01-08']);
    const engineer = { country: 'DE', subdivision: 'DE-BY', timeOff: [{ start: '2027-01-07', end: '2027-01-07' }], weeklyCapacityHours: 40, utilizationTarget: 0.7, maxUtilization: 1, travelLimit: 0.2 };
    const window = { start: '2027-01-04', end: '2027-01-10' };
    const applied = calendar.apply(engineer, window);
    expect(applied.timeOff).toEqual([{ start: '2027-01-06', end: '2027-01-08' }]);
    // Wednesday is Epiphany in Bavaria, Thursday their own day off, Friday the company's: two working days left.
    expect(weeklyUtilization(applied, [], window)[0].capacityHours).toBe(16);
    const nowhere = calendar.apply({ ...engineer, country: null, subdivision: null, timeOff: [] }, window);
    expect(nowhere.timeOff).toEqual([{ start: '2027-01-08', end: '2027-01-08' }]);
  });
});
