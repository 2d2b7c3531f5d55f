import { Logger as NestLogger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's log lines through the application logger, without query parameters: a failed INSERT into
 * users would otherwise print the password hash, and others print emails and calendar token hashes.
 * The statement itself (shortened) and the error stay, which is what an operator needs.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly out = new NestLogger('Database');

  constructor(private readonly verbose: boolean) {}

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string, parameters?: readonly unknown[] | object): void {
    const count = Array.isArray(parameters) ? parameters.length : parameters ? Object.keys(parameters).length : 0;
    const message = error instanceof Error ? error.message : error;
    this.out.error(`query failed: ${message} — ${shorten(query)} (${count} parameters, not logged)`);
  }

  logQuerySlow(time: number, query: string): void {
    if (this.verbose) this.out.warn(`slow query (${time} ms): ${shorten(query)}`);
  }

  logSchemaBuild(message: string): void {
    if (this.verbose) this.out.log(message);
  }

  logMigration(message: string): void {
    this.out.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn(String(message));
    else if (this.verbose) this.out.log(String(message));
  }
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
