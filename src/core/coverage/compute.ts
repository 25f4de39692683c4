// Coverage per Annex A control, from the Statement of Applicability in force and the evidence profiles
// (profiles.ts). One function: the CLI, the status bar, the Controls view, the coverage panel and the
// exports all show these numbers.
//
//   excluded  the SoA marks the control not applicable, with a justification that passes the linter
//   covered   applicable, status implemented, the SoA approved and its entry free of errors, and the
//             profile's evidence present and healthy: for the organization, for every in-scope system
//             or for every dataset those systems use
//   partial   applicable and some of that exists (or the status claims it), but not all; the reason
//             names what is missing and where
//   missing   no SoA in force, not in it, excluded without an acceptable justification, or nothing yet
import { compareNatural } from '../recordList';
import { CONTROLS, expectedControls, GROUPS } from '../catalogue';
import type { Finding, Kind, SoaEntry } from '../model';
import type { Linter } from '../linter';
import type { IndexedRecord } from '../rule';
import { DEFAULT_ORG_CONTROL_PREFIX, isOrgControlId } from '../soa';
import { checkText, healthProblems, missingChecks, resolveEvidence, type EvidenceLookup, type PathKind } from './evidence';
import { ORG_CONTROL_PROFILE, profileOf, type EvidenceProfile, type EvidenceScope, type RecordEvidence } from './profiles';
import type { CoverageState } from './states';

export interface EvidenceItem {
  /** As written in the SoA (or the record id, for records found through a record's `controls` or the profile). */
  value: string;
  /** 'path': a document in the repository. */
  type: 'record' | 'path' | 'url' | 'unresolved';
  /** Where it came from: the SoA entry, a record's own `controls` list, or the profile (per-system records). */
  source: 'soa' | 'record' | 'profile';
  /** Whether it counts toward the control. */
  counts: boolean;
  /** Why it does not count ("is draft, not approved"), or how it counts ("declared, not checked"). */
  note?: string;
  /** Cited, but not a record, a document or a URL: it does not resolve, or is a folder, an empty file, outside the repository. */
  broken?: boolean;
  /** A record of a kind the control's profile does not name ("a DataProvenance is not evidence of A.2.2"). */
  offProfile?: boolean;
  file?: string;
  kind?: Kind;
  title?: string;
  /** Error-level findings of the evidence record. */
  errors?: number;
  review_by?: string;
}

export interface FindingCounts { error: number; warning: number; info: number }

/** One system (or dataset) against one control of the matrix. */
export interface CellResult {
  state: 'met' | 'gap' | 'excluded';
  /** What is missing, in words ("has no evaluation.metrics"; "loan-applications-2024 is draft, not approved"). */
  missing: string[];
  /** For a gap: the record where it is (the card, the impact assessment, the dataset), when there is one. */
  file?: string;
}

export interface SystemCoverage {
  id: string;
  title?: string;
  file: string;
  /** Ids of the datasets it uses (its `datasets`). */
  datasets: string[];
  /** Results for every system- and dataset-scope control (report.matrixControls), by control id. */
  controls: Record<string, CellResult>;
}

export interface DatasetCoverage {
  id: string;
  title?: string;
  /** Undefined when no DataProvenance record has this id. */
  file?: string;
  /** The in-scope systems that use it. */
  usedBy: string[];
  /** Results for every dataset-scope control, by control id. */
  controls: Record<string, CellResult>;
}

export interface ControlCoverage {
  id: string;
  title: string;
  group: string;
  state: CoverageState;
  /** Why the control has this state, naming what is missing and where. */
  reason: string;
  /** Where the evidence must be: for the organization, each in-scope system or each dataset they use. */
  scope: EvidenceScope;
  /** What is missing, one item per gap (empty when covered). */
  gaps: string[];
  /** Expected for the organization's AI roles (config `roles`). */
  expected: boolean;
  applicable?: boolean;
  status?: string;
  owner?: string;
  justification?: string;
  evidence: EvidenceItem[];
  /** Open findings that name this control and sit in its evidence (its SoA entry or its evidence records). */
  findings: FindingCounts;
  /** Open findings that name this control elsewhere: they do not change its state. */
  otherFindings: FindingCounts;
  /** Earliest review_by among its evidence records (of a kind its profile accepts). */
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
  /** The Statement of Applicability in force, if exactly one is. */
  soaFile?: string;
  /** The title of the Statement of Applicability in force (its `title:`), if it has one: the exports' title. */
  soaTitle?: string;
  /** Every Statement of Applicability in force (not retired): exactly one is expected. */
  soaInForce: string[];
  /** Why no control can be covered (no SoA, two in force, not approved), if so. */
  soaNote?: string;
  /** Controls the organization defines itself (SoA ids with the configured prefix), in SoA order. */
  orgControls: ControlCoverage[];
  /** Controls evidenced per system or per dataset, in catalogue order: the columns of the matrix. */
  matrixControls: string[];
  /** The in-scope AI systems (ModelCards not retired), by id. */
  systems: SystemCoverage[];
  /** The datasets the in-scope systems use, by id. */
  datasets: DatasetCoverage[];
  /** Findings in the whole workspace, by severity. */
  findings: FindingCounts;
}

