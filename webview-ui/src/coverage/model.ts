// What the coverage panel shows, computed without the DOM (unit-tested in test/unit/coverage-panel.test.ts):
// filtering by state, owner and text, the proportional bar segments, labels, overdue review dates and
// the saved view state. Besides types, only src/core/coverage/states.ts (no imports) comes from src/: the
// webview bundle must not pull in the engine.
import type { CellResult, ControlCoverage, CoverageReport, EvidenceItem, FindingCounts, GroupCoverage } from '../../../src/core/coverage';
import { COVERAGE_STATES as STATES, STATE_LABELS as STATE_LABEL, type CoverageState } from '../../../src/core/coverage/states';

/** The order of the states everywhere, and their labels: those of the exports (src/core/coverage/states.ts). */
export { STATES, STATE_LABEL };

/** Codicons, as the Controls view (src/extension/trees.ts) uses them. */
export const STATE_ICON: Record<CoverageState, string> = {
  covered: 'pass-filled',
  partial: 'circle-large-outline',
  missing: 'error',
  excluded: 'circle-slash',
};

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------

/** Owner filter values: any owner, controls without an owner, or one owner ("owner:" + name). */
export const ANY_OWNER = 'any';
export const NO_OWNER = 'none';
export const ownerValue = (name: string): string => `owner:${name}`;

export interface Filter {
  states: Record<CoverageState, boolean>;
  /** ANY_OWNER, NO_OWNER or ownerValue(name). */
  owner: string;
  /** Words that must all occur in the control's id or title (case-insensitive). */
  text: string;
}

export function defaultFilter(): Filter {
  return { states: { covered: true, partial: true, missing: true, excluded: true }, owner: ANY_OWNER, text: '' };
}

export function isDefaultFilter(f: Filter): boolean {
  return STATES.every(s => f.states[s]) && f.owner === ANY_OWNER && f.text.trim() === '';
}

/** The one state shown alone, when the filter shows exactly one (a summary tile is pressed). */
export function onlyState(f: Filter): CoverageState | undefined {
  const on = STATES.filter(s => f.states[s]);
  return on.length === 1 ? on[0] : undefined;
}

/**
 * A click on a summary tile: show only that state (owner and text filters stay); a click on the tile
 * already shown alone shows every state again.
 */
export function toggleOnly(f: Filter, s: CoverageState): Filter {
  const only = onlyState(f) === s;
  const states = Object.fromEntries(STATES.map(x => [x, only || x === s])) as Record<CoverageState, boolean>;
  return { ...f, states };
}

/** What the webview saves with setState; restored after the panel was hidden or VS Code restarted. */
export interface ViewState {
  filter: Filter;
  /** Controls whose detail row is open. */
  expanded: string[];
}

/** A saved state made safe: anything missing or mistyped falls back to the default. */
export function normalizeViewState(x: unknown): ViewState {
  const out: ViewState = { filter: defaultFilter(), expanded: [] };
  if (typeof x !== 'object' || x === null) return out;
  const v = x as { filter?: unknown; expanded?: unknown };
  if (typeof v.filter === 'object' && v.filter !== null) {
    const f = v.filter as { states?: unknown; owner?: unknown; text?: unknown };
    if (typeof f.states === 'object' && f.states !== null) {
      for (const s of STATES) {
        const b = (f.states as Record<string, unknown>)[s];
        if (typeof b === 'boolean') out.filter.states[s] = b;
      }
    }
    if (typeof f.owner === 'string' && (f.owner === ANY_OWNER || f.owner === NO_OWNER || f.owner.startsWith('owner:'))) out.filter.owner = f.owner;
    if (typeof f.text === 'string') out.filter.text = f.text.slice(0, 200);
  }
  if (Array.isArray(v.expanded)) out.expanded = v.expanded.filter((e): e is string => typeof e === 'string').slice(0, 100);
  return out;
}

/** Natural order ("model 2" before "model 10"), as src/core/recordList.ts sorts records. */
const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The owners named in the report, sorted naturally, each once. */
export function ownersOf(report: CoverageReport): string[] {
  const set = new Set<string>();
  for (const c of report.controls) if (c.owner?.trim()) set.add(c.owner.trim());
  return [...set].sort(naturalOrder.compare);
}

