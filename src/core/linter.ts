// The workspace engine: holds one analysis per file (redone only when the file's text changes), runs
// the cross-record rules over the index of summaries, and locates findings lazily. The CLI and the
// extension both use it; the extension calls setFile() for the one document that changed and re-reads
// findings.
import { analyzeFile, capFindings, finding, makeRuleSet, readRecordFile, unreadableAnalysis, type FileAnalysis, type ReadNote, type RuleSet } from './analyze';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { Finding, Range } from './model';
import { Locator } from './parse';
import type { Env, IndexedRecord, Rule, WorkspaceRule } from './rule';
import { todayIso } from './rule';
import { RULES } from './rules';
import { CODE_RULES } from './rules/code';
import type { Role } from './catalogue';
import type { Severity } from './model';
import type { PathKind } from './coverage/evidence';
import { scanCode, type CodeScan } from './code/scan';
import type { ParseCache } from './code/python';
import { applySuppressions, type Applied } from './suppressions';

export interface LinterOptions {
  rules?: readonly Rule[];
  severities?: Readonly<Record<string, Severity | 'off'>>;
  roles?: Role[];
  today?: string;
  /** Whether a workspace-relative path exists (a file or folder; create-file fixes). Defaults to "no". */
  pathExists?: (relPath: string) => boolean;
  /** What a workspace-relative path is, for evidence (coverage/evidence.ts makePathKind). Defaults to pathExists: 'file' or 'missing'. */
  pathKind?: (relPath: string) => PathKind;
  /** Prefix of organization-defined control ids (config organization_control_prefix). */
  orgControlPrefix?: string;
  /** Last commit date of a file, from git. */
  lastChange?: (file: string) => string | undefined;
  /** Limits on untrusted input (limits.ts); the config's `limits` section. */
  limits?: Partial<Limits>;
}

const CODE_RULE_IDS = new Set(CODE_RULES.map(r => r.id));

export class Linter {
  readonly env: Env;
  readonly ruleSet: RuleSet;
  private readonly files = new Map<string, FileAnalysis>();
  private readonly locators = new Map<string, Locator>();
  /** Findings of the workspace rules about records, and of those about code (redone when only code changes). */
  private cross: Map<string, Finding[]> | undefined;
  private codeCross: Map<string, Finding[]> | undefined;
  private crossAll: Map<string, Finding[]> | undefined;
  private indexCache: { records: IndexedRecord[]; byId: Map<string, IndexedRecord[]> } | undefined;
  /** Scanned code files (Python, notebooks), kept until their text changes. */
  private readonly code = new Map<string, { text: string; scan: CodeScan; cache?: ParseCache }>();
  private codeList: CodeScan[] | undefined;
  private readonly rules: readonly Rule[];
  /** Located findings per file, split by the file's suppression comments (cleared with the cross findings). */
  private readonly applied = new Map<string, Applied>();
  pathExists: (relPath: string) => boolean;
  pathKind: (relPath: string) => PathKind;
  lastChange: (file: string) => string | undefined;

  constructor(opts: LinterOptions = {}) {
    this.env = { today: opts.today ?? todayIso(), roles: opts.roles ?? [], limits: { ...DEFAULT_LIMITS, ...opts.limits } };
    if (opts.orgControlPrefix !== undefined) this.env.orgControlPrefix = opts.orgControlPrefix;
    this.rules = opts.rules ?? RULES;
    this.ruleSet = makeRuleSet(this.rules, opts.severities);
    this.pathExists = opts.pathExists ?? (() => false);
    this.pathKind = opts.pathKind ?? (rel => (this.pathExists(rel) ? 'file' : 'missing'));
    this.lastChange = opts.lastChange ?? (() => undefined);
  }

  /** Adds or updates a file; returns false when its content did not change. */
  setFile(file: string, text: string, note?: ReadNote): boolean {
    const prev = this.files.get(file);
    if (prev && prev.text === text && !!prev.readOnly === !!(note?.invalidUtf8At !== undefined || note?.truncatedFrom !== undefined)) return false;
    this.setAnalysis(analyzeFile(file, text, this.ruleSet, this.env, note));
    return true;
  }

  /**
   * Reads `file` from `abs` within the limits (size, UTF-8) and adds it; a file that cannot be read
   * gets an input-limit finding instead of being left out.
   */
  setFileFromDisk(file: string, abs: string): void {
    const r = readRecordFile(abs, this.env.limits);
    if ('error' in r) this.setAnalysis(unreadableAnalysis(file, r.error, this.ruleSet));
    else if (!this.files.has(file) || this.files.get(file)!.text !== r.text || r.note.invalidUtf8At !== undefined) this.setAnalysis(analyzeFile(file, r.text, this.ruleSet, this.env, r.note));
  }

