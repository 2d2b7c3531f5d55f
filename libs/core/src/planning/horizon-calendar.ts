import { addDays, DateRange, EngineerProfile, isWorkingDay, PROFICIENCY_RANK, ScopeItemDemand, toDayNumber } from '@sow/domain';

/**
 * Working days of a horizon as prefix sums, so "hours of an item in week k for engineer e" is O(1)
 * instead of a walk over dates: compiling a large organisation asks this hundreds of thousands of times.
 */
export class HorizonCalendar {
  readonly firstDay: number;
  readonly days: number;
  /** working[i] = working days in [0, i). */
  private readonly working: Int32Array;
  private readonly offPrefix = new Map<string, Int32Array | null>();
  /** Engineers with the same days away inside the horizon (one country, no leave of their own) share one array. */
  private readonly offBySignature = new Map<string, Int32Array | null>();
  /** Loads of a booking on the days of one calendar, shared by every engineer with that calendar. */
  private readonly spreadCache = new Map<string, Record<string, number>>();
  private readonly signatures = new Map<string, string>();
  /** Day-index bounds [start, end] of each week of the horizon. */
  readonly weeks: ReadonlyArray<readonly [number, number]>;

  constructor(horizon: DateRange, weekRanges: readonly DateRange[]) {
    this.firstDay = toDayNumber(horizon.start);
    this.days = toDayNumber(horizon.end) - this.firstDay + 1;
    this.working = new Int32Array(this.days + 1);
    for (let i = 0; i < this.days; i++) {
      this.working[i + 1] = this.working[i] + (isWorkingDay(addDays(horizon.start, i)) ? 1 : 0);
    }
    this.weeks = weekRanges.map((w) => [toDayNumber(w.start) - this.firstDay, toDayNumber(w.end) - this.firstDay] as const);
  }

  private index(date: string): number {
    return toDayNumber(date) - this.firstDay;
  }

  /** Prefix sums of the engineer's time-off working days in the horizon; null without any. */
  private offDays(engineer: EngineerProfile): Int32Array | null {
    const known = this.offPrefix.get(engineer.id);
    if (known !== undefined) return known;
    const signature = this.signatureOf(engineer);
    const shared = this.offBySignature.get(signature);
    if (shared !== undefined) {
      this.offPrefix.set(engineer.id, shared);
      return shared;
    }
    let marks: Int32Array | null = null;
    for (const range of engineer.timeOff) {
      const a = Math.max(0, this.index(range.start));
      const b = Math.min(this.days - 1, this.index(range.end));
      if (a > b) continue;
      marks ??= new Int32Array(this.days + 1);
      // Marks first (1 on a working day off), prefix sums below.
      for (let i = a; i <= b; i++) marks[i + 1] = this.working[i + 1] - this.working[i];
    }
    if (marks) for (let i = 1; i <= this.days; i++) marks[i] += marks[i - 1];
    this.offPrefix.set(engineer.id, marks);
    this.offBySignature.set(signature, marks);
    return marks;
  }

  /** The engineer's days away clipped to the horizon, as a key. */
  private signatureOf(engineer: EngineerProfile): string {
    const known = this.signatures.get(engineer.id);
    if (known !== undefined) return known;
    const parts: string[] = [];
    for (const range of engineer.timeOff) {
      const a = Math.max(0, this.index(range.start));
      const b = Math.min(this.days - 1, this.index(range.end));
      if (a <= b) parts.push(`${a}-${b}`);
    }
    const signature = parts.join(',');
    this.signatures.set(engineer.id, signature);
    return signature;
  }

  /**
   * Capacity and booked hours per week of the horizon, with time off counted out of both (the rule
   * book's weekly utilization, from prefix sums rather than a walk over the dates of every week).
   */
  weeklyLoad(engineer: EngineerProfile, bookings: readonly DateRange[] & ReadonlyArray<{ hoursPerWeek: number }>): { capacityHours: number[]; plannedHours: number[] } {
    const off = this.offDays(engineer);
    const capacityHours = this.weeks.map(([a, b]) => {
      const days = this.working[b + 1] - this.working[a] - (off ? off[b + 1] - off[a] : 0);
      return (engineer.weeklyCapacityHours * days) / 5;
    });
    const plannedHours = this.weeks.map(() => 0);
    for (const booking of bookings) {
      const load = this.spread(booking.hoursPerWeek, booking, engineer);
      for (const k in load) plannedHours[Number(k)] += load[k];
    }
    return { capacityHours, plannedHours };
  }

