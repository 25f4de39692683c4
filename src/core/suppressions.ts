// Inline suppressions: YAML comments that accept a finding where it is justified, in the manner of
// eslint's and markdownlint's disable comments. A comment line of its own:
//   # aims-disable-next-line <rule-id>[, <rule-id>...] -- <reason>   findings that start on the next line
//   # aims-disable <rule-id>[, <rule-id>...] -- <reason>             findings anywhere in the file
// The reason is required. A suppressed finding leaves the findings (counts, exit code, coverage) and is
// kept with its reason for SARIF (`suppressions`) and the editor. A directive that cannot be read is an
// `invalid-suppression` finding and suppresses nothing; one that matches no finding is an
// `unused-suppression` finding. The linter calls applySuppressions() in one place (findingsFor).
import { finding, type RuleSet } from './analyze';
import type { Finding, Range } from './model';
import type { Rule } from './rule';
import { didYouMean, LineMap, oneLine } from './text';

export const INVALID_SUPPRESSION = 'invalid-suppression';
export const UNUSED_SUPPRESSION = 'unused-suppression';
/** Reasons longer than this are cut (they are shown in hovers, SARIF and reports). */
export const MAX_REASON = 500;

/** What a suppressed finding carries: the directive's reason and where it stands. */
export interface Suppression {
  scope: 'next-line' | 'file';
  /** The reason written after ` -- `. */
  reason: string;
  /** 1-based line of the directive comment. */
  line: number;
}

export interface Directive {
  scope: 'next-line' | 'file';
  /** Rule ids as written, each with the range of its text. */
  rules: { id: string; range: Range }[];
  reason: string;
  /** 1-based line of the comment. */
  line: number;
  /** next-line: the line whose findings it suppresses (the next line that is not a directive). */
  target?: number;
  /** The whole comment. */
  range: Range;
  /** Why it cannot be used (then it suppresses nothing). */
  problem?: string;
}

const DIRECTIVE = /^([ \t]*)#[ \t]*aims-([A-Za-z-]*)(.*)$/;
const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SELF = new Set([INVALID_SUPPRESSION, UNUSED_SUPPRESSION]);


/**
 * The directives of a file: comment lines `# aims-<word> ...`. Any `aims-` word other than `disable` and
 * `disable-next-line` is reported (a misspelt directive must not be a silent no-op).
 */
export function parseDirectives(text: string, knownRules: ReadonlySet<string>): Directive[] {
  if (!text.includes('aims-')) return [];
  const lines = new LineMap(text);
  const out: Directive[] = [];
  let offset = 0;
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    const lineText = raw[i].replace(/\r$/, '');
    const start = offset;
    offset += raw[i].length + 1;
    const m = DIRECTIVE.exec(lineText);
    if (!m) continue;
    const word = m[2];
    const range = lines.range(start + m[1].length, start + lineText.length);
    const d: Directive = { scope: word === 'disable' ? 'file' : 'next-line', rules: [], reason: '', line: i + 1, range };
    out.push(d);
    if (word !== 'disable' && word !== 'disable-next-line') {
      const hint = didYouMean(word, ['disable', 'disable-next-line']);
      d.problem = `'aims-${oneLine(word, 30)}' is not a directive; write ${hint ? `'aims-${hint}'` : "'aims-disable-next-line' or 'aims-disable'"} followed by a rule id and ' -- ' with the reason.`;
      continue;
    }
    // the body: rule ids, then ' -- ' and the reason
    const bodyStart = start + lineText.length - m[3].length;
    const body = m[3];
    const sep = /(^|\s)--(\s|$)/.exec(body);
    const idsText = sep ? body.slice(0, sep.index) : body;
    d.reason = sep ? oneLine(body.slice(sep.index + sep[0].length).trim(), MAX_REASON) : '';
    for (const t of idsText.matchAll(/[^\s,]+/g)) {
      const s = bodyStart + t.index;
      d.rules.push({ id: t[0], range: lines.range(s, s + t[0].length) });
    }
    d.problem = problemOf(d, knownRules);
  }
  // next-line directives apply to the next line that is not a directive itself (several may stack)
  const directiveLines = new Set(out.map(d => d.line));
  for (const d of out) {
    if (d.scope !== 'next-line') continue;
    let t = d.line + 1;
    while (directiveLines.has(t)) t++;
    d.target = t;
  }
  return out;
}

function problemOf(d: Directive, knownRules: ReadonlySet<string>): string | undefined {
  const name = d.scope === 'file' ? 'aims-disable' : 'aims-disable-next-line';
  if (!d.rules.length) return `'${name}' names no rule: write '# ${name} <rule-id> -- <reason>' (the rule ids are listed by 'aims rules').`;
  for (const { id } of d.rules) {
    if (SELF.has(id)) return `'${id}' cannot be suppressed: correct or remove the directive it reports.`;
    if (!RULE_ID.test(id) || !knownRules.has(id)) {
      const hint = RULE_ID.test(id) ? didYouMean(id, knownRules) : undefined;
      return `'${oneLine(id, 40)}' is not a rule id${hint ? `; did you mean '${hint}'?` : `: use one listed by 'aims rules'.`}`;
    }
  }
  if (!d.reason) return `The reason is missing: write why the finding is accepted after ' -- ', e.g. '# ${name} ${d.rules[0].id} -- <reason>'.`;
  return undefined;
}

