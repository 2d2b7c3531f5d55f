/**
 * Plan compile benchmark: the time to compile a generated organisation (holidays and teams included)
 * into the optimizer's model, ours against a baseline checkout's, in one process, alternating runs so
 * both see the same machine load. The baseline is another checkout of this repository (e.g. a worktree
 * of main) whose `libs/core/src/planning/plan-model.ts` is loaded as it is there.
 *
 *   npm run bench:compile -- --baseline-root /tmp/base [--sizes S,M,L] [--runs 3] [--seed 42] [--no-write]
 */
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rewriteBenchmarks } from '../benchmarks-file';
import { generateOrganisation, ORG_SIZES, OrgSize } from '../generator/org-generator';
import { compilePlanModel, PlanningSnapshot } from '../../libs/core/src/planning/plan-model';

type Compile = (snapshot: PlanningSnapshot) => { model: { pairs: readonly unknown[] } };

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall time, and CPU time of this process (user + system): on a shared machine the CPU time is the steadier number. */
function time(compile: Compile, snapshot: PlanningSnapshot): { ms: number; cpuMs: number; pairs: number } {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const compiled = compile(snapshot);
  const c = process.cpuUsage(c0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000, pairs: compiled.model.pairs.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'baseline-root': { type: 'string' },
      sizes: { type: 'string', default: 'S,M,L' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '42' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const root = values['baseline-root'];
  if (!root) throw new Error('--baseline-root is required: a checkout to compare against');
  // The baseline's plan model, as that checkout has it (it resolves its own imports from its own tree).
  const baseline = ((await import(join(root, 'libs/core/src/planning/plan-model.ts'))) as { compilePlanModel: Compile }).compilePlanModel;
  const ours: Compile = compilePlanModel;
  const runs = Math.max(1, Number(values.runs));
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Command: \`npm run bench:compile -- ${process.argv.slice(2).join(' ')}\` (organisations from \`bench/generator/org-generator.ts\`, seed ${values.seed}, holidays and teams on; median of ${runs} alternating runs; CPU is this process's user + system time).`,
    '',
    '| size | engineers × items | pairs | baseline compile ms (median) | ours compile ms (median) | ours ÷ baseline | baseline CPU ms (median) | ours CPU ms (median) | ours ÷ baseline (CPU) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const size of (values.sizes ?? '').split(',').filter((s): s is OrgSize => s in ORG_SIZES)) {
    const org = generateOrganisation({ size, seed: Number(values.seed) });
    const base: number[] = [];
    const mine: number[] = [];
    const baseCpu: number[] = [];
    const mineCpu: number[] = [];
    let pairs = 0;
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so neither always meets a warmer (or busier) machine.
      const order: Array<[Compile, number[], number[]]> = run % 2 === 0 ? [[baseline, base, baseCpu], [ours, mine, mineCpu]] : [[ours, mine, mineCpu], [baseline, base, baseCpu]];
      for (const [compile, wall, cpu] of order) {
        const r = time(compile, org.snapshot);
        wall.push(r.ms);
        cpu.push(r.cpuMs);
        pairs = r.pairs;
      }
    }
    const b = median(base);
    const o = median(mine);
    const bc = median(baseCpu);
    const oc = median(mineCpu);
    lines.push(`| ${size} | ${org.engineers.length} × ${org.items.length} | ${pairs} | ${Math.round(b)} | ${Math.round(o)} | ${(o / b).toFixed(2)} | ${Math.round(bc)} | ${Math.round(oc)} | ${(oc / bc).toFixed(2)} |`);
    process.stderr.write(`${size}: baseline ${base.map(Math.round).join(', ')} ms (CPU ${baseCpu.map(Math.round).join(', ')}); ours ${mine.map(Math.round).join(', ')} ms (CPU ${mineCpu.map(Math.round).join(', ')})\n`);
  }
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (!values['no-write']) rewriteBenchmarks('plan-compile', markdown, '## Plan compile time, ours against a baseline checkout');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