/** The owner filter with an owner that is no longer in the report reset to "any". */
export function reconcileOwner(f: Filter, report: CoverageReport): Filter {
  if (!f.owner.startsWith('owner:')) return f;
  return ownersOf(report).includes(f.owner.slice('owner:'.length)) ? f : { ...f, owner: ANY_OWNER };
}

export function matchesFilter(c: ControlCoverage, f: Filter): boolean {
  if (!f.states[c.state]) return false;
  const owner = c.owner?.trim() ?? '';
  if (f.owner === NO_OWNER && owner) return false;
  if (f.owner.startsWith('owner:') && owner !== f.owner.slice('owner:'.length)) return false;
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    const hay = `${c.id} ${c.title}`.toLowerCase();
    if (!words.every(w => hay.includes(w))) return false;
  }
  return true;
}

export interface VisibleGroup {
  group: GroupCoverage;
  controls: ControlCoverage[];
}

/** The groups (A.2–A.10, in report order) with the controls that pass the filter; groups without any are left out. */
export function visibleGroups(report: CoverageReport, f: Filter): { groups: VisibleGroup[]; shown: number } {
  const groups: VisibleGroup[] = [];
  let shown = 0;
  for (const g of report.groups) {
    const controls = g.controls.filter(c => matchesFilter(c, f));
    shown += controls.length;
    if (controls.length) groups.push({ group: g, controls });
  }
  return { groups, shown };
}

// ---------------------------------------------------------------------------------------------
// Bars
// ---------------------------------------------------------------------------------------------

export interface Segment {
  state: CoverageState;
  count: number;
  /** Width in percent of the bar; the segments of a bar add up to exactly 100 (when total > 0). */
  percent: number;
  /** "Covered: 3 of 5". */
  label: string;
}

/**
 * One segment per state with a count above zero, in STATES order, with widths proportional to the counts.
 * Widths are in hundredths of a percent, rounded so that they add up to 100 (largest remainder).
 */
export function barSegments(counts: Record<CoverageState, number>, total?: number): Segment[] {
  const sum = total ?? STATES.reduce((n, s) => n + Math.max(0, counts[s] || 0), 0);
  const present = STATES.filter(s => (counts[s] || 0) > 0);
  if (sum <= 0 || !present.length) return [];
  const exact = present.map(s => (counts[s] / sum) * 10_000);
  const floor = exact.map(Math.floor);
  let rest = Math.round(Math.min(10_000, exact.reduce((a, b) => a + b, 0))) - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - floor[i] })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) { if (rest <= 0) break; floor[i]++; rest--; }
  return present.map((s, i) => ({ state: s, count: counts[s], percent: floor[i] / 100, label: `${STATE_LABEL[s]}: ${counts[s]} of ${sum}` }));
}

