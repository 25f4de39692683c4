// Pull-request review: what a change does to the findings and to control coverage, comparing the
// workspace with its state at a git revision (git-base.ts). Kept apart from the coverage computation:
// it uses only the public computeCoverage() report (states and reasons), whatever its internals.
import type { CoverageState } from './coverage';
import type { CoverageReport } from './coverage';
import type { Linter } from './linter';
import type { Finding } from './model';

// ---- lint --changed-since ----

/** A finding as comparable across revisions: rule, data path, target and message (not its line). */
const findingKey = (f: Finding): string => `${f.ruleId}\0${JSON.stringify(f.path)}\0${f.target}\0${f.message}`;

export interface ChangedFiles {
  /** Record files added or edited since the base (their text differs). */
  edited: string[];
  /** Unedited record files whose findings changed through other records (references, ids, evidence). */
  affected: string[];
}

/**
 * The record files a change touches: those whose text differs from the base's, and those whose text is
 * the same but whose findings are not (a reference that now dangles, an id that now collides).
 */
export function changedFiles(current: Linter, base: { files: ReadonlyMap<string, string>; linter: Linter }): ChangedFiles {
  const edited: string[] = [], affected: string[] = [];
  for (const file of current.fileNames().sort()) {
    const text = current.text(file);
    if (base.files.get(file) !== text) { edited.push(file); continue; }
    const now = current.findingsFor(file).map(findingKey).sort();
    const then = base.linter.findingsFor(file).map(findingKey).sort();
    if (now.length !== then.length || now.some((k, i) => k !== then[i])) affected.push(file);
  }
  return { edited, affected };
}

// ---- coverage --compare ----

export interface ControlChange {
  id: string;
  title: string;
  before: { state: CoverageState; reason: string } | undefined;
  after: { state: CoverageState; reason: string } | undefined;
}

export interface CoverageDelta {
  ref: string;
  commit: string;
  /** Controls whose state changed, in catalogue order. */
  changed: ControlChange[];
  /** Controls whose state stayed but whose reason changed (e.g. other evidence). */
  reasonChanged: ControlChange[];
  before: { counts: Record<CoverageState, number>; findings: CoverageReport['findings'] };
  after: { counts: Record<CoverageState, number>; findings: CoverageReport['findings'] };
}

export function coverageDelta(before: CoverageReport, after: CoverageReport, ref: string, commit: string): CoverageDelta {
  const was = new Map(before.controls.map(c => [c.id, c]));
  const changed: ControlChange[] = [], reasonChanged: ControlChange[] = [];
  const ids = [...after.controls.map(c => c.id), ...before.controls.map(c => c.id).filter(id => !after.controls.some(c => c.id === id))];
  const now = new Map(after.controls.map(c => [c.id, c]));
  for (const id of ids) {
    const b = was.get(id), a = now.get(id);
    const change: ControlChange = {
      id, title: (a ?? b)!.title,
      before: b && { state: b.state, reason: b.reason },
      after: a && { state: a.state, reason: a.reason },
    };
    if (b?.state !== a?.state) changed.push(change);
    else if (b?.reason !== a?.reason) reasonChanged.push(change);
  }
  return {
    ref, commit, changed, reasonChanged,
    before: { counts: { ...before.counts }, findings: { ...before.findings } },
    after: { counts: { ...after.counts }, findings: { ...after.findings } },
  };
}
