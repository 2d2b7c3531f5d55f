import { ApiError } from '../api/client';

/** Loading and error states of a query, announced to screen readers. */
export function QueryState({ isPending, error, label }: { isPending: boolean; error: unknown; label: string }) {
  if (error) {
    const message = error instanceof ApiError ? `${error.message} (${error.body.code})` : error instanceof Error ? error.message : String(error);
    return (
      <p role="alert" className="form-error">
        Could not load {label}: {message}
      </p>
    );
  }
  if (isPending) return <p role="status">Loading {label}…</p>;
  return null;
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(new Date(Date.parse(date) + days * 86_400_000));
}

/** Monday of the current UTC week. */
export function thisMonday(now = new Date()): string {
  const day = now.getUTCDay() || 7;
  return isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day + 1)));
}
