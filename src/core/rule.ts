// The rule contract. One rule per file under rules/; each declares its metadata (id, controls, Annex B
// guidance, default severity, kinds, docs) and a check function. Findings are located by data path and
// turned into ranges only when shown, so checking stays cheap for clean files.
import type { Fix, Kind, Path, Range, RecordSummary, RelatedInfo, Severity, Target } from './model';
import type { ParsedFile } from './parse';
import type { SchemaIssue } from './validate';
import type { Role } from './catalogue';
import type { PathKind } from './coverage/evidence';
import type { CodeScan } from './code/scan';
import type { Limits } from './limits';

export interface RuleDocs {
  /** Why it matters, tied to the control and our paraphrase of the Annex B guidance. */
  rationale: string;
  /** What the user should do. */
  howToFix: string;
  /** A YAML snippet that triggers the rule. */
  bad?: string;
  /** The same snippet, fixed. */
  good?: string;
}

export interface RuleMeta {
  /** Stable kebab-case id, used in config and as diagnostic code. */
  id: string;
  /** One line: what the rule checks. */
  title: string;
  /** Annex A controls the rule serves. */
  controls: string[];
  /** Annex B implementation guidance (B.x.y) the rule serves. */
  annexB: string[];
  /** Clauses of the management-system part (4–10) the rule serves, e.g. 7.5 documented information. */
  clauses?: string[];
  severity: Severity;
  /** Kinds it applies to; 'all' for every kind, 'file' for file-level checks. */
  kinds: Kind[] | 'all';
  /** 'fix': has a safe fix (aims lint --fix); 'suggestion': editor quick fixes needing a decision. */
  fixable?: 'fix' | 'suggestion' | 'fix-and-suggestion';
  docs: RuleDocs;
}

export interface ReportInput {
  path: Path;
  target?: Target;
  message: string;
  /** Controls of this finding; defaults to the rule's. */
  controls?: string[];
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedInfo[];
  /** A precomputed range (file rules that know offsets, e.g. syntax errors). */
  range?: Range;
}

export interface Env {
  /** Today's date, YYYY-MM-DD (pinned in tests by AIMS_TODAY). */
  today: string;
  roles: Role[];
  /** Prefix of organization-defined control ids (config organization_control_prefix; default ORG-). */
  orgControlPrefix?: string;
  /** Limits on untrusted input (limits.ts); DEFAULT_LIMITS when absent. */
  limits?: Limits;
}

export interface FileContext {
  file: string;
  parsed: ParsedFile;
  env: Env;
  report(input: ReportInput): void;
}

export interface RecordContext {
  file: string;
  kind: Kind;
  data: Record<string, unknown>;
  env: Env;
  /** Schema issues from the shared single walk (memoized). */
  issues(): SchemaIssue[];
  report(input: ReportInput): void;
}

export interface IndexedRecord {
  file: string;
  summary: RecordSummary;
  /** Number of error-level findings of the record itself (file and record rules). */
  errors: number;
}

export interface WorkspaceContext {
  env: Env;
  records: readonly IndexedRecord[];
  /** Records by id (several when ids collide). */
  byId: ReadonlyMap<string, readonly IndexedRecord[]>;
  /** Whether a workspace-relative path exists (file or folder). */
  pathExists(relPath: string): boolean;
  /** What a workspace-relative path is, for evidence (only a non-empty file inside the repository counts). */
  pathKind(relPath: string): PathKind;
  /** Last commit date (YYYY-MM-DD) of a file, when git history is available. */
  lastChange(file: string): string | undefined;
  report(file: string, input: ReportInput): void;
  /** The scanned code files (aims.config.yaml `code:`), sorted by file. */
  code: readonly CodeScan[];
}

export interface FileRule extends RuleMeta { scope: 'file'; check(ctx: FileContext): void }
export interface RecordRule extends RuleMeta { scope: 'record'; check(ctx: RecordContext): void }
export interface WorkspaceRule extends RuleMeta { scope: 'workspace'; check(ctx: WorkspaceContext): void }
/** Findings about inline suppression comments, reported by the engine itself (src/core/suppressions.ts). */
export interface SuppressionRule extends RuleMeta { scope: 'suppression' }
export type Rule = FileRule | RecordRule | WorkspaceRule | SuppressionRule;

export function defineRule<R extends Rule>(rule: R): R {
  return rule;
}

/** Days between two ISO dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

export function addYears(date: string, years: number): string {
  const d = new Date(date + 'T00:00:00Z');
  const m = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  if (d.getUTCMonth() !== m) d.setUTCDate(0); // 29 Feb → 28 Feb
  return d.toISOString().slice(0, 10);
}

export function todayIso(): string {
  const pinned = typeof process !== 'undefined' ? process.env.AIMS_TODAY : undefined;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A path rendered for messages: evaluation.metrics[0].dataset */
export function pathText(path: Path): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