  /** Hours per week index of a booking at `hoursPerWeek` over `range`, on the engineer's available days. */
  spread(hoursPerWeek: number, range: DateRange, engineer?: EngineerProfile): Record<string, number> {
    const s = Math.max(0, this.index(range.start));
    const e = Math.min(this.days - 1, this.index(range.end));
    const off = engineer ? this.offDays(engineer) : null;
    if (!off) return this.spreadOn(hoursPerWeek, s, e, null);
    // Engineers sharing a calendar share the load object: callers read it, never write it.
    const cacheKey = `${engineer ? this.signatureOf(engineer) : ''}|${hoursPerWeek}|${s}|${e}`;
    let load = this.spreadCache.get(cacheKey);
    if (!load) {
      load = this.spreadOn(hoursPerWeek, s, e, off);
      this.spreadCache.set(cacheKey, load);
    }
    return load;
  }

  private spreadOn(hoursPerWeek: number, s: number, e: number, off: Int32Array | null): Record<string, number> {
    const load: Record<string, number> = {};
    if (s > e) return load;
    this.weeks.forEach(([ws, we], k) => {
      const a = Math.max(ws, s);
      const b = Math.min(we, e);
      if (a > b) return;
      let days = this.working[b + 1] - this.working[a];
      if (off) days -= off[b + 1] - off[a];
      const hours = (hoursPerWeek * days) / 5;
      if (hours > 1e-9) load[String(k)] = hours;
    });
    return load;
  }

  /** True when the engineer is present on some working day of the range inside the horizon (O(1)). */
  isPresentDuring(engineer: EngineerProfile, range: DateRange): boolean {
    const s = Math.max(0, this.index(range.start));
    const e = Math.min(this.days - 1, this.index(range.end));
    if (s > e) return false;
    const off = this.offDays(engineer);
    return this.working[e + 1] - this.working[s] - (off ? off[e + 1] - off[s] : 0) > 0;
  }

  /** True when the engineer has time off on a working day inside the range (within the horizon). */
  isAwayDuring(engineer: EngineerProfile, range: DateRange): boolean {
    const off = this.offDays(engineer);
    if (!off) return false;
    const s = Math.max(0, this.index(range.start));
    const e = Math.min(this.days - 1, this.index(range.end));
    return s <= e && off[e + 1] - off[s] > 0;
  }
}

/** Engineers by skill and minimum proficiency, to find an item's candidates without scanning everyone. */
export class SkillIndex {
  /** `${key}:${rank}` → engineers holding the skill at that rank or above. */
  private readonly holders = new Map<string, Set<EngineerProfile>>();

  constructor(private readonly engineers: readonly EngineerProfile[]) {
    for (const engineer of engineers) {
      for (const skill of engineer.skills) {
        for (let rank = 1; rank <= PROFICIENCY_RANK[skill.proficiency]; rank++) {
          const key = `${skill.key}:${rank}`;
          let set = this.holders.get(key);
          if (!set) this.holders.set(key, (set = new Set()));
          set.add(engineer);
        }
      }
    }
  }

  /** Engineers holding every required skill at its minimum proficiency (everyone when none is required). */
  holdersOf(item: Pick<ScopeItemDemand, 'requiredSkills'>): readonly EngineerProfile[] {
    if (item.requiredSkills.length === 0) return this.engineers;
    const sets = item.requiredSkills.map((r) => this.holders.get(`${r.key}:${PROFICIENCY_RANK[r.minProficiency]}`) ?? new Set<EngineerProfile>());
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sets;
    return [...smallest].filter((e) => rest.every((set) => set.has(e)));
  }
}

