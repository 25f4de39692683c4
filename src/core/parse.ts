// Parsing a record file. Fast path: js-yaml (YAML 1.2 core schema, so dates stay strings). Positions
// are computed only when a file has findings, from a node tree that js-yaml's listener builds in a
// second, cheap pass. Files that js-yaml rejects are parsed with `yaml` (eemeli) to report every
// error with its position and to keep as much of the data as can be recovered.
import * as jsyaml from 'js-yaml';
import type { Path, Range, Target } from './model';
import type { FileContext } from './rule';
import { DEFAULT_LIMITS, exceedsNodes, type Limits } from './limits';
import { QuickLocator } from './quick-locate';
import { LineMap } from './text';

export interface SyntaxProblem {
  /** `limit`: the file was not read or parsed in full (src/core/limits.ts), reported by input-limit. */
  code: 'syntax' | 'duplicate-key' | 'limit';
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
  /** True when the file holds more than one YAML document (empty ones after the first not counted). */
  multiDocument: boolean;
}

/**
 * How often the parsers ran, for tests and diagnostics: `records` counts parseRecord calls (every
 * analysis of a file), `locators` the position trees built for files with findings.
 */
export const parseStats = { records: 0, locators: 0 };
let parseListener: ((file: string) => void) | undefined;

/** Calls `listener` with the file of every parseRecord call (tests prove what a change re-parses). */
export function setParseListener(listener: ((file: string) => void) | undefined): void {
  parseListener = listener;
}

/**
 * The YAML 1.2 core schema plus merge keys (`<<: *base`): merged entries are part of the data that
 * the rules validate, as every YAML 1.1 tool that reads the record sees them.
 */
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge] });

/** `byteSize`: the file's size on disk when `text` is not all of it (a file over the size limit is not read in full). */
export function parseRecord(file: string, text: string, limits: Pick<Limits, 'maxFileBytes' | 'maxAliasNodes' | 'maxFindingsPerFile'> = DEFAULT_LIMITS, byteSize?: number): ParsedFile {
  parseStats.records++;
  parseListener?.(file);
  const bytes = byteSize ?? (text.length > limits.maxFileBytes / 3 ? Buffer.byteLength(text) : text.length);
  if (bytes > limits.maxFileBytes) {
    return { file, text, data: undefined, multiDocument: false, problems: [limitProblem(text, `The file is ${formatBytes(bytes)}, over the limit of ${formatBytes(limits.maxFileBytes)} per record file; it was not checked. Split it, or raise limits.maxFileBytes in aims/aims.config.yaml.`)] };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return { file, text, data: undefined, multiDocument: false, problems: [{ code: 'limit', message: `The file holds a NUL character (offset ${nul}): it is binary, not YAML, and was not checked.`, startOffset: nul, endOffset: nul + 1 }] };
  }
  let parsed: ParsedFile;
  try {
    const docs: unknown[] = [];
    jsyaml.loadAll(text, d => { docs.push(d); }, { schema: SCHEMA, filename: file });
    // a later document counts only when it holds something (a trailing `---` leaves an empty one)
    parsed = { file, text, data: docs[0], problems: [], multiDocument: docs.slice(1).some(d => d !== null && d !== undefined) };
  } catch (e) {
    parsed = parseWithYaml(file, text, e, limits.maxFindingsPerFile);
  }
  if (parsed.data !== undefined && exceedsNodes(parsed.data, limits.maxAliasNodes)) {
    // an alias bomb (or a cycle): every later walk over the data (validation, a message, the form)
    // would expand it; nothing of it is used
    parsed.data = undefined;
    parsed.problems.push(limitProblem(text, `YAML aliases expand this document to more than ${limits.maxAliasNodes.toLocaleString('en-US')} nodes; it was not checked. Use fewer aliases (*name), or raise limits.maxAliasNodes in aims/aims.config.yaml.`, text.indexOf('*')));
  }
  return parsed;
}

function limitProblem(text: string, message: string, at = 0): SyntaxProblem {
  const s = Math.max(0, Math.min(at, text.length));
  const nl = text.indexOf('\n', s);
  return { code: 'limit', message, startOffset: s, endOffset: Math.max(s + 1, nl === -1 ? text.length : nl) };
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}

