/** The last `months` months and the quarters they touch, newest first, as the API's period strings. */
export function recentPeriods(now: Date, months = 12): Array<{ value: string; label: string }> {
  const out: Array<{ value: string; label: string }> = [];
  const quarters = new Set<string>();
  for (let i = 0; i < months; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    const quarter = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    if (!quarters.has(quarter)) {
      quarters.add(quarter);
      out.push({ value: quarter, label: `Quarter ${quarter}` });
    }
    out.push({ value: month, label: `Month ${month}` });
  }
  return out;
}
