import { Injectable } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { DomainError } from '@sow/domain';

/** One address may fail this many times more often than one email from it (password spraying across accounts). */
const ADDRESS_FACTOR = 10;
/** Memory bound: beyond this many tracked keys the oldest are forgotten. */
const MAX_KEYS = 50_000;

/**
 * Counts failed sign-ins per (email, client address) and per address in a sliding window, and refuses
 * further attempts with 429 and Retry-After until the window has passed. Only failures count, so
 * users who sign in correctly are never slowed down; a success clears the email's count.
 *
 * In-memory and per process: behind N api replicas an attacker gets up to N times the allowance.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;

  /** The clock; replaced in unit tests. */
  now: () => number = Date.now;

  constructor(config: AppConfig) {
    this.max = config.loginMaxFailures;
    this.windowMs = config.loginFailureWindowSeconds * 1000;
  }

  /** Throws a 429 DomainError (with `retryAfterSeconds`) when this email or address is locked out. */
  assertAllowed(email: string, address: string): void {
    if (this.max === 0) return;
    const wait = Math.max(
      this.waitMs(this.emailKey(email, address), this.max),
      this.waitMs(this.addressKey(address), this.max * ADDRESS_FACTOR),
    );
    if (wait > 0) throw new LoginRateLimitedError(Math.ceil(wait / 1000));
  }

  recordFailure(email: string, address: string): void {
    if (this.max === 0) return;
    this.push(this.emailKey(email, address));
    this.push(this.addressKey(address));
  }

  recordSuccess(email: string, address: string): void {
    this.failures.delete(this.emailKey(email, address));
  }

  private emailKey(email: string, address: string): string {
    return `e:${email.trim().toLowerCase()}|${address}`;
  }

  private addressKey(address: string): string {
    return `a:${address}`;
  }

  /** Milliseconds until the key has fewer than `limit` failures in the window (0 = allowed now). */
  private waitMs(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    return times[times.length - limit] + this.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const times = this.failures.get(key);
    if (!times) return [];
    const since = this.now() - this.windowMs;
    const kept = times.filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else if (kept.length !== times.length) this.failures.set(key, kept);
    return kept;
  }

  private push(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    // Never more than the largest limit is needed to compute a wait.
    if (times.length > this.max * ADDRESS_FACTOR) times.shift();
    this.failures.delete(key); // re-insert: Map order is then least recently failed first
    this.failures.set(key, times);
    if (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}

export class LoginRateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}
