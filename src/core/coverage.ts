// Coverage per Annex A control, from the Statement of Applicability and the evidence actually present,
// including the evidence's findings. One function: the CLI, the status bar, the Controls view and the
// coverage panel all show these numbers.
//
//   excluded  the SoA marks the control not applicable, with a justification that passes the linter
//   covered   applicable, status implemented, at least one piece of evidence, every piece resolves,
//             and no evidence record (nor the SoA entry) has error-level findings
//   partial   applicable and some evidence or implementation exists, but not all of the above
//   missing   not in the SoA, excluded without an acceptable justification, or nothing exists yet
import { CONTROLS, GROUPS, expectedControls } from './catalogue';
import type { Finding, Kind } from './model';
import type { Linter } from './linter';
import type { CoverageState } from './coverage-states';

export { COVERAGE_STATES, type CoverageState } from './coverage-states';

export interface EvidenceItem {
  /** As written in the SoA (or the record id, for records that name the control themselves). */
  value: string;
  type: 'record' | 'path' | 'url' | 'unresolved';
  /** Where it came from: the SoA entry, or a record's own `controls` list. */
  source: 'soa' | 'record';
  file?: string;
  kind?: Kind;
  title?: string;
  /** Error-level findings of the evidence record. */
  errors?: number;
  review_by?: string;
}

export interface FindingCounts { error: number; warning: number; info: number }

export interface ControlCoverage {
  id: string;
  title: string;
  group: string;
  state: CoverageState;
  /** Why the control has this state, in one sentence. */
  reason: string;
  /** Expected for the organization's AI roles (config `roles`). */
  expected: boolean;
  applicable?: boolean;
  status?: string;
  owner?: string;
  justification?: string;
  evidence: EvidenceItem[];
  /** Open findings that name this control. */
  findings: FindingCounts;
  /** Earliest review_by among the evidence records. */
  reviewDue?: string;
  /** The control's entry in the SoA. */
  soa?: { file: string; index: number };
}

export interface GroupCoverage {
  id: string;
  title: string;
  controls: ControlCoverage[];
  counts: Record<CoverageState, number>;
}

export interface CoverageReport {
  total: number;
  counts: Record<CoverageState, number>;
  groups: GroupCoverage[];
  controls: ControlCoverage[];
  /** The Statement of Applicability file used, if any. */
  soaFile?: string;
  /** Findings in the whole workspace, by severity. */
  findings: FindingCounts;
}

