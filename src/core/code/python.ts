// The Python scanner: parses a module with @lezer/python and finds the calls that load a dataset or a
// model (catalog.ts), resolving their identifier from string literals, module-level constants, simple
// f-strings, `+` concatenation and os.path.join / pathlib joins. Anything else is reported as dynamic
// with the static prefix it has, never guessed. Bounded: iterative walk, depth-limited resolution,
// a cap on loads per file.
import { parser } from '@lezer/python';
import { TreeFragment, type SyntaxNode, type Tree } from '@lezer/common';
import { fileKind, LOAD_PATTERNS, readsMode, sqlTables, TRIGGER, type LoadKind, type LoadPattern, type Provider } from './catalog';
import { splitLiteral, unescapeBody } from './pystring';

export interface CodeLoad {
  kind: LoadKind;
  /** Library that loads it ("pandas", "transformers", "openai"). */
  library: string;
  /** Qualified callee, e.g. pandas.read_parquet. */
  callee: string;
  /** The identifier, when resolved statically (a URI, path, table, hub id or model name). */
  value?: string;
  /** When not resolved: the static start of the identifier ('' when nothing is known). */
  prefix?: string;
  /** When not resolved: why (the expression's source, shortened). */
  dynamic?: string;
  /** Hosted model API (external supplier). */
  hosted?: Provider;
  /** 0-based offsets of the identifier expression (or of the call when none) in the scanned text. */
  from: number;
  to: number;
}

export const MAX_LOADS_PER_FILE = 2_000;
const MAX_DEPTH = 24;
const MAX_VALUE = 4_096;

export interface ScanOptions {
  /** Skips the parse when the text holds no word a load needs (default true). */
  prefilter?: boolean;
  /**
   * The previous text and tree of the same document (the editor keeps one per open file): the parser
   * reuses the unchanged parts, so a keystroke re-parses little. Updated in place.
   */
  cache?: ParseCache;
}

export interface ParseCache { text?: string; tree?: Tree }

export function parsePython(text: string, cache?: ParseCache): Tree {
  let tree: Tree;
  if (cache?.tree && cache.text !== undefined) {
    // the edit as one changed range: common prefix and suffix of the old and new text
    const old = cache.text;
    const min = Math.min(old.length, text.length);
    let a = 0;
    while (a < min && old.charCodeAt(a) === text.charCodeAt(a)) a++;
    let b = 0;
    while (b < min - a && old.charCodeAt(old.length - 1 - b) === text.charCodeAt(text.length - 1 - b)) b++;
    const fragments = TreeFragment.applyChanges(TreeFragment.addTree(cache.tree), [{ fromA: a, toA: old.length - b, fromB: a, toB: text.length - b }]);
    tree = parser.parse(text, fragments);
  } else tree = parser.parse(text);
  if (cache) { cache.text = text; cache.tree = tree; }
  return tree;
}

/** Finds the loads in one Python module. */
export function scanPython(text: string, opts: ScanOptions = {}): CodeLoad[] {
  if (opts.prefilter !== false && !TRIGGER.test(text)) { if (opts.cache) { opts.cache.text = undefined; opts.cache.tree = undefined; } return []; }
  return scanTree(parsePython(text, opts.cache), text);
}

type Value = { value: string } | { prefix: string; why: string };

class Scope {
  readonly imports = new Map<string, string>();
  readonly importedModules = new Set<string>();
  /** Module-level names assigned exactly once, with the assigned expression. */
  readonly constants = new Map<string, SyntaxNode | null>();
  constructor(readonly text: string) {}
  src(n: SyntaxNode): string { return this.text.slice(n.from, n.to); }
}

export function scanTree(tree: Tree, text: string): CodeLoad[] {
  const scope = new Scope(text);
  const calls: SyntaxNode[] = [];
  const cursor = tree.cursor();
  // one iterative walk: imports anywhere, module-level assignments, every call
  for (;;) {
    const name = cursor.name;
    if (name === 'CallExpression') calls.push(cursor.node);
    else if (name === 'ImportStatement') readImport(cursor.node, scope);
    else if (name === 'AssignStatement' && cursor.node.parent?.name === 'Script') readAssign(cursor.node, scope);
    if (cursor.firstChild()) continue;
    while (!cursor.nextSibling()) if (!cursor.parent()) return finish(calls, scope);
  }
}

