import { Queue } from 'bullmq';

/** Waits until a queue has no waiting, active or delayed jobs, or fails after `timeoutMs`. */
export async function drainQueue(queue: Queue, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    const pending = Object.values(counts).reduce((a, b) => a + b, 0);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`Queue ${queue.name} still has ${JSON.stringify(counts)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