const emptyCounts = (): Record<CoverageState, number> => ({ covered: 0, partial: 0, missing: 0, excluded: 0 });
const noFindings = (): FindingCounts => ({ error: 0, warning: 0, info: 0 });
const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
const recordName = (r: IndexedRecord): string => r.summary.id ?? r.file;
const byName = (a: IndexedRecord, b: IndexedRecord): number => compareNatural(recordName(a), recordName(b));

export interface CoverageOptions {
  /** Prefix of organization-defined control ids (default ORG-). */
  orgControlPrefix?: string;
}

/** Everything computed once per report and shared by the controls. */
interface Context {
  today: string;
  records: readonly IndexedRecord[];
  lookup: EvidenceLookup;
  systems: IndexedRecord[];
  /** Dataset id → its DataProvenance record (undefined: none) */
  datasetRecords: Map<string, IndexedRecord | undefined>;
  systemDatasets: Map<IndexedRecord, string[]>;
  /** `kind` → records of it */
  byKind: Map<Kind, IndexedRecord[]>;
  /** file → the rule ids of its error-level findings */
  errorRules: Map<string, string[]>;
  /** The ids of the in-scope systems, and the records of the datasets they use (lookups in loops). */
  systemIds: Set<string>;
  systemSet: Set<IndexedRecord>;
  /** `kind via` → system id → the records of that kind naming it in that field (not retired) */
  linked: Map<string, Map<string, IndexedRecord[]>>;
  /** health problems per record, computed once */
  health: Map<IndexedRecord, string[]>;
  datasetSet: Set<IndexedRecord>;
}