function finish(calls: SyntaxNode[], scope: Scope): CodeLoad[] {
  const out: CodeLoad[] = [];
  const consumed = new Set<number>();
  for (const call of calls) {
    if (out.length >= MAX_LOADS_PER_FILE) break;
    if (consumed.has(call.from)) continue;
    const load = matchCall(call, scope, consumed);
    if (load) out.push(...load);
  }
  return out.sort((a, b) => a.from - b.from);
}

function readImport(node: SyntaxNode, scope: Scope): void {
  const kids: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
  const s = (n: SyntaxNode) => scope.src(n);
  if (kids[0]?.name === 'from') {
    let i = 1, mod = '';
    while (i < kids.length && kids[i].name !== 'import') mod += s(kids[i++]);
    i++;
    scope.importedModules.add(mod);
    while (i < kids.length) {
      const k = kids[i];
      if (k.name === 'VariableName') {
        const orig = s(k);
        let alias = orig;
        if (kids[i + 1]?.name === 'as' && kids[i + 2]) { alias = s(kids[i + 2]); i += 2; }
        scope.imports.set(alias, mod ? `${mod}.${orig}` : orig);
        scope.importedModules.add(`${mod}.${orig}`);
      }
      i++;
    }
  } else {
    let i = 1;
    while (i < kids.length) {
      let dotted = '';
      const first = kids[i];
      while (i < kids.length && (kids[i].name === 'VariableName' || kids[i].name === '.')) dotted += s(kids[i++]);
      if (!dotted) { i++; continue; }
      scope.importedModules.add(dotted);
      if (kids[i]?.name === 'as' && kids[i + 1]) { scope.imports.set(s(kids[i + 1]), dotted); i += 2; }
      else scope.imports.set(s(first), s(first));
      if (kids[i]?.name === ',') i++;
    }
  }
}

function readAssign(node: SyntaxNode, scope: Scope): void {
  const target = node.firstChild;
  const op = target?.nextSibling;
  const value = op?.nextSibling;
  if (!target || target.name !== 'VariableName' || op?.name !== 'AssignOp' || !value || value.nextSibling) {
    // tuple targets, chained or annotated assignments: a name assigned here is no longer a constant
    for (let c = node.firstChild; c && c.name !== 'AssignOp'; c = c.nextSibling) if (c.name === 'VariableName') scope.constants.set(scope.src(c), null);
    return;
  }
  const name = scope.src(target);
  scope.constants.set(name, scope.constants.has(name) ? null : value);
}

/** The dotted callee with its head replaced by the import it names; calls in the chain end in "()". */
function calleeName(node: SyntaxNode, scope: Scope, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (node.name === 'VariableName') {
    const n = scope.src(node);
    return scope.imports.get(n) ?? n;
  }
  if (node.name === 'MemberExpression') {
    const obj = node.firstChild;
    const prop = node.lastChild;
    if (!obj || !prop || prop.name !== 'PropertyName') return undefined;
    const base = calleeName(obj, scope, depth + 1);
    return base === undefined ? undefined : `${base}.${scope.src(prop)}`;
  }
  if (node.name === 'CallExpression') {
    const f = node.firstChild;
    const base = f && calleeName(f, scope, depth + 1);
    return base === undefined ? undefined : `${base}()`;
  }
  return undefined;
}

interface Args { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode>; star: boolean }

function readArgs(list: SyntaxNode, scope: Scope): Args {
  const a: Args = { positional: [], keywords: new Map(), star: false };
  let c = list.firstChild;
  while (c) {
    if (c.name === '(' || c.name === ')' || c.name === ',') { c = c.nextSibling; continue; }
    if (c.name === '*' || c.name === '**') { a.star = true; c = c.nextSibling?.nextSibling ?? null; continue; }
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
      const v = c.nextSibling.nextSibling;
      if (v) a.keywords.set(scope.src(c), v);
      c = v?.nextSibling ?? null;
      continue;
    }
    if (!a.star) a.positional.push(c);
    c = c.nextSibling;
  }
  return a;
}

function pick(args: Args, spec: (number | string)[]): SyntaxNode | undefined {
  for (const s of spec) {
    const n = typeof s === 'number' ? args.positional[s] : args.keywords.get(s);
    if (n) return n;
  }
  return undefined;
}

