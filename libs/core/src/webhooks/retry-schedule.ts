/**
 * When attempt n+1 follows a failed attempt n (Standard Webhooks' suggested schedule, about a day in all):
 * immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. Ten attempts, then the delivery fails.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;
/** An endpoint failing for this long (times the scale) without one success is disabled. */
export const FAILING_DISABLE_AFTER_MS = 86_400_000;
/** Jitter: ±20% of the delay, so a receiver coming back is not hit by every retry at once. */
const JITTER = 0.2;
/** A Retry-After beyond this is capped to it: the schedule's own longest step. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * Delay before the next attempt after `attempts` attempts have failed, or null when they are spent.
 * `retryAfterMs` (the receiver's Retry-After) lengthens the delay, never shortens it; `scale` shrinks the
 * schedule for tests; `random` is in [0, 1).
 */
export function nextRetryDelayMs(attempts: number, options: { scale: number; retryAfterMs?: number | null; random: number }): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_SCHEDULE_MS[attempts] * options.scale;
  const jittered = base * (1 - JITTER + 2 * JITTER * options.random);
  const retryAfter = options.retryAfterMs ? Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS) * options.scale : 0;
  return Math.round(Math.max(jittered, retryAfter));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now: number): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
