import type { Finding } from '../../core/model';
import type { Rule } from '../../core/rule';

export interface LintReport {
  /** Absolute workspace root. */
  root: string;
  /**
   * Absolute folder the displayed paths are relative to: the current folder when the workspace lies
   * within it; for SARIF and GitHub annotations the top of the git repository.
   */
  base: string;
  /** A workspace-relative file (aims/x.yaml) as shown in the report, relative to `base`. */
  display(file: string): string;
  /** Files with findings, sorted; findings located and sorted. `file` is workspace-relative. */
  files: { file: string; findings: Finding[] }[];
  /** Findings accepted by an inline suppression comment (`suppressed` holds the reason); not in `files` or `counts`. */
  suppressed: { file: string; findings: Finding[] }[];
  counts: { error: number; warning: number; info: number; fixable: number };
  /** Number of record files linted. */
  linted: number;
  rules: readonly Rule[];
  version: string;
}

export interface FormatOptions {
  color: boolean;
}

export type Formatter = (report: LintReport, opts: FormatOptions) => string;
