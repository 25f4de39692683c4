// Per-file analysis: parse, file rules, record rules, summary. Pure (text in, data out) so that it can
// run in a worker thread; the linter keeps it until the file's text changes.
import type { Finding, Kind, RecordSummary, Severity } from './model';
import * as fs from 'node:fs';
import { decodeUtf8, DEFAULT_LIMITS, type Limits } from './limits';
import { parseRecord, type ParsedFile } from './parse';
import type { Env, FileRule, RecordContext, RecordRule, ReportInput, Rule, WorkspaceRule } from './rule';
import { isKind } from './schema';
import { summarize } from './summary';
import { validateRecord, type SchemaIssue } from './validate';

export interface FileAnalysis {
  file: string;
  text: string;
  kind?: Kind;
  summary?: RecordSummary;
  /** Findings of file and record rules (not yet located). */
  findings: Finding[];
  /** Findings left out (limits.maxFindingsPerFile); the linter reports how many. */
  dropped?: number;
  /** Never write this file back (it is not valid UTF-8: writing would change bytes nobody touched). */
  readOnly?: boolean;
  /** js-yaml read the text as one document without error: positions may come from the quick locator. */
  cleanYaml?: boolean;
}

export interface RuleSet {
  file: FileRule[];
  record: RecordRule[];
  workspace: WorkspaceRule[];
  severity: ReadonlyMap<string, Severity>;
}

export function makeRuleSet(rules: readonly Rule[], overrides: Readonly<Record<string, Severity | 'off'>> = {}): RuleSet {
  const set: RuleSet = { file: [], record: [], workspace: [], severity: new Map() };
  const severity = set.severity as Map<string, Severity>;
  for (const r of rules) {
    const s = overrides[r.id] ?? r.severity;
    if (s === 'off') continue;
    severity.set(r.id, s);
    if (r.scope === 'file') set.file.push(r);
    else if (r.scope === 'record') set.record.push(r);
    else if (r.scope === 'workspace') set.workspace.push(r);
    // 'suppression': reported by the linter's suppression pass, only its severity is needed
  }
  return set;
}

export function finding(rule: Rule, severity: Severity, file: string, input: ReportInput): Finding {
  const f: Finding = {
    ruleId: rule.id,
    severity,
    message: input.message,
    file,
    path: input.path,
    target: input.target ?? 'value',
    controls: input.controls ?? rule.controls,
  };
  if (input.fix) f.fix = input.fix;
  if (input.suggestions?.length) f.suggestions = input.suggestions;
  if (input.related?.length) f.related = input.related;
  if (input.range) f.range = input.range;
  return f;
}

export interface ReadNote {
  /** Byte offset of the first byte that is not valid UTF-8: reported, and the file is never rewritten. */
  invalidUtf8At?: number;
  /** The file's size when only its first maxFileBytes + 1 bytes were read (never rewritten). */
  truncatedFrom?: number;
}

export function analyzeFile(file: string, text: string, rules: RuleSet, env: Env, note?: ReadNote): FileAnalysis {
  const limits = env.limits ?? DEFAULT_LIMITS;
  const out = analyzeParsed(parseRecord(file, text, limits, note?.truncatedFrom), rules, env);
  if (note?.truncatedFrom !== undefined) out.readOnly = true;
  if (note?.invalidUtf8At !== undefined) {
    out.readOnly = true;
    const rule = rules.file.find(r => r.id === 'input-limit');
    if (rule) out.findings.unshift(finding(rule, rules.severity.get(rule.id)!, file, { path: [], message: `The file is not valid UTF-8 (byte ${note.invalidUtf8At} cannot be decoded; shown as \uFFFD). It is checked as decoded but never rewritten, so no fix is applied. Save it as UTF-8.` }));
  }
  if (out.findings.length > limits.maxFindingsPerFile) {
    // bounded memory: keep what can be shown; the linter adds the note with the total left out
    const all = out.findings;
    out.findings = capFindings(file, all, 0, { ...rules, file: [] }, limits.maxFindingsPerFile);
    out.dropped = all.length - out.findings.length;
  }
  // with duplicate keys the source holds two values for one path: a fix could change the wrong one
  if (out.findings.some(f => f.ruleId === 'duplicate-key')) for (const f of out.findings) delete f.fix;
  return out;
}