  /** Adds an analysis computed elsewhere (a worker thread). */
  setAnalysis(a: FileAnalysis): void {
    this.files.set(a.file, a);
    this.locators.delete(a.file);
    this.invalidate();
  }

  deleteFile(file: string): boolean {
    const had = this.files.delete(file);
    this.locators.delete(file);
    if (had) this.invalidate();
    return had;
  }

  /**
   * Adds or updates a code file (scanned for dataset and model loads); false when unchanged. `keepTree`
   * (the editor, for a file being edited) keeps its syntax tree so that the next change re-parses
   * only what changed.
   */
  setCodeFile(file: string, text: string, keepTree = false): boolean {
    const prev = this.code.get(file);
    if (prev?.text === text) return false;
    const cache = keepTree ? prev?.cache ?? {} : undefined;
    this.code.set(file, { text, scan: scanCode(file, text, cache), cache });
    this.codeList = undefined;
    this.codeCross = this.crossAll = undefined;
    this.applied.clear();
    return true;
  }

  deleteCodeFile(file: string): boolean {
    const had = this.code.delete(file);
    if (had) { this.codeList = undefined; this.codeCross = this.crossAll = undefined; this.applied.clear(); }
    return had;
  }

  hasCode(file: string): boolean { return this.code.has(file); }
  codeText(file: string): string | undefined { return this.code.get(file)?.text; }
  codeScan(file: string): CodeScan | undefined { return this.code.get(file)?.scan; }

  /** Every scanned code file, sorted by name. */
  codeScans(): CodeScan[] {
    if (!this.codeList) this.codeList = [...this.code.keys()].sort().map(f => this.code.get(f)!.scan);
    return this.codeList;
  }

  /**
   * A scratch copy: it starts with this linter's analyses, findings and settings (shared, not
   * recomputed: an analysis belongs to its text), and what is set or deleted on it afterwards does not
   * reach this one. The editor's fix-all runs its fix loop on one.
   */
  fork(): Linter {
    const copy = Object.create(Linter.prototype) as Linter;
    Object.assign(copy, this, { files: new Map(this.files), locators: new Map(this.locators), code: new Map(this.code) });
    return copy;
  }

  /** Re-runs only the cross-record rules, e.g. after files outside aims/ appeared (evidence paths). */
  invalidate(): void {
    this.cross = this.codeCross = this.crossAll = undefined;
    this.indexCache = undefined;
    this.applied.clear();
  }

  has(file: string): boolean { return this.files.has(file); }
  fileNames(): string[] { return [...this.files.keys()]; }
  analysis(file: string): FileAnalysis | undefined { return this.files.get(file); }
  text(file: string): string | undefined { return this.files.get(file)?.text; }

  /** All records with their summaries and their own error counts. */
  records(): IndexedRecord[] {
    return this.index().records;
  }

  recordById(id: string): IndexedRecord[] {
    return this.index().byId.get(id) ?? [];
  }

  private index(): { records: IndexedRecord[]; byId: Map<string, IndexedRecord[]> } {
    if (this.indexCache) return this.indexCache;
    const records: IndexedRecord[] = [];
    const byId = new Map<string, IndexedRecord[]>();
    for (const a of this.files.values()) {
      if (!a.summary) continue;
      let errors = 0;
      for (const f of a.findings) if (f.severity === 'error' && !this.suppressedHere(a.file, a.text, f)) errors++;
      const r: IndexedRecord = { file: a.file, summary: a.summary, errors };
      records.push(r);
      if (a.summary.id) {
        const l = byId.get(a.summary.id);
        if (l) l.push(r); else byId.set(a.summary.id, [r]);
      }
    }
    records.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
    this.indexCache = { records, byId };
    return this.indexCache;
  }

  private crossFindings(): Map<string, Finding[]> {
    if (this.crossAll) return this.crossAll;
    const { records } = this.index();
    if (!this.cross) {
      this.cross = this.runWorkspaceRules(r => !CODE_RULE_IDS.has(r.id));
      // evidence with cross-record errors (a dangling reference) is not clean evidence either
      for (const r of records) {
        const extra = this.cross.get(r.file);
        if (extra) for (const f of extra) if (f.severity === 'error' && !this.suppressedHere(r.file, this.files.get(r.file)!.text, f)) r.errors++;
      }
    }
    // the code rules report on code files only: an edit of code re-runs them alone
    this.codeCross ??= this.runWorkspaceRules(r => CODE_RULE_IDS.has(r.id));
    const all = new Map(this.cross);
    for (const [file, list] of this.codeCross) all.set(file, [...(all.get(file) ?? []), ...list]);
    this.crossAll = all;
    return all;
  }

