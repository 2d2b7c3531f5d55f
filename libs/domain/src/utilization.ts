import {
  countWorkingDays,
  countWorkingDaysCovered,
  DateRange,
  intersectRanges,
  isoWeekRange,
  isoWeeksInRange,
  monthRange,
  monthsInRange,
} from './calendar';

/** The parts of an engineer that capacity, utilization and travel depend on. */
export interface CapacityProfile {
  /** Hours in a full five-day working week (e.g. 40). */
  weeklyCapacityHours: number;
  /** Fractions of capacity, e.g. 0.7 and 1.0. */
  utilizationTarget: number;
  maxUtilization: number;
  /** Fraction of a month's working days that may be on site, e.g. 0.2. */
  travelLimit: number;
  timeOff: readonly DateRange[];
}

/** A booked assignment (or a candidate one) of one engineer. */
export interface Booking extends DateRange {
  hoursPerWeek: number;
  onsiteDays: number;
  id?: string;
  sowId?: string;
  customerId?: string;
  scopeItemId?: string;
}

export const UTILIZATION_STATUSES = ['below', 'on_target', 'over_max', 'no_capacity'] as const;
export type UtilizationStatus = (typeof UTILIZATION_STATUSES)[number];

export interface PeriodUtilization {
  /** ISO week key ('2026-W03') or month key ('2026-01'). */
  period: string;
  /** The period clipped to the window it was computed over. */
  range: DateRange;
  workingDays: number;
  availableDays: number;
  capacityHours: number;
  plannedHours: number;
  /**
   * Hours the bookings would have had on the engineer's time-off days. An assignment is worked on the
   * engineer's available working days only, so these hours are not planned (the EM sees the slip).
   */
  hoursOnTimeOff: number;
  /** planned / capacity; null when there is no capacity. */
  utilization: number | null;
  status: UtilizationStatus;
}

export interface MonthlyTravel {
  month: string;
  workingDays: number;
  onsiteDays: number;
  limitDays: number;
  fraction: number;
  limit: number;
  exceeded: boolean;
}

// Tolerance for comparing sums of fractional hours and days.
export const UTILIZATION_EPSILON = 1e-9;

/** Hours of a booking in a range, before the engineer's time off: hoursPerWeek / 5 on each working day. */
export function bookingHoursInRange(booking: Booking, range: DateRange): number {
  const overlap = intersectRanges(booking, range);
  return overlap ? (booking.hoursPerWeek * countWorkingDays(overlap)) / 5 : 0;
}

/** On-site days in a range: the booking's on-site days spread evenly over its working days (fractional). */
export function bookingOnsiteDaysInRange(booking: Booking, range: DateRange): number {
  const total = countWorkingDays(booking);
  const overlap = intersectRanges(booking, range);
  if (!overlap || total === 0 || booking.onsiteDays === 0) return 0;
  return (booking.onsiteDays * countWorkingDays(overlap)) / total;
}

/** Hours per week that spread `estimatedHours` evenly over the working days of a range. */
export function hoursPerWeekFor(estimatedHours: number, range: DateRange): number {
  const days = countWorkingDays(range);
  return days === 0 ? 0 : (estimatedHours * 5) / days;
}

export function utilizationStatus(
  utilization: number | null,
  plannedHours: number,
  target: number,
  max: number,
): UtilizationStatus {
  if (utilization === null) return plannedHours > UTILIZATION_EPSILON ? 'over_max' : 'no_capacity';
  if (utilization > max + UTILIZATION_EPSILON) return 'over_max';
  if (utilization + UTILIZATION_EPSILON < target) return 'below';
  return 'on_target';
}

/**
 * Capacity and planned hours of one engineer over one range (a week, a month or any window). Time off
 * removes capacity and the hours booked on those days alike: nobody works an assignment while on leave.
 */
export function utilizationInRange(
  profile: CapacityProfile,
  bookings: readonly Booking[],
  range: DateRange,
  period: string,
): PeriodUtilization {
  const workingDays = countWorkingDays(range);
  const offDays = countWorkingDaysCovered(range, profile.timeOff);
  const availableDays = workingDays - offDays;
  const capacityHours = (profile.weeklyCapacityHours * availableDays) / 5;
  let plannedHours = 0;
  let hoursOnTimeOff = 0;
  for (const booking of bookings) {
    const overlap = intersectRanges(booking, range);
    if (!overlap) continue;
    const off = (booking.hoursPerWeek * countWorkingDaysCovered(overlap, profile.timeOff)) / 5;
    plannedHours += bookingHoursInRange(booking, range) - off;
    hoursOnTimeOff += off;
  }
  const utilization = capacityHours > UTILIZATION_EPSILON ? plannedHours / capacityHours : null;
  return {
    period,
    range,
    workingDays,
    availableDays,
    capacityHours,
    plannedHours,
    hoursOnTimeOff,
    utilization,
    status: utilizationStatus(utilization, plannedHours, profile.utilizationTarget, profile.maxUtilization),
  };
}

/** Per ISO week overlapping the window, with each week clipped to the window. */
export function weeklyUtilization(
  profile: CapacityProfile,
  bookings: readonly Booking[],
  window: DateRange,
): PeriodUtilization[] {
  return isoWeeksInRange(window).map((week) =>
    utilizationInRange(profile, bookings, intersectRanges(isoWeekRange(week), window) ?? window, week),
  );
}

/** Per calendar month overlapping the window, with each month clipped to the window. */
export function monthlyUtilization(
  profile: CapacityProfile,
  bookings: readonly Booking[],
  window: DateRange,
): PeriodUtilization[] {
  return monthsInRange(window).map((month) =>
    utilizationInRange(profile, bookings, intersectRanges(monthRange(month), window) ?? window, month),
  );
}

/**
 * On-site days per whole calendar month overlapping the window, against the engineer's travel limit.
 * Months are never clipped: the travel rule is per calendar month. The limit is a share of the days the
 * engineer works that month: public holidays and time off (days away in `timeOff`) reduce it.
 */
export function monthlyTravel(
  profile: Pick<CapacityProfile, 'travelLimit'> & Partial<Pick<CapacityProfile, 'timeOff'>>,
  bookings: readonly Booking[],
  window: DateRange,
): MonthlyTravel[] {
  return monthsInRange(window).map((month) => {
    const range = monthRange(month);
    const workingDays = countWorkingDays(range);
    const presentDays = workingDays - (profile.timeOff && profile.timeOff.length > 0 ? countWorkingDaysCovered(range, profile.timeOff) : 0);
    const onsiteDays = bookings.reduce((sum, b) => sum + bookingOnsiteDaysInRange(b, range), 0);
    const limitDays = profile.travelLimit * presentDays;
    return {
      month,
      workingDays,
      onsiteDays,
      limitDays,
      fraction: presentDays === 0 ? 0 : onsiteDays / presentDays,
      limit: profile.travelLimit,
      exceeded: onsiteDays > limitDays + UTILIZATION_EPSILON,
    };
  });
}
