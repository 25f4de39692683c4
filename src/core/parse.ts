// Parsing a record file. Fast path: js-yaml (YAML 1.2 core schema, so dates stay strings). Positions
// are computed only when a file has findings, from a node tree that js-yaml's listener builds in a
// second, cheap pass. Files that js-yaml rejects are parsed with `yaml` (eemeli) to report every
// error with its position and to keep as much of the data as can be recovered.
import * as jsyaml from 'js-yaml';
import type { Path, Range, Target } from './model';
import { LineMap } from './text';

export interface SyntaxProblem {
  code: 'syntax' | 'duplicate-key';
  message: string;
  startOffset: number;
  endOffset: number;
}

export interface ParsedFile {
  /** Workspace-relative path, forward slashes. */
  file: string;
  text: string;
  /** The data, or undefined when nothing could be recovered. */
  data: unknown;
  problems: SyntaxProblem[];
  /** True when the file holds more than one YAML document. */
  multiDocument: boolean;
}

export function parseRecord(file: string, text: string): ParsedFile {
  try {
    const docs: unknown[] = [];
    jsyaml.loadAll(text, d => { docs.push(d); }, { schema: jsyaml.CORE_SCHEMA, filename: file });
    return { file, text, data: docs[0], problems: [], multiDocument: docs.length > 1 };
  } catch {
    return parseWithYaml(file, text);
  }
}

function parseWithYaml(file: string, text: string): ParsedFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, schema: 'core' });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems: SyntaxProblem[] = [];
  for (const d of list) {
    for (const e of d.errors) {
      const [s, end] = e.pos;
      problems.push({
        code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax',
        message: e.code === 'DUPLICATE_KEY' ? 'Duplicate key: a later value would silently replace an earlier one.' : cleanYamlMessage(e.message),
        startOffset: s, endOffset: Math.max(end, s + 1),
      });
    }
  }
  let data: unknown;
  try { data = list[0]?.toJS({ maxAliasCount: 100 }); } catch { data = undefined; }
  if (problems.length === 0) {
    // js-yaml rejected something yaml accepts (rare: e.g. an alias edge case): report it generically.
    problems.push({ code: 'syntax', message: 'The YAML parser rejected this file.', startOffset: 0, endOffset: 1 });
  }
  return { file, text, data, problems, multiDocument: list.length > 1 };
}

function cleanYamlMessage(m: string): string {
  return m.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Locator: path → source range.
// ---------------------------------------------------------------------------------------------

interface RawNode { start: number; end: number; kind: string; children: RawNode[] }
interface Located { keyStart: number; keyEnd: number; start: number; end: number; node: TreeNode }
interface TreeNode { start: number; end: number; kind: string; entries?: Map<string | number, Located> }

export class Locator {
  private root: TreeNode | undefined;
  private built = false;
  readonly lines: LineMap;

  constructor(readonly text: string) {
    this.lines = new LineMap(text);
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    try {
      this.root = buildFromJsYaml(this.text);
    } catch {
      this.root = buildFromYaml(this.text);
    }
  }

  /**
   * The range of the node at `path`: its key, its value, or the whole entry. Falls back to the
   * deepest existing ancestor (a missing key points at the mapping that should hold it), and to
   * the first line when nothing matches.
   */
  locate(path: Path, target: Target = 'value'): Range {
    this.build();
    let node = this.root;
    let hit: Located | undefined;
    let lastHit: Located | undefined;
    let complete = true;
    for (const seg of path) {
      const next = node?.entries?.get(seg);
      if (!next) { complete = false; break; }
      lastHit = hit = next;
      node = next.node;
    }
    if (!complete) {
      // point at the key of the deepest existing ancestor, or the document's first line
      if (lastHit) return this.lines.range(lastHit.keyStart, lastHit.keyEnd);
      return this.firstLine();
    }
    if (!hit) return this.firstLine();
    if (target === 'key') return this.lines.range(hit.keyStart, hit.keyEnd);
    if (target === 'entry') return this.lines.range(hit.keyStart, Math.max(trimEnd(this.text, hit.start, hit.end), hit.keyEnd));
    if (hit.end <= hit.start) return this.lines.range(hit.keyStart, hit.keyEnd); // empty value: the key
    return this.lines.range(hit.start, trimEnd(this.text, hit.start, hit.end));
  }

  /** True when the path exists in the source. */
  has(path: Path): boolean {
    this.build();
    let node = this.root;
    for (const seg of path) {
      const next = node?.entries?.get(seg);
      if (!next) return false;
      node = next.node;
    }
    return true;
  }

  private firstLine(): Range {
    let s = 0;
    const t = this.text;
    // skip leading comments, blank lines and a document marker
    for (;;) {
      const nl = t.indexOf('\n', s);
      const line = t.slice(s, nl === -1 ? t.length : nl).trim();
      if ((line === '' || line.startsWith('#') || line === '---') && nl !== -1) { s = nl + 1; continue; }
      const end = nl === -1 ? t.length : nl;
      return this.lines.range(s, Math.max(s, end));
    }
  }
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ':' && i === 0) { i++; continue; }
    if (c === '#') { const nl = text.indexOf('\n', i); i = nl === -1 ? end : nl + 1; continue; }
    break;
  }
  return i;
}