function requiresMet(p: LoadPattern, scope: Scope): boolean {
  if (!p.requires) return true;
  for (const m of scope.importedModules) for (const r of p.requires) if (m === r || m.startsWith(r + '.')) return true;
  return false;
}

function matchCall(call: SyntaxNode, scope: Scope, consumed: Set<number>): CodeLoad[] | undefined {
  const fn = call.firstChild;
  const list = call.lastChild;
  if (!fn || !list || list.name !== 'ArgList') return undefined;
  const callee = calleeName(fn, scope);
  if (!callee) return undefined;
  // a name shadowed by a module-level assignment or import is not the builtin
  if (callee === 'open' && (scope.constants.has('open') || scope.imports.has('open'))) return undefined;
  const p = LOAD_PATTERNS.find(x => x.callee.test(callee) && requiresMet(x, scope));
  if (!p) return undefined;
  const args = readArgs(list, scope);
  let kind = p.kind;
  let arg = pick(args, p.args);
  const base = { library: p.library, callee, hosted: p.hosted };

  if (p.special === 'open') {
    if (!arg) return undefined;
    const mode = pick(args, [1, 'mode']);
    if (mode) { const m = resolve(mode, scope, 0); if (!('value' in m) || !readsMode(m.value)) return undefined; }
    const v = resolve(arg, scope, 0);
    // open() is everywhere: only files that look like data or model files count, and only when known
    if (!('value' in v)) return undefined;
    const fk = fileKind(v.value);
    if (!fk) return undefined;
    return [{ ...base, kind: fk, value: v.value, from: arg.from, to: arg.to }];
  }
  if (p.special === 'unpickle' && arg?.name === 'CallExpression') {
    // pickle.load(open(PATH, "rb")): the path is the open() argument
    const inner = arg.firstChild && calleeName(arg.firstChild, scope);
    const innerArgs = arg.lastChild?.name === 'ArgList' ? readArgs(arg.lastChild, scope) : undefined;
    if ((inner === 'open' || inner === 'builtins.open' || inner?.endsWith('.open')) && innerArgs) {
      consumed.add(arg.from);
      arg = pick(innerArgs, [0, 'file']) ?? arg;
    }
  }
  if (p.special === 'load_dataset' && arg) {
    // packaged builders (csv, parquet, ...) read data_files / data_dir
    const v = resolve(arg, scope, 0);
    if ('value' in v && /^(csv|json|parquet|text|arrow|imagefolder|audiofolder|webdataset|pandas|sql)$/.test(v.value)) {
      const files = pick(args, ['data_files', 'data_dir']);
      if (files) arg = firstOfList(files) ?? files;
    }
  }
  if (p.special === 'hub_download') {
    const rt = args.keywords.get('repo_type');
    if (rt) { const v = resolve(rt, scope, 0); if ('value' in v && v.value === 'dataset') kind = 'dataset'; }
  }
  if (p.special === 'pipeline' && !arg) {
    return [{ ...base, kind, prefix: '', dynamic: 'no model named: the task\'s default model is downloaded', from: call.from, to: call.to }];
  }
  if (!arg) {
    if (args.star || args.keywords.size > 0 || args.positional.length > 0) {
      return [{ ...base, kind, prefix: '', dynamic: 'the identifier is passed through *args/**kwargs or an unnamed argument', from: list.from, to: list.to }];
    }
    return undefined;
  }
  const v = resolve(arg, scope, 0);
  if ('value' in v) {
    if (p.sql) {
      const text = v.value.trim();
      // a bare table name, or the tables a statement reads; statements that read none (INSERT … VALUES,
      // SELECT 1) load nothing
      if (/^[\w$.`"[\]-]+$/.test(text)) return [{ ...base, kind, value: text.replace(/[`"[\]]/g, ''), from: arg.from, to: arg.to }];
      return sqlTables(text).map(t => ({ ...base, kind, value: t, from: arg!.from, to: arg!.to }));
    }
    if (p.special === 'unpickle') kind = fileKind(v.value) === 'dataset' ? 'dataset' : 'model';
    return [{ ...base, kind, value: v.value, from: arg.from, to: arg.to }];
  }
  if (p.sql) {
    // f"SELECT * FROM {TABLE} WHERE …": tables whose names are fully known still count
    const partial = partialSql(arg, scope);
    if (partial.length) return partial.map(t => ({ ...base, kind, value: t, from: arg!.from, to: arg!.to }));
  }
  return [{ ...base, kind, prefix: v.prefix, dynamic: v.why, from: arg.from, to: arg.to }];
}

function firstOfList(n: SyntaxNode): SyntaxNode | undefined {
  if (n.name !== 'ArrayExpression' && n.name !== 'TupleExpression') return undefined;
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== '[' && c.name !== '(' && c.name !== ',') return c;
  return undefined;
}

/** For a partly dynamic f-string SQL: the tables named by text that is fully known around them. */
function partialSql(n: SyntaxNode, scope: Scope): string[] {
  if (n.name !== 'FormatString') return [];
  let sql = '';
  const lit = splitLiteral(scope.src(n));
  if (!lit) return [];
  const bodyStart = n.from + lit.prefix.length + lit.quote.length;
  let pos = bodyStart;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    sql += scope.text.slice(pos, c.from);
    const r = replacement(c, scope, 1);
    sql += 'value' in r ? r.value : ' ?dynamic? ';
    pos = c.to;
  }
  sql += scope.text.slice(pos, bodyStart + lit.body.length);
  return sqlTables(sql).filter(t => !t.includes('?'));
}

