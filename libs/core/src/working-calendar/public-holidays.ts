import Holidays from 'date-holidays';
import { addDays, DateRange, IsoDate, mergeRanges } from '@sow/domain';

// One parser per country/subdivision and one list per year: the rules are evaluated once per process.
const calendars = new Map<string, Holidays>();
const years = new Map<string, readonly IsoDate[]>();
let countries: ReadonlySet<string> | null = null;
const subdivisions = new Map<string, ReadonlySet<string>>();

/** Whether the holiday library has a calendar for the country (ISO 3166-1) and subdivision (ISO 3166-2, e.g. DE-BY). */
export function isKnownRegion(country: string, subdivision: string | null): boolean {
  countries ??= new Set(Object.keys(new Holidays().getCountries()));
  if (!countries.has(country)) return false;
  if (subdivision === null) return true;
  let states = subdivisions.get(country);
  if (!states) {
    states = new Set(Object.keys(new Holidays().getStates(country) ?? {}).map((s) => `${country}-${s}`));
    subdivisions.set(country, states);
  }
  return states.has(subdivision);
}

/** The public holidays (type `public`, substitute days included) of a country or subdivision in one year. */
export function publicHolidays(country: string, subdivision: string | null, year: number): readonly IsoDate[] {
  const key = `${country}|${subdivision ?? ''}|${year}`;
  const known = years.get(key);
  if (known) return known;
  const region = `${country}|${subdivision ?? ''}`;
  let calendar = calendars.get(region);
  if (!calendar) {
    calendar = subdivision ? new Holidays(country, subdivision.slice(country.length + 1)) : new Holidays(country);
    calendars.set(region, calendar);
  }
  const days: IsoDate[] = [];
  for (const h of calendar.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const first = h.date.slice(0, 10);
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let i = 0; i < length; i++) days.push(addDays(first, i));
  }
  const sorted = [...new Set(days)].sort();
  years.set(key, sorted);
  return sorted;
}

/** Holidays of the region and the company's days off inside the window, as merged date ranges. */
export function daysOffIn(country: string | null, subdivision: string | null, companyDays: readonly IsoDate[], window: DateRange): DateRange[] {
  const days: IsoDate[] = [];
  if (country !== null && isKnownRegion(country, subdivision)) {
    for (let year = Number(window.start.slice(0, 4)); year <= Number(window.end.slice(0, 4)); year++) {
      for (const d of publicHolidays(country, subdivision, year)) if (d >= window.start && d <= window.end) days.push(d);
    }
  }
  for (const d of companyDays) if (d >= window.start && d <= window.end) days.push(d);
  return mergeRanges(days.map((d) => ({ start: d, end: d })));
}