/** "3 covered, 1 partial, 0 missing, 0 excluded": the accessible text of a bar. */
export function countsText(counts: Record<CoverageState, number>): string {
  return STATES.map(s => `${counts[s]} ${STATE_LABEL[s].toLowerCase()}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** True when `due` (YYYY-MM-DD…) is before `today` (YYYY-MM-DD). Anything that is not a date is not overdue. */
export function isOverdue(due: string | undefined, today: string): boolean {
  if (!due || !ISO_DAY.test(due) || !ISO_DAY.test(today)) return false;
  return due.slice(0, 10) < today.slice(0, 10);
}

/** Whole days from `today` to `due` (negative when overdue), or undefined when either is not a date. */
export function daysUntil(due: string | undefined, today: string): number | undefined {
  const a = due ? ISO_DAY.exec(due) : null, b = ISO_DAY.exec(today);
  if (!a || !b) return undefined;
  const t = (m: RegExpExecArray): number => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = Math.round((t(a) - t(b)) / 86_400_000);
  return Number.isFinite(d) ? d : undefined;
}

export interface FindingPart { severity: 'error' | 'warning' | 'info'; count: number; text: string }

/** The non-zero finding counts: "1 error", "2 warnings", "1 info". */
export function findingParts(f: FindingCounts): FindingPart[] {
  const parts: FindingPart[] = [];
  if (f.error) parts.push({ severity: 'error', count: f.error, text: `${f.error} error${f.error === 1 ? '' : 's'}` });
  if (f.warning) parts.push({ severity: 'warning', count: f.warning, text: `${f.warning} warning${f.warning === 1 ? '' : 's'}` });
  if (f.info) parts.push({ severity: 'info', count: f.info, text: `${f.info} info` });
  return parts;
}

const KIND_LABEL: Record<string, string> = {
  ModelCard: 'Model card', DataProvenance: 'Data provenance', ImpactAssessment: 'Impact assessment', Applicability: 'Statement of Applicability',
};

export interface EvidenceView {
  /** The link (or plain) text. */
  text: string;
  /** Muted text after it (the record id when the title is shown, "does not resolve", …). */
  detail?: string;
  codicon: string;
  /** What a click does; 'none' for evidence that does not resolve. */
  action: 'record' | 'path' | 'url' | 'none';
  /** Tooltip and the accessible name of the link. */
  description: string;
  /** Error-level findings of the evidence record. */
  errors: number;
  /** Whether it counts toward the control. */
  counts: boolean;
}

/** How one evidence item shows: a record by its title (and id), a path, a URL, or text that does not resolve. */
export function evidenceView(e: EvidenceItem): EvidenceView {
  const v = baseEvidenceView(e);
  // whether it counts, in words: "not counted: is draft, not approved", "declared, not checked"
  if (e.type !== 'unresolved' && e.note) {
    const why = e.counts ? e.note : `not counted: ${e.note}`;
    v.detail = v.detail ? `${v.detail} · ${why}` : why;
    v.description += ` (${why})`;
  }
  v.counts = e.counts;
  return v;
}

function baseEvidenceView(e: EvidenceItem): EvidenceView {
  const errors = e.errors ?? 0;
  const errText = errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : '';
  switch (e.type) {
    case 'record': {
      const kind = (e.kind && KIND_LABEL[e.kind]) || e.kind || 'Record';
      const title = e.title?.trim();
      return {
        text: title || e.value, detail: title && title !== e.value ? e.value : undefined, codicon: 'file-code', action: 'record', errors, counts: e.counts,
        description: `Open ${kind.toLowerCase()} ${e.value}${title ? ` (${title})` : ''}${e.file ? ` in ${e.file}` : ''}${errText}`,
      };
    }
    case 'path':
      return { text: e.value, codicon: /\/$/.test(e.value) ? 'folder' : 'file', action: 'path', errors, counts: e.counts, description: `Open ${e.file ?? e.value}` };
    case 'url':
      return /^https?:\/\//i.test(e.value)
        ? { text: e.value.replace(/^https?:\/\//i, ''), codicon: 'link-external', action: 'url', errors, counts: e.counts, description: `Open ${e.value} in the browser` }
        : { text: e.value, codicon: 'question', action: 'none', errors, counts: e.counts, description: `${e.value} is not an http(s) URL` };
    default:
      return { text: e.value, detail: 'does not resolve', codicon: 'question', action: 'none', errors, counts: false, description: `${e.value} does not resolve to a record, a repository path or a URL` };
  }
}

// ---------------------------------------------------------------------------------------------
// The systems × controls matrix (a heat map: colour plus text and icon)
// ---------------------------------------------------------------------------------------------

export const CELL_VIEW: Record<CellResult['state'], { text: string; codicon: string; symbol: string }> = {
  met: { text: 'Met', codicon: 'pass-filled', symbol: '✓' },
  gap: { text: 'Gap', codicon: 'error', symbol: '✗' },
  excluded: { text: 'Excluded', codicon: 'circle-slash', symbol: '–' },
};

/** The accessible name of a cell: "credit-risk-scorer, A.6.2.4 AI system verification and validation: gap, has 1 error". */
export function cellLabel(system: string, control: string, title: string | undefined, cell: CellResult): string {
  const what = cell.state === 'gap' ? `gap: ${cell.missing.join('; ')}` : CELL_VIEW[cell.state].text.toLowerCase();
  return `${system}, ${control}${title ? ` ${title}` : ''}: ${what}`;
}

/** Met cells per system, for the row summary ("17 of 21 met"). */
export function rowSummary(cells: CellResult[]): string {
  const applicable = cells.filter(c => c.state !== 'excluded');
  return `${applicable.filter(c => c.state === 'met').length} of ${applicable.length} met`;
}

/** The in-evidence and elsewhere finding counts of a control, worded so they never contradict its state. */
export function otherFindingsText(f: FindingCounts): string {
  const n = f.error + f.warning + f.info;
  return n ? `${n} elsewhere` : '';
}

/** "14 of 38 covered"-style totals line for the header and the status of the filter. */
export function shownText(shown: number, total: number): string {
  return shown === total ? `All ${total} controls` : `${shown} of ${total} controls`;
}