const short = (s: string): string => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? one.slice(0, 57) + '…' : one;
};

function dyn(n: SyntaxNode, scope: Scope, prefix = ''): Value {
  return { prefix, why: short(scope.src(n)) };
}

function resolve(n: SyntaxNode, scope: Scope, depth: number): Value {
  if (depth > MAX_DEPTH) return dyn(n, scope);
  switch (n.name) {
    case 'String': {
      const lit = splitLiteral(scope.src(n));
      if (!lit) return dyn(n, scope);
      const v = unescapeBody(lit.body, lit.prefix.includes('r'), lit.prefix.includes('f'));
      return v === undefined ? dyn(n, scope) : cap({ value: v }, n, scope);
    }
    case 'ContinuedString':
    case 'BinaryExpression': {
      // "a" "b"  |  A + "b"  |  pathlib.Path(A) / "b"
      const parts: SyntaxNode[] = [];
      let op: string | undefined;
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.name === 'ArithOp') { const o = scope.src(c); if (op && o !== op) return dyn(n, scope); op = o; }
        else parts.push(c);
      }
      if (n.name === 'BinaryExpression' && op !== '+' && op !== '/') return dyn(n, scope);
      const sep = op === '/' ? '/' : '';
      return concat(parts.map(p => () => resolve(p, scope, depth + 1)), sep, n, scope);
    }
    case 'FormatString': {
      const lit = splitLiteral(scope.src(n));
      if (!lit) return dyn(n, scope);
      const raw = lit.prefix.includes('r');
      const bodyStart = n.from + lit.prefix.length + lit.quote.length;
      const bodyEnd = bodyStart + lit.body.length;
      const pieces: (() => Value)[] = [];
      let pos = bodyStart;
      const literal = (a: number, b: number) => {
        const s = unescapeBody(scope.text.slice(a, b), raw, true);
        return (): Value => (s === undefined ? dyn(n, scope) : { value: s });
      };
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.name !== 'FormatReplacement') continue;
        pieces.push(literal(pos, c.from));
        const rep = c;
        pieces.push(() => replacement(rep, scope, depth + 1));
        pos = c.to;
      }
      pieces.push(literal(pos, bodyEnd));
      return concat(pieces, '', n, scope);
    }
    case 'VariableName': {
      const name = scope.src(n);
      if (boundLocally(n, name, scope)) return { prefix: '', why: `${name} is a local name` };
      const c = scope.constants.get(name);
      if (!c) return { prefix: '', why: scope.constants.has(name) ? `${name} is assigned more than once` : `${name} is not a module-level constant` };
      const v = resolve(c, scope, depth + 1);
      return 'value' in v ? v : { prefix: v.prefix, why: `${name} = ${v.why}` };
    }
    case 'ParenthesizedExpression': {
      const inner = n.firstChild?.nextSibling;
      return inner && inner.name !== ')' ? resolve(inner, scope, depth + 1) : dyn(n, scope);
    }
    case 'CallExpression': {
      // os.path.join(A, "b"), pathlib.Path(A), str(A)
      const f = n.firstChild, list = n.lastChild;
      const name = f && calleeName(f, scope, depth + 1);
      if (!name || !list || list.name !== 'ArgList') return dyn(n, scope);
      const args = readArgs(list, scope);
      if (args.star || args.keywords.size) return dyn(n, scope);
      if (/^(os\.path|posixpath)\.join$/.test(name)) return join(args.positional.map(p => () => resolve(p, scope, depth + 1)), n, scope);
      if (/^(pathlib\.)?(Pure)?(Posix)?Path$|^str$/.test(name) && args.positional.length >= 1) {
        return name === 'str' && args.positional.length !== 1 ? dyn(n, scope) : join(args.positional.map(p => () => resolve(p, scope, depth + 1)), n, scope);
      }
      return dyn(n, scope);
    }
    default:
      return dyn(n, scope);
  }
}

