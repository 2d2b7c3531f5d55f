import { readFileSync } from 'node:fs';
import { gapToModel, readGap } from '../gap-reader';
import { isSolveMethod } from '../../optimizer.service';
import { SolveOptions } from '../../model/model.types';
import { solveModel } from '../../optimizer.service';

const USAGE =
  'usage: npm run solve -- <file> [--format json|gap] [--method auto|milp|heuristic|greedy] [--time-limit-ms N] [--seed S]';

class CliError extends Error {}

interface CliArgs {
  file: string;
  format: 'json' | 'gap';
  options: SolveOptions;
}

function parseArgs(argv: string[]): CliArgs {
  let file: string | undefined;
  let format: 'json' | 'gap' | undefined;
  const options: SolveOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${arg} needs a value`);
      return v;
    };
    const int = (name: string, v: string, min: number): number => {
      if (!/^\d+$/.test(v) || Number(v) < min) throw new CliError(`${name} must be an integer >= ${min}, got "${v}"`);
      return Number(v);
    };
    switch (arg) {
      case '--format': {
        const v = value();
        if (v !== 'json' && v !== 'gap') throw new CliError(`--format must be json or gap, got "${v}"`);
        format = v;
        break;
      }
      case '--method': {
        const v = value();
        if (!isSolveMethod(v)) throw new CliError(`--method must be auto, milp, heuristic or greedy, got "${v}"`);
        options.method = v;
        break;
      }
      case '--time-limit-ms':
        options.timeLimitMs = int('--time-limit-ms', value(), 1);
        break;
      case '--seed':
        options.seed = int('--seed', value(), 0);
        break;
      default:
        if (arg.startsWith('--')) throw new CliError(`unknown flag ${arg}`);
        if (file !== undefined) throw new CliError(`only one input file expected, got "${file}" and "${arg}"`);
        file = arg;
    }
  }
  if (file === undefined) throw new CliError('missing input file');
  return { file, format: format ?? (file.endsWith('.json') ? 'json' : 'gap'), options };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e: unknown) {
    throw new CliError(`cannot read ${args.file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let model: unknown;
  if (args.format === 'gap') model = gapToModel(readGap(text));
  else {
    try {
      model = JSON.parse(text);
    } catch (e: unknown) {
      throw new CliError(`${args.file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const s = await solveModel(model, args.options);
  const out = {
    status: s.status,
    objective: s.objective,
    terms: s.terms,
    ...(s.bound !== null ? { bound: s.bound } : {}),
    ...(s.gap !== null ? { gap: s.gap } : {}),
    elapsedMs: s.elapsedMs,
    method: s.method,
    assignment: s.assignment,
    unassigned: s.unassigned,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`solve: ${message}\n${e instanceof CliError ? `${USAGE}\n` : ''}`);
  process.exitCode = e instanceof CliError ? 2 : 1;
});