function parseWithYaml(file: string, text: string, jsError: unknown, maxProblems: number): ParsedFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  // logLevel 'error': recovering broken files must not print Node warnings (e.g. "Keys with collection values").
  // Duplicate keys are found below, in one pass (yaml's own check compares every pair of a mapping).
  const docs = withoutStackTraces(() => YAML.parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, schema: 'core', merge: true, logLevel: 'error' }));
  const list = Array.isArray(docs) ? docs : [docs];
  const problems: SyntaxProblem[] = [];
  let dropped = 0;
  // one place is kept for the finding that counts the rest
  const add = (p: SyntaxProblem): void => { if (problems.length < maxProblems - 1) problems.push(p); else dropped++; };
  for (const d of list) {
    let opens: Map<number, number> | undefined;
    for (const e of d.errors) {
      let [s, end] = e.pos;
      if (/Missing closing|end with a [\]}]/.test(e.message)) {
        // yaml reports an unclosed quote or bracket where the input ends or the next key starts;
        // point at the quote or bracket that opens it
        const open = (opens ??= unclosedStarts(YAML, d)).get(s);
        if (open !== undefined) { s = open; end = open + 1; }
      }
      add({ code: 'syntax', message: cleanYamlMessage(e.message), startOffset: s, endOffset: Math.max(end, s + 1) });
    }
    for (const k of duplicateKeys(YAML, d)) {
      add({ code: 'duplicate-key', message: 'Duplicate key: this later value silently replaces the earlier one.', startOffset: k[0], endOffset: Math.max(k[1], k[0] + 1) });
    }
  }
  if (dropped) {
    const last = problems[problems.length - 1];
    problems.push({ code: 'limit', message: `${dropped.toLocaleString('en-US')} more YAML errors in this file are not shown (limits.maxFindingsPerFile is ${maxProblems}).`, startOffset: last.startOffset, endOffset: last.endOffset });
  }
  let data: unknown;
  try { data = list[0]?.toJS({ maxAliasCount: 100 }); } catch { data = undefined; }
  if (problems.length === 0) {
    // js-yaml rejected something yaml accepts (rare: e.g. an undefined alias): report js-yaml's reason where it stopped
    const j = jsError as { reason?: unknown; mark?: { position?: unknown } } | undefined;
    const pos = typeof j?.mark?.position === 'number' ? Math.max(0, Math.min(j.mark.position, text.length - 1)) : 0;
    const reason = typeof j?.reason === 'string' && j.reason ? cleanYamlMessage(j.reason) : 'The YAML parser rejected this file';
    problems.push({ code: 'syntax', message: reason, startOffset: pos, endOffset: pos + 1 });
  }
  return { file, text, data, problems, multiDocument: list.slice(1).some(d => d.contents !== null) };
}

/** Runs `f` without capturing stack traces: yaml makes an Error object per problem, and a broken file can have thousands. */
function withoutStackTraces<T>(f: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try { return f(); } finally { Error.stackTraceLimit = limit; }
}

/** [start, end] of every key that repeats an earlier key of the same mapping: the later ones. One pass. */
function duplicateKeys(YAML: typeof import('yaml'), doc: import('yaml').Document.Parsed): [number, number][] {
  const out: [number, number][] = [];
  YAML.visit(doc, {
    Map(_, m) {
      if (m.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const p of m.items) {
        if (!YAML.isScalar(p.key)) continue;
        const v = p.key.value;
        if (v === '<<') continue; // several merge keys are allowed
        const id = typeof v === 'string' ? 's' + v : typeof v + ':' + String(v);
        if (seen.has(id)) {
          const r = p.key.range;
          if (r) out.push([r[0], r[1]]);
        } else seen.add(id);
      }
    },
  });
  return out;
}

/**
 * For every quoted scalar and flow collection: where it ends → where it starts (the smallest start
 * when several end at the same offset). One walk per document, however many errors it has.
 */
