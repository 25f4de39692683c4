// Core types shared by the engine, the CLI and the extension. No vscode import here.

export type Kind = 'ModelCard' | 'DataProvenance' | 'ImpactAssessment' | 'Applicability';
export const KINDS: readonly Kind[] = ['ModelCard', 'DataProvenance', 'ImpactAssessment', 'Applicability'];
export const API_VERSION = 'aims/v1';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A path into a record's data: mapping keys and sequence indexes. */
export type Path = (string | number)[];

/** 1-based line and column, as editors and SARIF show them. */
export interface Position { line: number; column: number }
export interface Range { start: Position; end: Position; /** 0-based offsets into the text */ startOffset: number; endOffset: number }

/** Which part of a node a finding points at. */
export type Target = 'key' | 'value' | 'entry';

/**
 * A fix as data: operations on a record that the CLI (--fix) and the editor's quick fixes both apply
 * through src/core/edit.ts, keeping comments and untouched lines byte-identical.
 */
export type FixOp =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'rename-key'; path: Path; to: string }
  | { op: 'delete'; path: Path }
  | { op: 'append'; path: Path; values: unknown[] }
  | { op: 'create-file'; file: string; text: string };

export interface Fix {
  /** What the fix does, shown as the quick fix title ("Replace 'Approved' with 'approved'"). */
  title: string;
  ops: FixOp[];
}

export interface RelatedInfo {
  file: string;
  path?: Path;
  target?: Target;
  message: string;
  /** resolved lazily */
  range?: Range;
}

/** A finding as reported by a rule: located by a path, resolved to a range on output. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Workspace-relative path with forward slashes (aims/models/x.yaml). */
  file: string;
  path: Path;
  target: Target;
  /** Annex A control ids this finding is about. */
  controls: string[];
  /** Safe fix applied by `aims lint --fix` and "fix all". */
  fix?: Fix;
  /** Editor-only alternatives (need a human decision). */
  suggestions?: Fix[];
  related?: RelatedInfo[];
  /** Resolved position; set by locateFindings(). */
  range?: Range;
  /** Set when an inline comment accepts the finding (src/core/suppressions.ts): the reason given. */
  suppressed?: { scope: 'next-line' | 'file'; reason: string; line: number };
}

export interface RecordRef {
  /** Where the reference stands in the referring record. */
  path: Path;
  /** The id (or, for SoA evidence, the id / repository path / URL). */
  value: string;
  /** Kinds the referenced record must have; empty for SoA evidence (any kind or a path). */
  kinds: Kind[];
  /** Free-form evidence (SoA): may be a record id, a repository path or a URL. */
  evidence?: boolean;
}

export interface SoaEntry {
  index: number;
  id: string;
  /** Title of an organization-defined control (Annex A controls take theirs from the catalogue). */
  title?: string;
  applicable?: boolean;
  justification?: string;
  status?: string;
  owner?: string;
  evidence: string[];
}

/** What the workspace-level rules, coverage and the tree views need to know about one record. */
export interface RecordSummary {
  kind: Kind;
  id?: string;
  title?: string;
  owner?: string;
  status?: string;
  reviewed?: string;
  review_by?: string;
  /** Extra controls the record says it evidences (`controls`). */
  controls: string[];
  refs: RecordRef[];
  /** For ModelCard: impact_assessment; for ImpactAssessment: system. */
  system?: string;
  soa?: SoaEntry[];
  /** Identifiers under which code loads a dataset/model (DataProvenance.identifiers, ModelCard.identifiers). */
  identifiers?: string[];
  /** The evidence-profile field checks (coverage/profiles.ts) the record's content passes, by checkKey. */
  holds?: string[];
  /** Values of the fields through which the record names a system for a profile (`via`), by field. */
  links?: Record<string, string[]>;
  /** DataProvenance: source.uri (code that reads the source directly is tracked by it). */
  source_uri?: string;
}
