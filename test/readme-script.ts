import { execFileSync } from 'node:child_process';
import type { Response } from 'supertest';
import { TestApp } from '@sow/testing';

/*
 * Replays the shell commands of a README section against a TestApp, so the documented curl commands
 * cannot rot. It understands the small shell and jq subset the walk-through uses and fails loudly on
 * anything else: NAME=value, NAME=$(node -p "…"), NAME=$(curl … | jq -r '…'), `for i in $(seq N); do
 * NAME=$(…) && break; sleep S; done`, and plain `curl … [| jq …]` lines. Every request must answer below 400.
 */

export interface ReplayedRequest {
  method: string;
  path: string;
  /** What curl sent (-d and its content-type header), for validating the request against the OpenAPI document. */
  requestBody?: string;
  requestContentType?: string;
  status: number;
  response: Response;
}

/** The logical lines (continuations joined, comments dropped) of every ```bash block under `heading`. */
export function scriptOf(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const rest = markdown.slice(start + heading.length + 2);
  const next = rest.search(/\n## /);
  const section = next < 0 ? rest : rest.slice(0, next);
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .join('\n')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

type Token = { op: string } | { word: string };

/** Shell words with $VAR / ${VAR} expanded (not in single quotes), and the operators | and >. */
export function tokenize(line: string, vars: ReadonlyMap<string, string>): Token[] {
  const out: Token[] = [];
  let word: string | null = null;
  const lookup = (name: string): string => {
    const value = vars.get(name);
    if (value === undefined) throw new Error(`$${name} is not set at: ${line}`);
    return value;
  };
  const expandAt = (i: number): [string, number] => {
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(line.slice(i));
    if (braced) return [lookup(braced[1]), i + braced[0].length];
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(i));
    if (bare) return [lookup(bare[1]), i + bare[0].length];
    return ['$', i + 1];
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      if (word !== null) out.push({ word });
      word = null;
      i++;
    } else if ((c === '|' || c === '>') && word === null) {
      out.push({ op: c });
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let part = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && '"\\$'.includes(line[j + 1] ?? '')) {
          part += line[j + 1];
          j += 2;
        } else if (line[j] === '$') {
          const [value, next] = expandAt(j);
          part += value;
          j = next;
        } else {
          part += line[j++];
        }
      }
      if (j >= line.length) throw new Error(`unclosed " in: ${line}`);
      word = (word ?? '') + part;
      i = j + 1;
    } else if (c === '$') {
      const [value, next] = expandAt(i);
      word = (word ?? '') + value;
      i = next;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== null) out.push({ word });
  return out;
}

/** The commands of a pipeline, each as its words; a `> file` redirect is dropped. */
function pipeline(tokens: Token[]): string[][] {
  const commands: string[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ('op' in t && t.op === '|') commands.push([]);
    else if ('op' in t) i++; // > target
    else commands[commands.length - 1].push(t.word);
  }
  return commands;
}

// --- a jq subset: paths (.a.b, [0], [], .[]), pipes, select(), and comparisons with a JSON literal --------

function splitTopLevel(expr: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' && expr[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (depth === 0 && expr.startsWith(sep, i)) {
      parts.push(expr.slice(start, i));
      start = i + sep.length;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

function path(expr: string, input: unknown): unknown[] {
  if (expr === '.') return [input];
  let values = [input];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\.?\[(\d*)\]/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < expr.length && (m = re.exec(expr))) {
    at = re.lastIndex;
    const [, key, index] = m;
    values = values.flatMap((v) => {
      if (key !== undefined) return [v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined];
      if (index === '') return Array.isArray(v) ? v : [];
      return [Array.isArray(v) ? v[Number(index)] : undefined];
    });
  }
  if (at !== expr.length) throw new Error(`jq subset: cannot read path ${expr}`);
  return values;
}

function condition(expr: string, input: unknown): boolean | null {
  for (const op of ['==', '!=', '>', '<']) {
    const sides = splitTopLevel(expr, ` ${op} `);
    if (sides.length !== 2) continue;
    const left = path(sides[0], input)[0];
    const right: unknown = JSON.parse(sides[1]);
    if (op === '==') return left === right;
    if (op === '!=') return left !== right;
    if (typeof left !== typeof right || (typeof left !== 'string' && typeof left !== 'number')) return false;
    return op === '>' ? (left as string) > (right as string) : (left as string) < (right as string);
  }
  return null;
}

export function jq(filter: string, input: unknown): unknown[] {
  let values = [input];
  for (const stage of splitTopLevel(filter, '|')) {
    const select = /^select\((.*)\)$/.exec(stage);
    values = values.flatMap((v): unknown[] => {
      if (select) return condition(select[1], v) ? [v] : [];
      const compared = condition(stage, v);
      return compared === null ? path(stage, v) : [compared];
    });
  }
  return values;
}

// --- the replay --------------------------------------------------------------------------------------

