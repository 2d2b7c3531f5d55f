/** The slice of PGlite the queue needs (kept structural so this file stays free of the ESM import). */
export interface PGliteSession {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void>;
  exec(sql: string): Promise<unknown>;
}

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

// Extended-query messages: a client's Parse … Sync run must not interleave with another client's,
// since PGlite is one session and the unnamed statement and portal are shared.
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'd', 'c', 'f']);
const SYNC = 'S';

/**
 * Serialises the wire-protocol messages of many socket clients onto PGlite's single session, keeping
 * each client's extended-query run (Parse … Sync) and each open transaction together. pglite-socket's
 * own queue interleaves messages one by one, which breaks prepared statements under concurrency.
 */
export class ProtocolQueue {
  private queue: Pending[] = [];
  private processing = false;
  /** The client whose run or transaction is in progress; only its messages may go next. */
  private owner: number | null = null;

  constructor(private readonly db: PGliteSession) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error('Handler disconnected'));
      return false;
    });
    if (this.owner === handlerId && !this.db.isInTransaction()) this.owner = null;
  }

  /** A client that leaves mid-transaction must not leave the shared session in it. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.process();
  }

  private next(): Pending | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        const type = String.fromCharCode(current.message[0] ?? 0);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          current.resolve(bytes);
        } catch (error) {
          current.reject(error);
        }
        if (EXTENDED.has(type)) this.owner = current.handlerId;
        else if (type === SYNC || this.owner === current.handlerId || this.owner === null) {
          this.owner = this.db.isInTransaction() ? current.handlerId : null;
        }
      }
    } finally {
      this.processing = false;
    }
  }
}