function buildFromJsYaml(text: string): TreeNode | undefined {
  const stack: RawNode[] = [{ start: 0, end: text.length, kind: 'root', children: [] }];
  jsyaml.load(text, {
    schema: jsyaml.CORE_SCHEMA,
    listener(event, state) {
      if (event === 'open') {
        const n: RawNode = { start: state.position, end: state.position, kind: '', children: [] };
        stack[stack.length - 1].children.push(n);
        stack.push(n);
      } else {
        const n = stack.pop()!;
        n.end = state.position;
        n.kind = (state as unknown as { kind: string }).kind ?? '';
      }
    },
  } as jsyaml.LoadOptions);
  const top = stack[0].children[0];
  return top ? convert(text, top) : undefined;
}

function convert(text: string, raw: RawNode): TreeNode {
  const start = skipSpace(text, raw.start, raw.end);
  const node: TreeNode = { start, end: raw.end, kind: raw.kind };
  if (raw.kind === 'mapping') {
    node.entries = new Map();
    const ch = raw.children;
    for (let i = 0; i + 1 < ch.length; i += 2) {
      const k = ch[i], v = ch[i + 1];
      const ks = skipSpace(text, k.start, k.end);
      const key = unquote(text.slice(ks, k.end).trim());
      const child = convert(text, v);
      node.entries.set(key, { keyStart: ks, keyEnd: trimEnd(text, ks, k.end), start: child.start, end: child.end, node: child });
    }
  } else if (raw.kind === 'sequence') {
    node.entries = new Map();
    raw.children.forEach((c, i) => {
      const child = convert(text, c);
      // for an item, the "key" is the dash
      let dash = child.start - 1;
      while (dash > 0 && text[dash] !== '-' && text[dash] !== '[' && text[dash] !== ',') dash--;
      const keyStart = text[dash] === '-' ? dash : child.start;
      node.entries!.set(i, { keyStart, keyEnd: keyStart + 1, start: child.start, end: child.end, node: child });
    });
  }
  return node;
}

function unquote(k: string): string {
  if (k.length >= 2 && (k[0] === '"' || k[0] === "'") && k[k.length - 1] === k[0]) {
    try { return k[0] === '"' ? JSON.parse(k) : k.slice(1, -1).replace(/''/g, "'"); } catch { return k.slice(1, -1); }
  }
  return k;
}

function buildFromYaml(text: string): TreeNode | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const doc = YAML.parseDocument(text, { uniqueKeys: false, schema: 'core' });
  const conv = (n: unknown): TreeNode => {
    const r = (n as { range?: [number, number, number] } | null)?.range ?? [0, 0, 0];
    const node: TreeNode = { start: r[0], end: r[1], kind: 'scalar' };
    if (YAML.isMap(n)) {
      node.kind = 'mapping';
      node.entries = new Map();
      for (const p of n.items) {
        const key = YAML.isScalar(p.key) ? String(p.key.value) : String(p.key);
        const kr = (p.key as { range?: [number, number] } | null)?.range ?? r;
        const child = p.value ? conv(p.value) : { start: kr[1], end: kr[1], kind: 'scalar' };
        if (!node.entries.has(key)) node.entries.set(key, { keyStart: kr[0], keyEnd: kr[1], start: child.start, end: child.end, node: child });
      }
    } else if (YAML.isSeq(n)) {
      node.kind = 'sequence';
      node.entries = new Map();
      n.items.forEach((it, i) => {
        const child = conv(it);
        let dash = child.start - 1;
        while (dash > 0 && text[dash] !== '-') dash--;
        const ks = text[dash] === '-' ? dash : child.start;
        node.entries!.set(i, { keyStart: ks, keyEnd: ks + 1, start: child.start, end: child.end, node: child });
      });
    }
    return node;
  };
  return doc.contents ? conv(doc.contents) : undefined;
}