export function computeCoverage(linter: Linter, all: Map<string, Finding[]> = linter.allFindings(), opts: CoverageOptions = {}): CoverageReport {
  const records = linter.records(); // after allFindings(): error counts include cross-record findings
  const today = linter.env.today;
  const prefix = opts.orgControlPrefix ?? linter.env.orgControlPrefix ?? DEFAULT_ORG_CONTROL_PREFIX;
  const expected = expectedControls(linter.env.roles);

  const byFile = new Map(records.map(r => [r.file, r]));
  const byId = new Map<string, IndexedRecord[]>();
  const byKind = new Map<Kind, IndexedRecord[]>();
  for (const r of records) {
    if (r.summary.id) (byId.get(r.summary.id) ?? byId.set(r.summary.id, []).get(r.summary.id)!).push(r);
    (byKind.get(r.summary.kind) ?? byKind.set(r.summary.kind, []).get(r.summary.kind)!).push(r);
  }
  const pathKind = (rel: string): PathKind => linter.pathKind(rel);
  const systems = (byKind.get('ModelCard') ?? []).filter(r => r.summary.status !== 'retired').sort(byName);
  const systemDatasets = new Map<IndexedRecord, string[]>();
  const datasetRecords = new Map<string, IndexedRecord | undefined>();
  for (const s of systems) {
    const ids = [...new Set(s.summary.refs.filter(x => x.path[0] === 'datasets').map(x => x.value.trim()))];
    systemDatasets.set(s, ids);
    for (const id of ids) if (!datasetRecords.has(id)) datasetRecords.set(id, (byId.get(id) ?? []).find(x => x.summary.kind === 'DataProvenance'));
  }
  const errorRules = new Map<string, string[]>();
  for (const [file, list] of all) {
    const ids = list.filter(f => f.severity === 'error').map(f => f.ruleId);
    if (ids.length) errorRules.set(file, ids);
  }
  const systemIds = new Set(systems.map(s => s.summary.id).filter((x): x is string => !!x));
  const datasetSet = new Set([...datasetRecords.values()].filter((x): x is IndexedRecord => !!x));
  const ctx: Context = { today, records, lookup: { byId, byFile, pathKind }, systems, datasetRecords, systemDatasets, byKind, errorRules, systemIds, systemSet: new Set(systems), datasetSet, linked: new Map(), health: new Map() };

  // the Statement of Applicability in force: exactly one that is not retired
  const inForce = (byKind.get('Applicability') ?? []).filter(r => r.summary.status !== 'retired');
  const soa = inForce.length === 1 ? inForce[0] : undefined;
  let soaNote: string | undefined;
  /** Why the SoA in force cannot put a control in covered (not approved, past its review date). */
  let soaBlock: string | undefined;
  if (inForce.length === 0) soaNote = 'There is no Statement of Applicability in force (kind: Applicability, not retired): no control can be covered.';
  else if (inForce.length > 1) soaNote = `${inForce.length} Statements of Applicability are in force (${inForce.map(r => r.file).join(', ')}); exactly one may be. Retire or merge the others: until then no control can be covered.`;
  else {
    const problems = healthProblems({ ...soa!, errors: 0 }, today);
    if (problems.length) {
      soaBlock = `the Statement of Applicability ${problems.join(' and ')}`;
      soaNote = `The Statement of Applicability (${soa!.file}) ${problems.join(' and ')}: no control counts as covered until it is approved and within its review date.`;
    }
  }

  // findings per control, split by where they sit (in the control's evidence or elsewhere)
  const total = noFindings();
  const perControl = new Map<string, { file: string; f: Finding }[]>();
  const soaEntryErrors = new Set<number>();
  for (const [file, list] of all) {
    for (const f of list) {
      total[f.severity]++;
      for (const c of f.controls) (perControl.get(c) ?? perControl.set(c, []).get(c)!).push({ file, f });
      if (soa && file === soa.file && f.severity === 'error' && f.path[0] === 'controls' && typeof f.path[1] === 'number') soaEntryErrors.add(f.path[1]);
    }
  }

  // records that name a control in their own `controls` list
  const citedBy = new Map<string, IndexedRecord[]>();
  for (const r of records) for (const c of r.summary.controls) (citedBy.get(c) ?? citedBy.set(c, []).get(c)!).push(r);

  const entries = new Map<string, SoaEntry>();
  const orgEntries: SoaEntry[] = [];
  for (const e of soa?.summary.soa ?? []) {
    if (isOrgControlId(e.id, prefix)) { if (!orgEntries.some(x => x.id === e.id)) orgEntries.push(e); }
    else if (e.id && !entries.has(e.id)) entries.set(e.id, e);
  }

  // per-system and per-dataset results for the matrix
  const matrixProfiles = CONTROLS.map(c => profileOf(c.id)!).filter(p => p && p.scope !== 'organization');
  const excludedIds = new Set([...entries.values()].filter(e => e.applicable === false).map(e => e.id));
  const systemResults: SystemCoverage[] = systems.map(s => ({ id: recordName(s), title: s.summary.title, file: s.file, datasets: systemDatasets.get(s)!, controls: {} }));
  const usedBy = new Map<string, string[]>();
  for (const s of systems) for (const id of systemDatasets.get(s)!) (usedBy.get(id) ?? usedBy.set(id, []).get(id)!).push(recordName(s));
  const datasetResults: DatasetCoverage[] = [...datasetRecords.entries()].sort((a, b) => compareNatural(a[0], b[0])).map(([id, r]) => ({
    id, title: r?.summary.title, file: r?.file, usedBy: usedBy.get(id) ?? [], controls: {},
  }));
  const datasetById = new Map(datasetResults.map(d => [d.id, d]));
  for (const p of matrixProfiles) {
    const excluded = excludedIds.has(p.control);
    if (p.scope === 'dataset') {
      for (const d of datasetResults) d.controls[p.control] = excluded ? { state: 'excluded', missing: [] } : datasetCell(p, d.id, ctx);
    }
    systems.forEach((s, i) => {
      systemResults[i].controls[p.control] = excluded ? { state: 'excluded', missing: [] }
        : p.scope === 'system' ? systemCell(p, s, ctx) : systemOverDatasets(p, s, datasetById, ctx);
    });
  }

  const evaluate = (id: string, title: string, group: string, profile: EvidenceProfile, e: SoaEntry | undefined): ControlCoverage => {
    const cc: ControlCoverage = {
      id, title, group, state: 'missing', reason: '', scope: profile.scope, gaps: [], expected: expected.has(id),
      evidence: [], findings: noFindings(), otherFindings: noFindings(),
    };
    const finish = (): ControlCoverage => {
      const evidenceFiles = new Set(cc.evidence.filter(x => x.file && x.type === 'record').map(x => x.file!));
      for (const { file, f } of perControl.get(id) ?? []) {
        const inEntry = !!soa && !!cc.soa && file === soa.file && f.path[0] === 'controls' && f.path[1] === cc.soa.index;
        (inEntry || evidenceFiles.has(file) ? cc.findings : cc.otherFindings)[f.severity]++;
      }
      return cc;
    };
    if (!soa) { cc.reason = soaNote!; cc.gaps.push('no Statement of Applicability in force'); return finish(); }
    if (!e) { cc.reason = 'Not listed in the Statement of Applicability.'; cc.gaps.push(cc.reason); return finish(); }
    cc.soa = { file: soa.file, index: e.index };
    cc.applicable = e.applicable; cc.status = e.status; cc.owner = e.owner; cc.justification = e.justification;
    const entryClean = !soaEntryErrors.has(e.index);

    if (e.applicable === false) {
      if (entryClean) { cc.state = 'excluded'; cc.reason = soaBlock ? `Excluded with a justification, but ${soaBlock}.` : 'Excluded with a justification.'; }
      else { cc.reason = 'Excluded, but the entry has errors (for example a justification that is missing or a placeholder).'; cc.gaps.push('the SoA entry has errors'); }
      return finish();
    }

    // what the SoA cites, and the records that cite the control themselves
    const listed = new Set<string>();
    const add = (item: EvidenceItem): void => { cc.evidence.push(item); if (item.file) listed.add(item.file); };
    for (const v of e.evidence) add(citedItem(v, 'soa', profile, ctx));
    for (const r of citedBy.get(id) ?? []) if (!listed.has(r.file)) add(recordItem(r, recordName(r), 'record', profile, ctx));

    let met: boolean;
    if (profile.scope === 'organization') {
      // any healthy record of an accepted kind in the workspace also counts, cited or not
      for (const alt of profile.records) {
        for (const r of ctx.byKind.get(alt.kind) ?? []) {
          if (listed.has(r.file)) continue;
          const item = recordItem(r, recordName(r), 'profile', profile, ctx);
          if (item.counts) add(item);
        }
      }
      met = cc.evidence.some(x => x.counts);
    } else {
      met = systems.length > 0 && systemResults.every(s => s.controls[id].state === 'met');
      // the records the profile looked at are its evidence
      for (const r of profileRecords(profile, ctx)) if (!listed.has(r.file)) add(recordItem(r, recordName(r), 'profile', profile, ctx));
    }
    for (const ev of cc.evidence) if (ev.review_by && ev.type === 'record' && !ev.offProfile && (!cc.reviewDue || ev.review_by < cc.reviewDue)) cc.reviewDue = ev.review_by;

    const broken = cc.evidence.filter(x => x.broken);
    const counted = cc.evidence.filter(x => x.counts);
    const why: string[] = [];
    if (e.status !== 'implemented') why.push(`status is ${e.status ?? 'not set'}`);
    if (!entryClean) why.push('the SoA entry has errors');
    if (soaBlock) why.push(soaBlock);
    if (broken.length) why.push(`evidence that cannot count: ${broken.map(x => `${x.value} (${x.note ?? 'does not resolve'})`).join(', ')}`);
    const gaps = coverageGap(id, profile, met, cc, systemResults, datasetResults);
    cc.gaps.push(...why, ...gaps);

    if (met && why.length === 0) {
      cc.state = 'covered';
      const declared = counted.length > 0 && counted.every(x => x.type === 'url');
      cc.reason = profile.scope === 'organization'
        ? `Implemented; evidence: ${counted.map(x => x.value).join(', ')}${declared ? ' (declared by URL, not checked)' : ''}.`
        : `Implemented; all ${plural(profile.scope === 'system' ? systems.length : datasetsOf(ctx).length, profile.scope === 'system' ? 'in-scope system' : 'dataset')} carry the evidence.`;
    } else if (met || counted.length > 0 || e.status === 'implemented' || e.status === 'partial' || (profile.scope !== 'organization' && metCount(id, profile, systemResults, datasetResults) > 0)) {
      cc.state = 'partial';
      cc.reason = `Partly covered: ${cc.gaps.join('; ')}.`;
    } else {
      cc.reason = `Applicable, status ${e.status ?? 'not set'}, no evidence yet: ${gaps.join('; ') || profile.what}.`;
    }
    return finish();
  };

  const controls = CONTROLS.map(c => evaluate(c.id, c.title, c.group, profileOf(c.id)!, entries.get(c.id)));
  const orgControls = orgEntries.map(e => evaluate(e.id, e.title ?? e.id, 'ORG', { control: e.id, ...ORG_CONTROL_PROFILE }, e));

  const groups: GroupCoverage[] = GROUPS.map(g => {
    const list = controls.filter(c => c.group === g.id);
    const counts = emptyCounts();
    for (const c of list) counts[c.state]++;
    return { id: g.id, title: g.title, controls: list, counts };
  });
  const counts = emptyCounts();
  for (const c of controls) counts[c.state]++;
  const report: CoverageReport = {
    total: controls.length, counts, groups, controls, soaFile: soa?.file, soaInForce: inForce.map(r => r.file), orgControls,
    matrixControls: matrixProfiles.map(p => p.control), systems: systemResults, datasets: datasetResults, findings: total,
  };
  const soaTitle = soa?.summary.title?.trim();
  if (soaTitle) report.soaTitle = soaTitle;
  if (soaNote) report.soaNote = soaNote;
  return report;
}