export class ReadmeReplay {
  readonly vars = new Map<string, string>();
  readonly requests: ReplayedRequest[] = [];

  constructor(
    private readonly t: TestApp,
    private readonly pollTimeoutMs = 60_000,
  ) {}

  async run(lines: readonly string[]): Promise<void> {
    for (const line of lines) await this.step(line);
  }

  private async step(line: string): Promise<void> {
    // `for i in $(seq N); do NAME=$(…) && break; sleep S; done`: N tries, S seconds apart (the test polls faster, within the same total).
    const poll = /^for [a-z]+ in \$\(seq (\d+)\); do ([A-Z_][A-Z0-9_]*)=\$\((.*)\) && break; sleep (\d+); done$/.exec(line);
    if (poll) {
      const [, tries, name, command, seconds] = poll;
      const deadline = Date.now() + Math.min(this.pollTimeoutMs, Number(tries) * Number(seconds) * 1000);
      for (;;) {
        const value = await this.capture(command, line, true);
        if (value !== null) {
          this.vars.set(name, value);
          return;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting at: ${line}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const captured = /^([A-Z_][A-Z0-9_]*)=\$\((.*)\)$/.exec(line);
    if (captured) {
      const value = await this.capture(captured[2], line, false);
      if (value === null) throw new Error(`no value at: ${line}`);
      this.vars.set(captured[1], value);
      return;
    }
    const assigned = /^([A-Z_][A-Z0-9_]*)=(\S+)$/.exec(line);
    if (assigned) {
      const [only] = pipeline(tokenize(assigned[2], this.vars));
      this.vars.set(assigned[1], only.join(' '));
      return;
    }
    if (line.startsWith('curl ')) {
      const [curl] = pipeline(tokenize(line, this.vars));
      const res = await this.curl(curl, line);
      if (res.status >= 400) throw new Error(`${res.status} ${JSON.stringify(res.body)} at: ${line}`);
      return;
    }
    throw new Error(`unsupported shell in the README walk-through: ${line}`);
  }

  /** The output of `node -p …` or `curl … | jq …`; null when jq printed nothing (or false/null with -e). */
  private async capture(command: string, line: string, tolerant: boolean): Promise<string | null> {
    const [first, ...rest] = pipeline(tokenize(command, this.vars));
    if (first[0] === 'node' && first[1] === '-p' && rest.length === 0) {
      return execFileSync(process.execPath, ['-p', first[2]], { encoding: 'utf8' }).trim();
    }
    if (first[0] !== 'curl' || rest.length !== 1 || rest[0][0] !== 'jq') throw new Error(`unsupported capture: ${line}`);
    const res = await this.curl(first, line);
    if (res.status >= 400) {
      if (tolerant) return null;
      throw new Error(`${res.status} ${JSON.stringify(res.body)} at: ${line}`);
    }
    const args = rest[0].slice(1);
    const filter = args.find((a) => !a.startsWith('-'));
    if (filter === undefined) throw new Error(`jq without a filter at: ${line}`);
    const values = jq(filter, res.body);
    if (values.length === 0 || values[values.length - 1] === null || values[values.length - 1] === false) {
      if (tolerant) return null;
      throw new Error(`jq ${filter} found nothing in ${JSON.stringify(res.body).slice(0, 500)} at: ${line}`);
    }
    return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
  }

  private async curl(words: readonly string[], line: string): Promise<Response> {
    let method: string | undefined;
    let body: string | undefined;
    let url: string | undefined;
    const headers: Array<[string, string]> = [];
    for (let i = 1; i < words.length; i++) {
      const w = words[i];
      if (w === '-s' || w === '-sS' || w === '-S') continue;
      if (w === '-X') method = words[++i];
      else if (w === '-H') {
        const header = words[++i];
        const colon = header.indexOf(':');
        headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
      } else if (w === '-d') body = words[++i];
      else if (w.startsWith('-')) throw new Error(`unsupported curl option ${w} at: ${line}`);
      else url = w;
    }
    const base = this.vars.get('BASE');
    if (!url || !base || !url.startsWith(base)) throw new Error(`the URL must start with $BASE (${base}) at: ${line}`);
    const requestPath = url.slice(base.length);
    const verb = (method ?? (body !== undefined ? 'POST' : 'GET')).toUpperCase();
    const agent = this.t.http;
    let req =
      verb === 'GET' ? agent.get(requestPath) : verb === 'POST' ? agent.post(requestPath) : verb === 'PATCH' ? agent.patch(requestPath) : verb === 'DELETE' ? agent.delete(requestPath) : null;
    if (!req) throw new Error(`unsupported method ${verb} at: ${line}`);
    for (const [name, value] of headers) req = req.set(name, value);
    const res = body !== undefined ? await req.send(body) : await req;
    const requestContentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    this.requests.push({ method: verb, path: requestPath, requestBody: body, requestContentType, status: res.status, response: res });
    return res;
  }
}
