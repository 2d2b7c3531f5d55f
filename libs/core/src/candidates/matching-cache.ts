import { Injectable } from '@nestjs/common';
import { AssignmentsRepository, ChangeFeed, DirectoryEngineer, EngineerBooking, EngineerDirectoryRepository, groupBookings } from '@sow/persistence';
import { WorkingCalendarService } from '../working-calendar/working-calendar.service';

/** What ranking reads: every engineer (profile, skills, time off) and every live booking, by engineer. */
export interface MatchingData {
  engineers: readonly DirectoryEngineer[];
  byId: ReadonlyMap<string, DirectoryEngineer>;
  bookingsByEngineer: Readonly<Record<string, readonly EngineerBooking[]>>;
  /** Bumped on every reload, so results computed from older data are never served. */
  generation: number;
  /** The database snapshot the data is exact for; anything read after it may be cached with it. */
  snapshot: string;
}

const MAX_RESULTS = 256;
const MAX_LARGE_RESULTS = 8;

/** A least-recently-used map (a Map keeps insertion order: re-inserting on a hit moves the key last). */
class Lru {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly capacity: number) {}

  through<T>(key: string, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as T;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * An in-process copy of the engineer directory and of the live bookings. Freshness: while the change feed
 * is live and its stamp has not moved (no commit in this process, no notification from the matching
 * tables' triggers), the copy is served without asking the database. Otherwise one tiny query reads the
 * database snapshot; transaction ids are cluster-wide, so writes anywhere move it; then one statement
 * reads the table fingerprints, and only a part whose fingerprint changed is reloaded. Fingerprint reads are coalesced: at most one runs and one waits, and every request waits only
 * for a read that started after it arrived. Each api replica keeps its own copy; nothing is shared.
 */
@Injectable()
export class MatchingCache {
  private data: MatchingData = { engineers: [], byId: new Map(), bookingsByEngineer: {}, generation: 0, snapshot: '' };
  private snapshot: string | null = null;
  private directoryPrint: string | null = null;
  private assignmentsPrint: string | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly results = new Lru(MAX_RESULTS);
  private readonly largeResults = new Lru(MAX_LARGE_RESULTS);
  /** The change-feed stamp the data was last confirmed current at (-1: never). */
  private confirmedStamp = -1;

  constructor(
    private readonly directory: EngineerDirectoryRepository,
    private readonly assignments: AssignmentsRepository,
    private readonly changes: ChangeFeed,
    private readonly calendars: WorkingCalendarService,
  ) {}

  /**
   * Current data: at least as new as every transaction committed before the call by this process, and, as
   * soon as their notification has arrived (or always, while the feed is down), by any other.
   */
  async current(): Promise<MatchingData> {
    const stamp = this.changes.stamp;
    if (this.changes.live && stamp === this.confirmedStamp) return this.data;
    const snapshot = await this.directory.snapshot();
    if (snapshot !== this.snapshot) await this.refreshAfterNow();
    // The stamp was read before the snapshot query: a change during it moves the stamp and is looked at next time.
    this.confirmedStamp = Math.max(this.confirmedStamp, stamp);
    return this.data;
  }

  /** A memoised result for this key and the current generation; computed on a miss. */
  memo<T>(key: string, data: MatchingData, compute: () => T): T {
    return this.results.through(`${data.generation}|${key}`, compute);
  }

  /** The same for large results (whole-directory reports): only a few are kept. */
  memoLarge<T>(key: string, data: MatchingData, compute: () => T): T {
    return this.largeResults.through(`${data.generation}|${key}`, compute);
  }

  // A refresh already running may have read its snapshot before this caller arrived, so the caller
  // joins the next one (shared by everyone who arrives meanwhile) instead.
  private refreshAfterNow(): Promise<void> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = this.refresh().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async refresh(): Promise<void> {
    // Snapshot and fingerprints come from one statement; the data is read after it, so never older.
    const prints = await this.directory.fingerprints();
    let { engineers, byId, bookingsByEngineer } = this.data;
    let changed = false;
    if (prints.directory !== this.directoryPrint) {
      // Holidays and company days off become days away, from last year to three years ahead.
      const calendar = await this.calendars.load();
      const year = new Date().getUTCFullYear();
      const window = { start: `${year - 1}-01-01`, end: `${year + 3}-12-31` };
      engineers = (await this.directory.loadAll()).map((e) => calendar.apply(e, window));
      byId = new Map(engineers.map((e) => [e.id, e]));
      changed = true;
    }
    if (prints.assignments !== this.assignmentsPrint) {
      bookingsByEngineer = Object.fromEntries(groupBookings(await this.assignments.allLiveBookings()));
      changed = true;
    }
    if (changed) {
      this.results.clear();
      this.largeResults.clear();
    }
    this.data = { engineers, byId, bookingsByEngineer, generation: this.data.generation + (changed ? 1 : 0), snapshot: prints.snapshot };
    this.directoryPrint = prints.directory;
    this.assignmentsPrint = prints.assignments;
    this.snapshot = prints.snapshot;
  }
}