function datasetsOf(ctx: Context): string[] {
  return [...ctx.datasetRecords.keys()];
}

function metCount(id: string, p: EvidenceProfile, systems: SystemCoverage[], datasets: DatasetCoverage[]): number {
  const list = p.scope === 'dataset' ? datasets : systems;
  return list.filter(x => x.controls[id]?.state === 'met').length;
}

/** The gap sentence of a partial control: "2 of 3 in-scope systems: support-router has no evaluation.metrics". */
function coverageGap(id: string, p: EvidenceProfile, met: boolean, cc: ControlCoverage, systems: SystemCoverage[], datasets: DatasetCoverage[]): string[] {
  if (met) return [];
  if (p.scope === 'organization') return [orgGap(p, cc.evidence)];
  if (systems.length === 0) return ['no in-scope AI system: there is no ModelCard that is not retired'];
  if (p.scope === 'system') {
    const bad = systems.filter(s => s.controls[id].state !== 'met');
    return [`${systems.length - bad.length} of ${plural(systems.length, 'in-scope system')}: ${firstFew(bad, s => gapPhrase(s.id, s.controls[id].missing))}`];
  }
  const bad = datasets.filter(d => d.controls[id]?.state !== 'met');
  const noData = systems.filter(s => s.datasets.length === 0);
  const parts: string[] = [];
  if (datasets.length) parts.push(`${datasets.length - bad.length} of ${plural(datasets.length, 'dataset')} used by in-scope systems${bad.length ? ': ' + firstFew(bad, d => gapPhrase(d.id, d.controls[id].missing)) : ''}`);
  if (noData.length) parts.push(`${noData.map(s => s.id).join(', ')} ${noData.length === 1 ? 'lists' : 'list'} no dataset`);
  return parts;
}

