import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Replaces the `<!-- region:start -->…<!-- region:end -->` block of BENCHMARKS.md with `markdown`; when the
 * region is missing it is appended, under `heading` if one is given. Every benchmark script writes its
 * results this way, so each rewrites only its own region.
 */
export function rewriteBenchmarks(region: string, markdown: string, heading?: string): void {
  const file = join(__dirname, '..', 'BENCHMARKS.md');
  const start = `<!-- ${region}:start -->`;
  const end = `<!-- ${region}:end -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${markdown}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${heading ? `${heading}\n\n` : ''}${block}\n`;
  writeFileSync(file, next);
}
