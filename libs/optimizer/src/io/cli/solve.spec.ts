import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(__dirname, '../../../../..');
const CLI = join(REPO, 'libs/optimizer/src/io/cli/solve.ts');

async function solve(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['-r', '@swc-node/register', CLI, ...args], { cwd: REPO, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: unknown) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('solve CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'solve-cli-'));
  const gapFile = join(dir, 'tiny.txt');
  writeFileSync(gapFile, '2 3\n4 1 3\n2 3 1\n2 2 2\n2 2 2\n4 2\n');
  const jsonFile = join(dir, 'model.json');
  writeFileSync(
    jsonFile,
    JSON.stringify({
      schemaVersion: 1,
      periods: 1,
      agents: [{ id: 'a', capacity: 1 }],
      tasks: [
        { id: 'x', load: { '0': 1 }, unassignedPrice: 3 },
        { id: 'y', load: { '0': 1 }, unassignedPrice: 8 },
      ],
      pairs: [
        { agent: 'a', task: 'x', cost: 1 },
        { agent: 'a', task: 'y', cost: 1 },
      ],
    }),
  );

  it('solves a GAP file and prints the JSON answer', async () => {
    const r = await solve([gapFile, '--format', 'gap', '--method', 'milp', '--time-limit-ms', '5000', '--seed', '3']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    // Agent 1 (capacity 2) takes one job, agent 0 the other two: best is 6 (j0 or j2 on agent 1).
    expect(out).toMatchObject({ status: 'optimal', objective: 6, bound: 6, gap: 0, method: 'milp' });
    expect([[1, 0, 0], [0, 0, 1]]).toContainEqual(out.assignment);
    expect(out.terms).toEqual({ unassigned: 0, shortfall: 0, cost: 6, churn: 0 });
  });

  it('solves a model JSON file with named unassigned tasks', async () => {
    const r = await solve([jsonFile, '--method', 'heuristic', '--time-limit-ms', '300']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { assignment: (number | null)[]; unassigned: string[]; objective: number };
    expect(out.assignment).toEqual([null, 0]);
    expect(out.unassigned).toEqual(['x']);
    expect(out.objective).toBe(4);
  });

  it.each([
    [['--method', 'fast'], /--method must be auto, milp, heuristic or greedy, got "fast"/],
    [['--time-limit-ms', 'soon'], /--time-limit-ms must be an integer >= 1/],
    [['--bogus'], /unknown flag --bogus/],
    [[], /missing input file/],
  ])('rejects bad flags %#', async (args, message) => {
    const r = await solve(args.length > 0 ? [gapFile, ...args] : []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('fails clearly on a missing or malformed file', async () => {
    const missing = await solve([join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.txt/);
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '2 3\n4 1 3\n2 3 oops\n');
    const malformed = await solve([bad, '--format', 'gap']);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/line 3: cost\[2\]\[3\]: "oops" is not an integer/);
  });
});