/** How many systems or datasets a reason names before "and N more" (the matrix and the JSON list them all). */
export const REASON_NAMES = 5;

function firstFew<T>(list: readonly T[], text: (x: T) => string): string {
  const shown = list.slice(0, REASON_NAMES).map(text).join('; ');
  return list.length > REASON_NAMES ? `${shown}; and ${list.length - REASON_NAMES} more` : shown;
}

/** "support-router has no evaluation.metrics", "credit-scorer: credit-ia is draft, not approved". */
export function gapPhrase(subject: string, missing: readonly string[]): string {
  const own = missing.filter(m => /^(?:has|is|lists) /.test(m));
  const other = missing.filter(m => !own.includes(m));
  return [own.length ? `${subject} ${own.join(', ')}` : '', other.length ? `${subject}: ${other.join(', ')}` : ''].filter(Boolean).join('; ');
}

function orgGap(p: EvidenceProfile, evidence: EvidenceItem[]): string {
  const kinds = p.records.map(r => r.kind);
  const accepted = [p.documents ? 'a document (a non-empty file in the repository, or a URL)' : '', ...kinds.map(k => `a healthy ${k} record`)].filter(Boolean);
  const rejected = evidence.filter(x => !x.counts);
  return `no evidence that counts: it needs ${accepted.join(' or ')}${rejected.length ? `; cited but not counted: ${rejected.map(x => `${x.value} (${x.note ?? 'does not resolve'})`).join(', ')}` : ''}`;
}