  private runWorkspaceRules(which: (r: WorkspaceRule) => boolean): Map<string, Finding[]> {
    const cross = new Map<string, Finding[]>();
    const { records, byId } = this.index();
    for (const rule of this.ruleSet.workspace) {
      if (!which(rule)) continue;
      const sev = this.ruleSet.severity.get(rule.id)!;
      rule.check({
        env: this.env,
        records,
        byId,
        code: this.codeScans(),
        pathExists: p => this.pathExists(p),
        pathKind: p => this.pathKind(p),
        lastChange: f => this.lastChange(f),
        report: (file, input) => {
          const l = cross.get(file);
          const f = finding(rule, sev, file, input);
          if (l) l.push(f); else cross.set(file, [f]);
        },
      });
    }
    return cross;
  }

  /**
   * Located findings of one file (a record or a code file), sorted by position: those its suppression
   * comments do not accept, and the findings about those comments (invalid or unused).
   */
  findingsFor(file: string): Finding[] {
    return [...(this.splitFindings(file)?.active ?? [])];
  }

  /** The findings of one file that a suppression comment accepts, each with its reason (`suppressed`). */
  suppressedFor(file: string): Finding[] {
    return [...(this.splitFindings(file)?.suppressed ?? [])];
  }

  /** The one place suppressions apply: every located finding of the file goes through it. */
  private splitFindings(file: string): Applied | undefined {
    const a = this.files.get(file);
    const text = a?.text ?? this.code.get(file)?.text;
    if (text === undefined) return undefined;
    let done = this.applied.get(file);
    if (!done) {
      const list = capFindings(file, [...(a?.findings ?? []), ...(this.crossFindings().get(file) ?? [])], a?.dropped ?? 0, this.ruleSet, this.env.limits?.maxFindingsPerFile ?? DEFAULT_LIMITS.maxFindingsPerFile);
      // a file that is never rewritten (not valid UTF-8, over the size limit) offers no fix anywhere
      if (a?.readOnly) for (let i = 0; i < list.length; i++) if (list[i].fix || list[i].suggestions) list[i] = withoutFixes(list[i]);
      for (const f of list) this.locate(f);
      done = applySuppressions(file, text, list, this.ruleSet, this.rules);
      done.active.sort(compareFindings);
      done.suppressed.sort(compareFindings);
      this.applied.set(file, done);
    }
    return done;
  }

  /** Whether a suppression comment of the file accepts `f` (only files with a directive are located). */
  private suppressedHere(file: string, text: string, f: Finding): boolean {
    if (!text.includes('aims-disable')) return false;
    this.locate(f);
    return applySuppressions(file, text, [f], this.ruleSet, this.rules).suppressed.length > 0;
  }

  private fileText(file: string): string | undefined {
    return this.files.get(file)?.text ?? this.code.get(file)?.text;
  }

  /** Located findings of every file that has any, by file name (suppressed ones left out). */
  allFindings(): Map<string, Finding[]> {
    const cross = this.crossFindings();
    const out = new Map<string, Finding[]>();
    const names = [...this.files.keys(), ...[...this.code.keys()].filter(f => !this.files.has(f))].sort();
    for (const file of names) {
      const a = this.files.get(file);
      // a file with a suppression comment may have findings about it alone
      if (!a?.findings.length && !cross.has(file) && !this.fileText(file)!.includes('aims-')) continue;
      const list = this.findingsFor(file);
      if (list.length) out.set(file, list);
    }
    return out;
  }

  /** Suppressed findings of every file that has any, by file name. */
  allSuppressed(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    const names = [...this.files.keys(), ...[...this.code.keys()].filter(f => !this.files.has(f))].sort();
    for (const file of names) {
      if (!this.fileText(file)!.includes('aims-disable')) continue;
      const list = this.suppressedFor(file);
      if (list.length) out.set(file, list);
    }
    return out;
  }

  locator(file: string): Locator | undefined {
    let l = this.locators.get(file);
    if (!l) {
      const a = this.files.get(file);
      if (!a) return undefined;
      l = new Locator(a.text, a.cleanYaml);
      this.locators.set(file, l);
    }
    return l;
  }

  rangeOf(file: string, path: (string | number)[], target: 'key' | 'value' | 'entry' = 'value'): Range | undefined {
    return this.locator(file)?.locate(path, target);
  }

  private locate(f: Finding): void {
    if (!f.range) f.range = this.rangeOf(f.file, f.path, f.target);
    if (f.related) for (const r of f.related) if (!r.range && r.path) r.range = this.rangeOf(r.file, r.path, r.target ?? 'value');
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  const ar = a.range!, br = b.range!;
  return ar.start.line - br.start.line || ar.start.column - br.start.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** A copy of `f` without its fix and suggestions (for files that are never rewritten). */
function withoutFixes(f: Finding): Finding {
  const copy: Finding = { ...f };
  delete copy.fix;
  delete copy.suggestions;
  return copy;
}
