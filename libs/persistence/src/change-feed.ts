import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { AppConfig } from '@sow/config';

export const MATCHING_CHANNEL = 'sow_matching';
const HEARTBEAT_MS = 15_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Tells readers of cached matching data whether anything may have changed since they last looked, without
 * a query per request. Two sources move the counter: every transaction this process commits (a TypeORM
 * subscriber, synchronous, so a client always reads its own writes), and the `sow_matching` notifications
 * that the matching tables' triggers send at commit (other api replicas, scripts, psql). The notifications
 * arrive a moment after their commit; for such outside writes the cache is that moment behind.
 *
 * `live` is false until LISTEN is confirmed, after the connection drops or a heartbeat fails, and on the
 * embedded database (PGlite over its socket is not used for LISTEN): then readers must ask the database.
 * The connection opens on first use, so processes that never read matching data never open it.
 */
@Injectable()
export class ChangeFeed implements EntitySubscriberInterface, OnModuleDestroy {
  private readonly log = new Logger(ChangeFeed.name);
  private changes = 0;
  private client: Client | null = null;
  private listening = false;
  private started = false;
  private closed = false;
  private backoffMs = 500;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    dataSource.subscribers.push(this);
  }

  /** A counter that moves whenever matching data may have changed; only comparable while `live`. */
  get stamp(): number {
    return this.changes;
  }

  /** True while notifications are being received, so an unchanged stamp means unchanged data. */
  get live(): boolean {
    if (!this.started) this.start();
    return this.listening;
  }

  afterTransactionCommit(_event: TransactionCommitEvent): void {
    this.changes += 1;
  }

  onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    return this.disconnect();
  }

  private start(): void {
    this.started = true;
    if (this.config.databaseMode !== 'external' || !this.config.databaseUrl) return;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed || !this.config.databaseUrl) return;
    const client = new Client({ connectionString: this.config.databaseUrl, keepAlive: true, application_name: 'sow-change-feed' });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel === MATCHING_CHANNEL) this.changes += 1;
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${MATCHING_CHANNEL}`);
      // Whatever was committed while nobody listened is unknown: count it as a change.
      this.changes += 1;
      this.listening = true;
      this.backoffMs = 500;
      this.heartbeat = setInterval(() => {
        client.query('SELECT 1').catch((error: unknown) => this.lost(client, error));
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.listening = false;
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.log.warn(`matching change feed lost (${error instanceof Error ? error.message : String(error)}); requests check the database until it is back`);
    this.retry = setTimeout(() => void this.connect(), this.backoffMs);
    this.retry.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.listening = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (client) await client.end().catch(() => undefined);
  }
}