/** The analysis of a file that could not be read: one input-limit finding, never written back. */
export function unreadableAnalysis(file: string, reason: string, rules: RuleSet): FileAnalysis {
  return skippedAnalysis(file, `The file could not be read (${reason}), so it was not checked. Make it readable, or exclude it in aims/aims.config.yaml.`, rules);
}

/** The analysis of a file that was not checked: one input-limit finding saying why; never written back. */
export function skippedAnalysis(file: string, message: string, rules: RuleSet): FileAnalysis {
  const out: FileAnalysis = { file, text: '', findings: [], readOnly: true };
  const rule = rules.file.find(r => r.id === 'input-limit');
  if (rule) out.findings.push(finding(rule, rules.severity.get(rule.id)!, file, { path: [], message }));
  return out;
}

/** Reads a record file for analysis: at most maxFileBytes + 1 bytes, decoded as UTF-8 with a note where it is not. */
export function readRecordFile(abs: string, limits: Limits = DEFAULT_LIMITS): { text: string; note: ReadNote } | { error: string } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const size = fs.fstatSync(fd).size;
    const want = Math.min(size, limits.maxFileBytes + 1);
    const buf = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const n = fs.readSync(fd, buf, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    // a file over the limit is reported as too large by the parser (and never written)
    const truncated = size > limits.maxFileBytes;
    const { text, invalidAt } = decodeUtf8(buf.subarray(0, got));
    if (truncated) return { text: '', note: { truncatedFrom: size } };
    return { text, note: invalidAt === undefined ? {} : { invalidUtf8At: invalidAt } };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.code ?? err.message ?? String(e) };
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already closed */ }
  }
}

/**
 * At most `max` findings per file: input-limit findings (they say what was skipped) first, then the
 * others in order; `dropped` more are summed up in one input-limit finding. The linter applies it again
 * to a file's own and cross-record findings together.
 */
export function capFindings(file: string, list: Finding[], dropped: number, rules: RuleSet, max: number): Finding[] {
  if (list.length <= max && dropped === 0) return list;
  const notes = list.filter(f => f.ruleId === 'input-limit');
  const rest = list.filter(f => f.ruleId !== 'input-limit');
  const keep = rest.slice(0, Math.max(0, max - notes.length));
  const more = dropped + rest.length - keep.length;
  const out = [...notes, ...keep];
  const rule = rules.file.find(r => r.id === 'input-limit');
  if (more && rule) out.push(finding(rule, rules.severity.get(rule.id)!, file, { path: [], message: `${more.toLocaleString('en-US')} more findings in this file are not shown (limits.maxFindingsPerFile is ${max}). Fix the ones shown first.` }));
  return out;
}

function analyzeParsed(parsed: ParsedFile, rules: RuleSet, env: Env): FileAnalysis {
  const { file, text } = parsed;
  const findings: Finding[] = [];
  const out: FileAnalysis = { file, text, findings };
  if (parsed.problems.length === 0 && !parsed.multiDocument) out.cleanYaml = true;

  for (const rule of rules.file) {
    const sev = rules.severity.get(rule.id)!;
    rule.check({ file, parsed, env, report: input => findings.push(finding(rule, sev, file, input)) });
  }

  const data = parsed.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return out;
  const rec = data as Record<string, unknown>;
  if (!isKind(rec.kind)) return out;
  out.kind = rec.kind;
  out.summary = summarize(rec.kind, rec);

  // With real syntax errors the data is partial: index it (so references to it resolve) but do not
  // report missing content that is only missing because the parser stopped.
  if (parsed.problems.some(p => p.code === 'syntax')) return out;

  let issues: SchemaIssue[] | undefined;
  const kind = rec.kind;
  // One context for all record rules of the file (not an object and two closures per rule and
  // file): report() files the finding under the rule being run. Checks are synchronous.
  let current: RecordRule, currentSev: Severity;
  const ctx: RecordContext = {
    file, kind, data: rec, env,
    issues: () => (issues ??= validateRecord(kind, rec)),
    report: input => { findings.push(finding(current, currentSev, file, input)); },
  };
  for (const r of rules.record) {
    if (r.kinds !== 'all' && !r.kinds.includes(kind)) continue;
    current = r;
    currentSev = rules.severity.get(r.id)!;
    r.check(ctx);
  }
  return out;
}