export interface Applied {
  /** Findings that stand, then the findings about the directives themselves (the caller sorts). */
  active: Finding[];
  /** Findings a directive accepted, each with its `suppressed` reason. */
  suppressed: Finding[];
}

/**
 * Splits the located findings of one file into active and suppressed ones and reports invalid and
 * unused directives (with the severities of `rules`; a rule turned off reports nothing).
 */
export function applySuppressions(file: string, text: string, findings: Finding[], rules: RuleSet, catalogue: readonly Rule[]): Applied {
  const known = new Set(catalogue.map(r => r.id));
  const directives = parseDirectives(text, known);
  if (!directives.length) return { active: findings, suppressed: [] };
  const usable = directives.filter(d => !d.problem);
  const used = new Set<string>(); // `${line}:${ruleId}`
  const active: Finding[] = [], suppressed: Finding[] = [];
  for (const f of findings) {
    const line = f.range?.start.line;
    const d = SELF.has(f.ruleId) ? undefined : usable.find(x => x.rules.some(r => r.id === f.ruleId) && (x.scope === 'file' || x.target === line));
    if (!d) { delete f.suppressed; active.push(f); continue; }
    used.add(`${d.line}:${f.ruleId}`);
    f.suppressed = { scope: d.scope, reason: d.reason, line: d.line };
    suppressed.push(f);
  }
  const meta = (id: string): Rule | undefined => catalogue.find(r => r.id === id);
  const report = (id: string, range: Range, message: string): void => {
    const rule = meta(id), sev = rules.severity.get(id);
    if (rule && sev) active.push(finding(rule, sev, file, { path: [], message, range }));
  };
  for (const d of directives) {
    if (d.problem) { report(INVALID_SUPPRESSION, d.range, d.problem); continue; }
    for (const r of d.rules) {
      // a rule that is off cannot report here: its directive is not stale
      if (used.has(`${d.line}:${r.id}`) || !rules.severity.has(r.id)) continue;
      const where = d.scope === 'file' ? 'in this file' : `on line ${d.target}`;
      report(UNUSED_SUPPRESSION, r.range, `The suppression of '${r.id}' matches no finding ${where}. Remove it (or the rule id) from the comment.`);
    }
  }
  return { active, suppressed };
}

/** A reason as it can stand in a one-line comment: control characters and line breaks become spaces, bounded. */
export function cleanReason(raw: string): string {
  return oneLine(raw, Infinity).replace(/\s+/g, ' ').trim().slice(0, MAX_REASON);
}

/**
 * The edit that accepts the findings of `ruleId` starting on `line` (1-based): a comment line
 * `# aims-disable-next-line <ruleId> -- <reason>` inserted above it with the line's indentation, in
 * the text's own line ending. Returns undefined when
 * the reason is empty after cleaning.
 */
export function suppressionEdit(text: string, line: number, ruleId: string, reason: string): { offset: number; length: 0; newText: string } | undefined {
  const why = cleanReason(reason);
  if (!why || !RULE_ID.test(ruleId)) return undefined;
  const lines = text.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i].length + 1;
  const target = lines[index].replace(/\r$/, '');
  const indent = /^[ \t]*/.exec(target)![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { offset, length: 0, newText: `${indent}# aims-disable-next-line ${ruleId} -- ${why}${eol}` };
}

/**
 * The edit that takes `ruleId` out of the directive on `line` (1-based): the whole comment line when it
 * names no other rule, else the id and its comma. Undefined when the line holds no such directive.
 */
export function removeFromDirectiveEdit(text: string, line: number, ruleId: string): { offset: number; length: number; newText: string } | undefined {
  const known = new Set([ruleId]);
  const d = parseDirectives(text, known).find(x => x.line === line);
  const r = d?.rules.find(x => x.id === ruleId);
  if (!d || !r) return undefined;
  if (d.rules.length === 1) {
    // the whole line, its line break included
    const start = d.range.startOffset - (d.range.start.column - 1);
    const nl = text.indexOf('\n', d.range.endOffset);
    return { offset: start, length: (nl === -1 ? text.length : nl + 1) - start, newText: '' };
  }
  // `a, b` → `b` / `a, b` → `a`: the id with the separator after it, or before it for the last one
  const i = d.rules.indexOf(r);
  const end = i < d.rules.length - 1 ? d.rules[i + 1].range.startOffset : r.range.endOffset;
  const start = i < d.rules.length - 1 ? r.range.startOffset : d.rules[i - 1].range.endOffset;
  return { offset: start, length: end - start, newText: '' };
}
