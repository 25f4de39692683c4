// Per-file analysis: parse, file rules, record rules, summary. Pure (text in, data out) so that it can
// run in a worker thread; the linter keeps it until the file's text changes.
import type { Finding, Kind, RecordSummary, Severity } from './model';
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

export function analyzeFile(file: string, text: string, rules: RuleSet, env: Env): FileAnalysis {
  const parsed: ParsedFile = parseRecord(file, text);
  const findings: Finding[] = [];
  const out: FileAnalysis = { file, text, findings };

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