function unclosedStarts(YAML: typeof import('yaml'), doc: import('yaml').Document.Parsed): Map<number, number> {
  const found = new Map<number, number>();
  const check = (n: { range?: [number, number, number] | null }): void => {
    if (!n.range) return;
    const prev = found.get(n.range[1]);
    if (prev === undefined || n.range[0] < prev) found.set(n.range[1], n.range[0]);
  };
  YAML.visit(doc, {
    Scalar(_, n) { if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') check(n); },
    Seq(_, n) { if (n.flow) check(n); },
    Map(_, n) { if (n.flow) check(n); },
  });
  return found;
}

/**
 * Reports every parse problem of `code` as a finding of the calling file rule, at its offsets
 * (yaml-syntax, duplicate-key, input-limit).
 */
export function reportProblems(ctx: Pick<FileContext, 'parsed' | 'report'>, code: SyntaxProblem['code'], message: (p: SyntaxProblem, text: string) => string): void {
  let lines: LineMap | undefined;
  for (const p of ctx.parsed.problems) {
    if (p.code !== code) continue;
    lines ??= new LineMap(ctx.parsed.text);
    ctx.report({ path: [], message: message(p, ctx.parsed.text), range: lines.range(p.startOffset, p.endOffset) });
  }
}

/** A YAML parser message without its position and code excerpt, on one line. */
export function cleanYamlMessage(m: string): string {
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
  private quick: QuickLocator | undefined;
  readonly lines: LineMap;

  /**
   * `parsedCleanly`: js-yaml read the text as one document without error, so the quick locator
   * (no second parse; see quick-locate.ts) may answer before the node tree is built.
   */
  constructor(readonly text: string, parsedCleanly = false) {
    this.lines = new LineMap(text);
    if (parsedCleanly) this.quick = new QuickLocator(text);
  }

  private build(): void {
    if (this.built) return;
    this.built = true;
    parseStats.locators++;
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
    let hit: Pick<Located, 'keyStart' | 'keyEnd' | 'start' | 'end'> | undefined;
    let lastHit: typeof hit;
    let complete = true;
    const quick = this.built ? undefined : this.quick?.walk(path);
    if (quick) {
      complete = quick.complete;
      lastHit = hit = quick.hits[quick.hits.length - 1];
    } else {
      this.build();
      let node = this.root;
      for (const seg of path) {
        const next = node?.entries?.get(seg);
        if (!next) { complete = false; break; }
        lastHit = hit = next;
        node = next.node;
      }
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
      const blank = line === '' || line.startsWith('#') || line === '---';
      if (blank && nl !== -1) { s = nl + 1; continue; }
      // no content at all (an empty or comment-only file): the first line, not the end of the file
      if (blank) s = 0;
      const end = blank ? (t.indexOf('\n') === -1 ? t.length : t.indexOf('\n')) : nl === -1 ? t.length : nl;
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
    schema: SCHEMA,
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
  // js-yaml reports a flow collection that is a block-sequence item (`- {id: A.2.2}`) twice: the real
  // node inside a wrapper of the same kind that starts at the same offset (and may end after a trailing
  // comment). Use the real one, or its entries are lost. A genuine collection never has a single child
  // of its own kind at its own start: mappings have key/value pairs, sequence items follow '-' or '['.
  while ((raw.kind === 'mapping' || raw.kind === 'sequence') && raw.children.length === 1) {
    const only = raw.children[0];
    if (only.kind !== raw.kind || only.start !== raw.start) break;
    raw = only;
  }
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
      const keyStart = dashBefore(text, child.start, start);
      node.entries!.set(i, { keyStart, keyEnd: keyStart + 1, start: child.start, end: child.end, node: child });
    });
  }
  return node;
}

/**
 * For a sequence item starting at `at`: the offset of its `-` (its "key"), or `at` itself for a flow
 * item. Looks back no further than the previous item's `-` `[` `,` or the sequence's start `from`, so
 * locating every item of a sequence stays linear.
 */
function dashBefore(text: string, at: number, from: number): number {
  let dash = at - 1;
  while (dash > from && text[dash] !== '-' && text[dash] !== '[' && text[dash] !== ',') dash--;
  return text[dash] === '-' ? dash : at;
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
  const doc = YAML.parseDocument(text, { uniqueKeys: false, schema: 'core', merge: true });
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
        // the last of duplicate keys: its value is the one in the data (and the one a fix may change)
        node.entries.set(key, { keyStart: kr[0], keyEnd: kr[1], start: child.start, end: child.end, node: child });
      }
    } else if (YAML.isSeq(n)) {
      node.kind = 'sequence';
      node.entries = new Map();
      n.items.forEach((it, i) => {
        const child = conv(it);
        const ks = dashBefore(text, child.start, r[0]);
        node.entries!.set(i, { keyStart: ks, keyEnd: ks + 1, start: child.start, end: child.end, node: child });
      });
    }
    return node;
  };
  return doc.contents ? conv(doc.contents) : undefined;
}
