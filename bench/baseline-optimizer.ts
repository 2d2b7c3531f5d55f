import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { solveModel } from '../libs/optimizer/src';

/** Another commit's optimizer, loaded beside this one so a benchmark can run old and new in one process, interleaved. */
export interface BaselineOptimizer {
  ref: string;
  commit: string;
  solveModel: typeof solveModel;
}

const ROOT = join(__dirname, '..');

/**
 * Extracts `libs/optimizer/src` of git `ref` (e.g. `main`) under .scratch/baseline/<commit>/ (git-ignored and outside every lint, test and build glob, inside the
 * repository so `highs` resolves from its node_modules) and loads its `solveModel`. The model and solution JSON are
 * schema version 1 on both sides.
 */
export function loadBaselineOptimizer(ref: string): BaselineOptimizer {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(ROOT, '.scratch', 'baseline', commit);
  const index = join(dir, 'libs', 'optimizer', 'src', 'index.ts');
  if (!existsSync(index)) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', commit, 'libs/optimizer/src'], { cwd: ROOT, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(index) as { solveModel: typeof solveModel };
  return { ref, commit, solveModel: mod.solveModel };
}