const emptyCounts = (): Record<CoverageState, number> => ({ covered: 0, partial: 0, missing: 0, excluded: 0 });
const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);
const cleanPath = (s: string): string => s.replace(/^\.\//, '').replace(/#.*$/, '').replace(/\/+$/, '');

export function computeCoverage(linter: Linter, all: Map<string, Finding[]> = linter.allFindings()): CoverageReport {
  const records = linter.records();
  const expected = expectedControls(linter.env.roles);
  const soaRecords = records.filter(r => r.summary.kind === 'Applicability');
  const soa = soaRecords[0];

  // findings per control, and error findings on each SoA entry
  const perControl = new Map<string, FindingCounts>();
  const total: FindingCounts = { error: 0, warning: 0, info: 0 };
  const soaEntryErrors = new Set<number>();
  for (const [file, list] of all) {
    for (const f of list) {
      total[f.severity]++;
      for (const c of f.controls) {
        let n = perControl.get(c);
        if (!n) perControl.set(c, (n = { error: 0, warning: 0, info: 0 }));
        n[f.severity]++;
      }
      if (soa && file === soa.file && f.severity === 'error' && f.path[0] === 'controls' && typeof f.path[1] === 'number') soaEntryErrors.add(f.path[1]);
    }
  }

  // records that name a control in their own `controls` list
  const byControl = new Map<string, EvidenceItem[]>();
  for (const r of records) {
    for (const c of r.summary.controls) {
      const item: EvidenceItem = { value: r.summary.id ?? r.file, type: 'record', source: 'record', file: r.file, kind: r.summary.kind, title: r.summary.title, errors: r.errors, review_by: r.summary.review_by };
      const l = byControl.get(c);
      if (l) l.push(item); else byControl.set(c, [item]);
    }
  }

  const entries = new Map<string, NonNullable<typeof soa>['summary']['soa'] extends (infer E)[] | undefined ? E : never>();
  for (const e of soa?.summary.soa ?? []) if (e.id && !entries.has(e.id)) entries.set(e.id, e);

  const controls: ControlCoverage[] = CONTROLS.map(c => {
    const e = entries.get(c.id);
    const cc: ControlCoverage = {
      id: c.id, title: c.title, group: c.group, state: 'missing', reason: '', expected: expected.has(c.id),
      evidence: [], findings: perControl.get(c.id) ?? { error: 0, warning: 0, info: 0 },
    };
    if (!soa) { cc.reason = 'There is no Statement of Applicability (kind: Applicability).'; return cc; }
    if (!e) { cc.reason = 'Not listed in the Statement of Applicability.'; return cc; }
    cc.soa = { file: soa.file, index: e.index };
    cc.applicable = e.applicable; cc.status = e.status; cc.owner = e.owner; cc.justification = e.justification;
    const entryClean = !soaEntryErrors.has(e.index);

    if (e.applicable === false) {
      if (entryClean) { cc.state = 'excluded'; cc.reason = 'Excluded with a justification.'; }
      else cc.reason = 'Excluded, but the entry has errors (for example a justification that is missing or a placeholder).';
      return cc;
    }

    for (const v of e.evidence) {
      const target = linter.recordById(v)[0];
      if (target) cc.evidence.push({ value: v, type: 'record', source: 'soa', file: target.file, kind: target.summary.kind, title: target.summary.title, errors: target.errors, review_by: target.summary.review_by });
      else if (isUrl(v)) cc.evidence.push({ value: v, type: 'url', source: 'soa' });
      else if (linter.pathExists(cleanPath(v))) cc.evidence.push({ value: v, type: 'path', source: 'soa', file: cleanPath(v) });
      else cc.evidence.push({ value: v, type: 'unresolved', source: 'soa' });
    }
    for (const item of byControl.get(c.id) ?? []) if (!cc.evidence.some(x => x.file === item.file)) cc.evidence.push(item);
    for (const ev of cc.evidence) if (ev.review_by && (!cc.reviewDue || ev.review_by < cc.reviewDue)) cc.reviewDue = ev.review_by;

    const resolved = cc.evidence.filter(x => x.type !== 'unresolved');
    const unresolved = cc.evidence.length - resolved.length;
    const withErrors = resolved.filter(x => (x.errors ?? 0) > 0);
    if (e.status === 'implemented' && resolved.length > 0 && unresolved === 0 && withErrors.length === 0 && entryClean) {
      cc.state = 'covered';
      cc.reason = `Implemented, with ${resolved.length} piece${resolved.length === 1 ? '' : 's'} of clean evidence.`;
    } else if (resolved.length > 0 || e.status === 'implemented' || e.status === 'partial') {
      cc.state = 'partial';
      const why: string[] = [];
      if (e.status !== 'implemented') why.push(`status is ${e.status ?? 'not set'}`);
      if (resolved.length === 0) why.push('no evidence');
      if (unresolved) why.push(`${unresolved} evidence item${unresolved === 1 ? ' does' : 's do'} not resolve`);
      if (withErrors.length) why.push(`evidence with errors: ${withErrors.map(x => x.value).join(', ')}`);
      if (!entryClean) why.push('the SoA entry has errors');
      cc.reason = `Partly covered: ${why.join('; ')}.`;
    } else {
      cc.reason = `Applicable, status ${e.status ?? 'not set'}, no evidence yet.`;
    }
    return cc;
  });

  const groups: GroupCoverage[] = GROUPS.map(g => {
    const list = controls.filter(c => c.group === g.id);
    const counts = emptyCounts();
    for (const c of list) counts[c.state]++;
    return { id: g.id, title: g.title, controls: list, counts };
  });
  const counts = emptyCounts();
  for (const c of controls) counts[c.state]++;
  return { total: controls.length, counts, groups, controls, soaFile: soa?.file, findings: total };
}

/** Where a control shows in the Statement of Applicability (1-based line and column, as Linter.rangeOf gives them). */
export interface SoaEntryPosition {
  file: string;
  line: number;
  column: number;
  /** False when the control is not listed: the position is then the SoA's `controls` key (or its top). */
  listed: boolean;
}

/**
 * The start of control `controlId`'s entry in the Statement of Applicability of `report` (the list item
 * controls[soa.index]); for a control the SoA does not list, its `controls` key; undefined without an SoA
 * or for an unknown control id. The coverage panel opens the SoA here.
 */
export function soaEntryPosition(linter: Pick<Linter, 'rangeOf'>, report: CoverageReport, controlId: string): SoaEntryPosition | undefined {
  const c = report.controls.find(x => x.id === controlId);
  if (!c) return undefined;
  if (c.soa) {
    const r = linter.rangeOf(c.soa.file, ['controls', c.soa.index], 'entry');
    return { file: c.soa.file, line: r?.start.line ?? 1, column: r?.start.column ?? 1, listed: true };
  }
  if (!report.soaFile) return undefined;
  const r = linter.rangeOf(report.soaFile, ['controls'], 'key');
  return { file: report.soaFile, line: r?.start.line ?? 1, column: r?.start.column ?? 1, listed: false };
}
