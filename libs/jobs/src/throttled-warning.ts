import { Logger } from '@nestjs/common';

/**
 * Logs a connection error at most once per interval per source: while Redis is down, BullMQ reports
 * every reconnect attempt, and an unhandled 'error' event would otherwise go to console.error.
 */
export function throttledWarning(logger: Logger, source: string, intervalMs = 30_000): (error: Error) => void {
  let last = 0;
  return (error: Error) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    logger.warn(`${source}: ${error.message}`);
  };
}
