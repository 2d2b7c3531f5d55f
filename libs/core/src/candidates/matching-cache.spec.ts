import { AssignmentsRepository, ChangeFeed, DirectoryEngineer, EngineerBooking, EngineerDirectoryRepository } from '@sow/persistence';
import { MatchingCache } from './matching-cache';
import { WorkingCalendar, WorkingCalendarService } from '../working-calendar/working-calendar.service';

/** A fake database: a snapshot that moves on every commit, fingerprints, and counters of the bulk loads. */
class FakeDb {
  snapshot = 1;
  directoryPrint = 'd1';
  assignmentsPrint = 'a1';
  engineers: DirectoryEngineer[] = [];
  bookings: EngineerBooking[] = [];
  loads = { directory: 0, bookings: 0, fingerprints: 0 };
  snapshotReads = 0;

  directoryRepo(): EngineerDirectoryRepository {
    return {
      snapshot: async () => {
        this.snapshotReads += 1;
        return String(this.snapshot);
      },
      fingerprints: async () => {
        this.loads.fingerprints += 1;
        return { snapshot: String(this.snapshot), directory: this.directoryPrint, assignments: this.assignmentsPrint };
      },
      loadAll: async () => {
        this.loads.directory += 1;
        return this.engineers;
      },
    } as unknown as EngineerDirectoryRepository;
  }

  assignmentsRepo(): AssignmentsRepository {
    return {
      allLiveBookings: async () => {
        this.loads.bookings += 1;
        return this.bookings;
      },
    } as unknown as AssignmentsRepository;
  }
}

const booking = (engineerId: string): EngineerBooking => ({ id: `b-${engineerId}`, engineerId, role: 'primary', status: 'proposed', start: '2027-01-04', end: '2027-01-08', hoursPerWeek: 10, onsiteDays: 0 });

/** A change feed that is down unless told otherwise: then every request asks the database. */
class FakeFeed {
  stamp = 0;
  live = false;
}
const feed = (f: FakeFeed = new FakeFeed()): ChangeFeed => f as unknown as ChangeFeed;
/** No company days off; engineers here carry no country, so no holidays either. */
const calendars = { load: async () => new WorkingCalendar([]) } as unknown as WorkingCalendarService;

describe('MatchingCache', () => {
  it('loads once, then answers from memory while the snapshot stands still', async () => {
    const db = new FakeDb();
    const cache = new MatchingCache(db.directoryRepo(), db.assignmentsRepo(), feed(), calendars);
    db.bookings = [booking('e1')];
    const first = await cache.current();
    const second = await cache.current();
    expect(second).toBe(first);
    expect(first.bookingsByEngineer['e1']).toHaveLength(1);
    expect(db.loads).toEqual({ directory: 1, bookings: 1, fingerprints: 1 });
  });

  it('reloads only the part whose fingerprint changed, and drops memoised results', async () => {
    const db = new FakeDb();
    const cache = new MatchingCache(db.directoryRepo(), db.assignmentsRepo(), feed(), calendars);
    const data = await cache.current();
    expect(cache.memo('k', data, () => 'old')).toBe('old');
    db.snapshot += 1; // an unrelated write elsewhere in the cluster
    await cache.current();
    expect(db.loads).toEqual({ directory: 1, bookings: 1, fingerprints: 2 });
    db.snapshot += 1;
    db.assignmentsPrint = 'a2';
    db.bookings = [booking('e2')];
    const fresh = await cache.current();
    expect(db.loads).toEqual({ directory: 1, bookings: 2, fingerprints: 3 });
    expect(fresh.generation).toBe(data.generation + 1);
    expect(fresh.bookingsByEngineer['e2']).toHaveLength(1);
    expect(cache.memo('k', fresh, () => 'new')).toBe('new');
  });

  it('coalesces concurrent refreshes: one runs, everyone arriving meanwhile shares the next', async () => {
    const db = new FakeDb();
    const cache = new MatchingCache(db.directoryRepo(), db.assignmentsRepo(), feed(), calendars);
    await cache.current();
    db.snapshot += 1;
    await Promise.all(Array.from({ length: 20 }, () => cache.current()));
    expect(db.loads.fingerprints).toBeLessThanOrEqual(3);
  });

  it('asks the database on every request while the change feed is down', async () => {
    const db = new FakeDb();
    const cache = new MatchingCache(db.directoryRepo(), db.assignmentsRepo(), feed(), calendars);
    await cache.current();
    await cache.current();
    await cache.current();
    expect(db.snapshotReads).toBe(3);
  });

  it('serves from memory without a query while the live feed stamp stands still, and looks again when it moves', async () => {
    const db = new FakeDb();
    const changes = Object.assign(new FakeFeed(), { live: true, stamp: 7 });
    const cache = new MatchingCache(db.directoryRepo(), db.assignmentsRepo(), feed(changes), calendars);
    const first = await cache.current();
    await cache.current();
    await cache.current();
    expect(db.snapshotReads).toBe(1);
    db.snapshot += 1;
    db.directoryPrint = 'd2';
    changes.stamp += 1; // a commit here, or a notification from elsewhere
    const fresh = await cache.current();
    expect(db.snapshotReads).toBe(2);
    expect(fresh.generation).toBe(first.generation + 1);
    await cache.current();
    expect(db.snapshotReads).toBe(2);
    changes.live = false; // feed lost: nothing can be trusted without asking
    await cache.current();
    expect(db.snapshotReads).toBe(3);
  });
});
