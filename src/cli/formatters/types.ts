import type { Finding } from '../../core/model';
import type { Rule } from '../../core/rule';

export interface LintReport {
  /** Absolute workspace root. */
  root: string;
  /** Files with findings, sorted; findings located and sorted. */
  files: { file: string; findings: Finding[] }[];
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