/** One cited evidence string, classified against the control's profile. */
function citedItem(value: string, source: 'soa', p: EvidenceProfile, ctx: Context): EvidenceItem {
  const r = resolveEvidence(value, ctx.lookup);
  switch (r.type) {
    case 'record': return recordItem(r.record, value, source, p, ctx);
    case 'document':
      return p.documents ? { value, type: 'path', source, file: r.path, counts: true }
        : { value, type: 'path', source, file: r.path, counts: false, note: supportingOnly(p) };
    case 'url':
      return p.documents ? { value, type: 'url', source, counts: true, note: 'declared, not checked' }
        : { value, type: 'url', source, counts: false, note: `declared, not checked; ${supportingOnly(p)}` };
    case 'problem': return { value, type: 'path', source, counts: false, note: `is ${r.problem}`, broken: true };
    default: return { value, type: 'unresolved', source, counts: false, note: 'does not resolve', broken: true };
  }
}

const supportingOnly = (p: EvidenceProfile): string => `supporting only: ${p.control} is evidenced in the records of ${p.scope === 'system' ? 'each in-scope system' : 'each dataset they use'}`;

/** A record as evidence of a control: does its kind count for the profile, is it healthy, does it hold the fields? */
function recordItem(r: IndexedRecord, value: string, source: EvidenceItem['source'], p: EvidenceProfile, ctx: Context): EvidenceItem {
  const item: EvidenceItem = { value, type: 'record', source, file: r.file, kind: r.summary.kind, title: r.summary.title, errors: r.errors, review_by: r.summary.review_by, counts: false };
  const alts = p.records.filter(a => a.kind === r.summary.kind);
  if (!alts.length && !p.anyRecord) {
    item.note = `${article(r.summary.kind)} is not evidence of ${p.control}`;
    item.offProfile = true;
    return item;
  }
  const problems = health(r, ctx);
  if (problems.length) { item.note = problems.join(', '); return item; }
  if (p.scope !== 'organization') {
    // it counts for the systems (datasets) it belongs to: the matrix says which
    const relevant = p.scope === 'dataset' ? ctx.datasetSet.has(r)
      : ctx.systemSet.has(r) || alts.some(a => a.via && (r.summary.links?.[a.via] ?? []).some(id => ctx.systemIds.has(id)));
    if (!relevant) { item.note = p.scope === 'dataset' ? 'not used by an in-scope system' : 'names no in-scope system'; return item; }
  }
  if (alts.length) {
    const gaps = alts.map(a => missingChecks(r.summary, a.fields));
    const best = gaps.reduce((x, y) => (y.length < x.length ? y : x));
    if (best.length) { item.note = `has no ${best.map(checkText).join(', ')}`; return item; }
  }
  item.counts = true;
  return item;
}

/** The health problems of a record (evidence.ts healthProblems), computed once per report. */
function health(r: IndexedRecord, ctx: Context): string[] {
  let h = ctx.health.get(r);
  if (!h) ctx.health.set(r, (h = healthProblems(r, ctx.today, ctx.errorRules.get(r.file))));
  return h;
}

/** The records of `kind` (not retired) that name system `id` in field `via`, from an index built once per kind and field. */
function linkedTo(kind: Kind, via: string, id: string, ctx: Context): IndexedRecord[] {
  const key = `${kind} ${via}`;
  let index = ctx.linked.get(key);
  if (!index) {
    index = new Map();
    for (const r of ctx.byKind.get(kind) ?? []) {
      if (r.summary.status === 'retired') continue;
      for (const sid of new Set(r.summary.links?.[via] ?? [])) (index.get(sid) ?? index.set(sid, []).get(sid)!).push(r);
    }
    ctx.linked.set(key, index);
  }
  return index.get(id) ?? [];
}