function replacement(rep: SyntaxNode, scope: Scope, depth: number): Value {
  const kids: SyntaxNode[] = [];
  for (let c = rep.firstChild; c; c = c.nextSibling) if (c.name !== '{' && c.name !== '}') kids.push(c);
  if (kids.length !== 1) return dyn(rep, scope); // conversions, format specs, self-documenting '='
  return resolve(kids[0], scope, depth);
}

function concat(parts: (() => Value)[], sep: string, n: SyntaxNode, scope: Scope): Value {
  let acc = '';
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i]();
    if (!('value' in v)) return { prefix: acc + (i > 0 ? sep : '') + v.prefix, why: v.why };
    if (sep && i > 0 && !acc.endsWith(sep) && !v.value.startsWith(sep)) acc += sep;
    acc += v.value;
    if (acc.length > MAX_VALUE) return dyn(n, scope);
  }
  return { value: acc };
}

function join(parts: (() => Value)[], n: SyntaxNode, scope: Scope): Value {
  let acc = '';
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i]();
    if (!('value' in v)) return { prefix: acc && !acc.endsWith('/') ? acc + '/' + v.prefix : acc + v.prefix, why: v.why };
    if (v.value.startsWith('/')) acc = v.value; // os.path.join drops what came before an absolute part
    else acc = acc && !acc.endsWith('/') ? `${acc}/${v.value}` : acc + v.value;
    if (acc.length > MAX_VALUE) return dyn(n, scope);
  }
  return { value: acc };
}

function cap(v: { value: string }, n: SyntaxNode, scope: Scope): Value {
  return v.value.length > MAX_VALUE ? dyn(n, scope) : v;
}

const BINDERS = new Set(['AssignStatement', 'ForStatement', 'WithStatement', 'UpdateStatement']);

/** Whether a function around `n` binds `name` itself (a parameter, an assignment, a loop or with target). */
function boundLocally(n: SyntaxNode, name: string, scope: Scope): boolean {
  for (let p = n.parent, hops = 0; p && hops < 200; p = p.parent, hops++) {
    if (p.name !== 'FunctionDefinition' && p.name !== 'LambdaExpression') continue;
    const params = p.getChild('ParamList');
    if (params) for (let c = params.firstChild; c; c = c.nextSibling) if (c.name === 'VariableName' && scope.src(c) === name) return true;
    if (p.name === 'LambdaExpression') continue;
    const body = p.getChild('Body');
    if (!body) continue;
    const cur = body.cursor();
    let seen = 0;
    for (;;) {
      if (++seen > 50_000) return true; // too large to tell: do not claim the constant
      if (BINDERS.has(cur.name)) {
        for (let c = cur.node.firstChild; c; c = c.nextSibling) {
          if (c.name === 'AssignOp' || c.name === 'Body' || c.name === 'in') break;
          if (c.name === 'VariableName' && scope.src(c) === name) return true;
          if (c.name === 'as' && c.nextSibling?.name === 'VariableName' && scope.src(c.nextSibling) === name) return true;
          if (c.name === 'global' ) break;
        }
        if (cur.name === 'WithStatement') {
          for (let c = cur.node.firstChild; c && c.name !== 'Body'; c = c.nextSibling) if (c.name === 'as' && c.nextSibling && scope.src(c.nextSibling) === name) return true;
        }
      }
      if (cur.name !== 'FunctionDefinition' && cur.name !== 'ClassDefinition' && cur.firstChild()) continue;
      while (!cur.nextSibling()) { if (!cur.parent() || cur.to >= body.to && cur.from <= body.from) return false; }
      if (cur.from >= body.to) return false;
    }
  }
  return false;
}
