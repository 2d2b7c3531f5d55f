import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The optimizer's own files (specs and test fixtures aside) and the files each imports, type-only imports included. */
function importGraph(): Map<string, string[]> {
  const root = __dirname;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'testing') walk(p);
      else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) files.push(p);
    }
  };
  walk(root);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const targets = [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => relative(root, resolve(dirname(f), `${m[1]}.ts`)));
    graph.set(relative(root, f), targets);
  }
  return graph;
}

describe('libs/optimizer import graph', () => {
  const graph = importGraph();

  it('has no cycle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('keeps model/ free of the solvers', () => {
    const outward = [...graph].flatMap(([f, ts]) => (f.startsWith('model/') ? ts.filter((t) => !t.startsWith('model/')).map((t) => `${f} -> ${t}`) : []));
    expect(outward).toEqual([]);
  });
});