const article = (kind: string): string => `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** The records a per-system / per-dataset profile evaluates. */
function profileRecords(p: EvidenceProfile, ctx: Context): IndexedRecord[] {
  if (p.scope === 'dataset') return [...ctx.datasetSet];
  const out: IndexedRecord[] = [];
  for (const alt of p.records) {
    if (!alt.via) { if (alt.kind === 'ModelCard') out.push(...ctx.systems); continue; }
    for (const r of ctx.byKind.get(alt.kind) ?? []) if ((r.summary.links?.[alt.via] ?? []).some(id => ctx.systemIds.has(id))) out.push(r);
  }
  return out;
}

/** What one alternative lacks for a record: health problems, then fields. Empty: it evidences. */
function recordGaps(r: IndexedRecord, alt: RecordEvidence, ctx: Context): string[] {
  const problems = health(r, ctx);
  const missing = missingChecks(r.summary, alt.fields);
  return [...problems, ...(missing.length ? [`has no ${missing.map(checkText).join(', ')}`] : [])];
}

/** One system against a per-system profile: met when some alternative holds. */
function systemCell(p: EvidenceProfile, s: IndexedRecord, ctx: Context): CellResult {
  let best: CellResult | undefined;
  for (const alt of p.records) {
    let gaps: string[];
    let file: string | undefined = s.file;
    if (!alt.via) {
      gaps = alt.kind === 'ModelCard' ? recordGaps(s, alt, ctx) : [`has no ${alt.kind}`];
    } else {
      const id = s.summary.id;
      const linked = id ? linkedTo(alt.kind, alt.via, id, ctx) : [];
      if (!linked.length) gaps = [`has no ${alt.kind} naming it (${alt.via}: ${id ?? '?'})`];
      else {
        const each = linked.map(r => ({ r, gaps: recordGaps(r, alt, ctx) }));
        const pick = each.find(g => g.gaps.length === 0) ?? each.reduce((x, y) => (y.gaps.length < x.gaps.length ? y : x));
        gaps = pick.gaps.length ? [`${recordName(pick.r)} ${pick.gaps.join(', ')}`] : [];
        file = pick.r.file;
      }
    }
    if (gaps.length === 0) return { state: 'met', missing: [] };
    if (!best || gaps.length < best.missing.length) best = { state: 'gap', missing: gaps, file };
  }
  return best ?? { state: 'gap', missing: [] };
}

/** One dataset against a per-dataset profile. */
function datasetCell(p: EvidenceProfile, id: string, ctx: Context): CellResult {
  const r = ctx.datasetRecords.get(id);
  if (!r) return { state: 'gap', missing: ['has no DataProvenance record'] };
  let best: string[] | undefined;
  for (const alt of p.records) {
    if (alt.kind !== r.summary.kind) continue;
    const gaps = recordGaps(r, alt, ctx);
    if (gaps.length === 0) return { state: 'met', missing: [] };
    if (!best || gaps.length < best.length) best = gaps;
  }
  return { state: 'gap', missing: best ?? [`is not ${article(p.records[0]?.kind ?? 'record')}`], file: r.file };
}

/** A system against a per-dataset profile: met when every dataset it uses meets it. */
function systemOverDatasets(p: EvidenceProfile, s: IndexedRecord, datasets: Map<string, DatasetCoverage>, ctx: Context): CellResult {
  const ids = ctx.systemDatasets.get(s) ?? [];
  if (!ids.length) return { state: 'gap', missing: ['lists no dataset'], file: s.file };
  const missing: string[] = [];
  let file: string | undefined;
  for (const id of ids) {
    const cell = datasets.get(id)?.controls[p.control] ?? datasetCell(p, id, ctx);
    if (cell.state === 'gap') { missing.push(gapPhrase(id, cell.missing)); file ??= cell.file ?? s.file; }
  }
  return missing.length ? { state: 'gap', missing, file } : { state: 'met', missing: [] };
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
  const c = report.controls.find(x => x.id === controlId) ?? report.orgControls.find(x => x.id === controlId);
  if (!c) return undefined;
  if (c.soa) {
    const r = linter.rangeOf(c.soa.file, ['controls', c.soa.index], 'entry');
    return { file: c.soa.file, line: r?.start.line ?? 1, column: r?.start.column ?? 1, listed: true };
  }
  if (!report.soaFile) return undefined;
  const r = linter.rangeOf(report.soaFile, ['controls'], 'key');
  return { file: report.soaFile, line: r?.start.line ?? 1, column: r?.start.column ?? 1, listed: false };
}
