// Tree views: one per record kind (Model Cards, Data Provenance, Impact Assessments) and Controls
// (groups A.2–A.10 → 38 controls → evidence). Multi-root workspaces get a folder level on top.
import * as vscode from 'vscode';
import { GROUPS } from '../core/catalogue';
import type { ControlCoverage, CoverageState, EvidenceItem } from '../core/coverage';
import { controlFindingsText } from '../core/export';

/** The Controls view's group of organization-defined controls (config organization_control_prefix). */
const ORG_GROUP = 'ORG';
import type { Finding, Kind, Severity } from '../core/model';
import type { IndexedRecord } from '../core/rule';
import type { CodeUse } from '../core/code/match';
import { toRange } from './convert';
import type { AimsService, AimsWorkspace } from './workspace';
import { codeSpan, escapeMarkdown } from './markdown';
import { filterWords, groupRecords, matchesRecordFilter, ownerName, shortTitle, sortRecords, type GroupBy, type RecordGroup } from '../core/recordList';

/** At most this many characters of a title in a record tree: with status and owner, it fits a 300 px side bar. */
export const TREE_TITLE_MAX = 22;

/**
 * A record's line in a tree after its short title: status · owner (the person, not the role) · id, the
 * most telling first as the side bar cuts the end; everything in full in the tooltip.
 */
export function recordDescription(id: string | undefined, status: string | undefined, owner: string | undefined): string {
  return [status, owner ? ownerName(owner) : undefined, id].filter(Boolean).join(' · ');
}


export function worstSeverity(findings: readonly Finding[] | undefined): Severity | undefined {
  if (!findings?.length) return undefined;
  if (findings.some(f => f.severity === 'error')) return 'error';
  if (findings.some(f => f.severity === 'warning')) return 'warning';
  return 'info';
}

function severityIcon(s: Severity | undefined, fallback: string): vscode.ThemeIcon {
  if (s === 'error') return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (s === 'warning') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  if (s === 'info') return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  return new vscode.ThemeIcon(fallback, new vscode.ThemeColor('testing.iconPassed'));
}

type RecordNode =
  | { type: 'folder'; ws: AimsWorkspace }
  | { type: 'group'; ws: AimsWorkspace; by: Exclude<GroupBy, 'none'>; group: RecordGroup }
  | { type: 'record'; ws: AimsWorkspace; record: IndexedRecord }
  /** Where the code loads what the record tracks. */
  | { type: 'use'; ws: AimsWorkspace; record: IndexedRecord; use: CodeUse };

const GROUP_ICON: Record<Exclude<GroupBy, 'none'>, vscode.ThemeIcon> = {
  status: new vscode.ThemeIcon('pass'), owner: new vscode.ThemeIcon('person'), folder: vscode.ThemeIcon.Folder,
};

/**
 * One record kind's tree: records in natural order, optionally grouped (status, owner or folder: the
 * setting aims.records.groupBy) and narrowed by a text filter (see treeCommands.ts).
 */
export class RecordsTreeProvider implements vscode.TreeDataProvider<RecordNode> {
  private readonly emitter = new vscode.EventEmitter<RecordNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** How the records are grouped. */
  groupBy: GroupBy = 'none';
  /** Words every record shown must contain (title, id, status, owner or file); empty: all. */
  private words: string[] = [];
  private filterText = '';

  constructor(private readonly service: AimsService, readonly kind: Kind, private readonly icon: string) {}

  refresh(): void { this.emitter.fire(undefined); }

  /** The active filter text ('' for none). */
  get filter(): string { return this.filterText; }
  set filter(text: string) {
    this.filterText = text.trim().slice(0, 200);
    this.words = filterWords(this.filterText);
    this.refresh();
  }

  /** How many records of the kind there are, and how many the filter shows. */
  counts(): { total: number; shown: number } {
    let total = 0, shown = 0;
    for (const ws of this.service.list()) {
      const all = ws.linter.records().filter(r => r.summary.kind === this.kind);
      total += all.length;
      shown += all.filter(r => matchesRecordFilter(r, this.words)).length;
    }
    return { total, shown };
  }

  private recordsOf(ws: AimsWorkspace): IndexedRecord[] {
    return sortRecords(ws.linter.records().filter(r => r.summary.kind === this.kind && matchesRecordFilter(r, this.words)));
  }

  private top(ws: AimsWorkspace): RecordNode[] {
    const records = this.recordsOf(ws);
    const by = this.groupBy;
    if (by === 'none') return records.map(record => ({ type: 'record', ws, record }));
    return groupRecords(records, by).map(group => ({ type: 'group', ws, by, group }));
  }

  getChildren(node?: RecordNode): RecordNode[] {
    const list = this.service.list();
    if (!node) {
      if (list.length > 1) return list.map(ws => ({ type: 'folder', ws }));
      return list.length ? this.top(list[0]) : [];
    }
    if (node.type === 'folder') return this.top(node.ws);
    if (node.type === 'group') return node.group.records.map(record => ({ type: 'record', ws: node.ws, record }));
    if (node.type === 'record') return (node.ws.uses().get(node.record.file) ?? []).map(use => ({ type: 'use', ws: node.ws, record: node.record, use }));
    return [];
  }

  getTreeItem(node: RecordNode): vscode.TreeItem {
    if (node.type === 'folder') {
      const item = new vscode.TreeItem(node.ws.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.ws.folder.uri.toString(); // stable ids on every level: the records below carry it as their prefix
      item.iconPath = vscode.ThemeIcon.Folder;
      return item;
    }
    if (node.type === 'use') {
      const { use } = node;
      const l = use.load;
      const item = new vscode.TreeItem(l.cell ? `${use.file}, cell ${l.cell.cell + 1}:${l.cell.line + 1}` : `${use.file}:${l.range.start.line}`, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.ws.folder.uri.toString()}#${node.record.file}@${use.file}:${l.range.startOffset}`;
      item.description = `${l.library} · ${l.value ?? (l.prefix ?? '') + '…'}`;
      item.iconPath = new vscode.ThemeIcon(use.file.endsWith('.ipynb') ? 'notebook' : 'file-code');
      item.contextValue = 'aimsCodeUse';
      item.command = l.cell
        ? { command: 'aims.openCodeUse', title: 'Open the code', arguments: [node.ws.uri(use.file), l.cell.line, l.cell.cell] }
        : { command: 'aims.openCodeUse', title: 'Open the code', arguments: [node.ws.uri(use.file), l.range.start.line - 1] };
      return item;
    }
    if (node.type === 'group') {
      const { group, by } = node;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.ws.folder.uri.toString()}#${by}:${group.key}`;
      item.description = String(group.records.length);
      item.tooltip = `${group.records.length} record${group.records.length === 1 ? '' : 's'} · ${by} ${group.key || 'not set'}`;
      item.iconPath = GROUP_ICON[by];
      item.contextValue = 'aimsRecordGroup';
      return item;
    }
    const { ws, record } = node;
    const s = record.summary;
    const findings = ws.findings().get(record.file);
    const worst = worstSeverity(findings);
    const uses = ws.uses().get(record.file)?.length ?? 0;
    // a short title, so that the status and owner stay in view in a side bar of default width
    const item = new vscode.TreeItem(s.title?.trim() ? shortTitle(s.title, TREE_TITLE_MAX) : s.id || record.file, uses ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${ws.folder.uri.toString()}#${record.file}`;
    item.description = [recordDescription(s.title?.trim() ? s.id : undefined, s.status, s.owner), uses ? `used in ${uses} place${uses === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
    item.iconPath = severityIcon(worst, this.icon);
    item.resourceUri = ws.uri(record.file);
    item.contextValue = findings?.length ? 'aimsRecord.withFindings' : 'aimsRecord';
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings ?? []) counts[f.severity]++;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(s.title ?? s.id ?? record.file)}**\n\n`);
    md.appendMarkdown(`${s.id ? codeSpan(s.id) : '(no id)'} · ${escapeMarkdown(s.kind)} · status **${escapeMarkdown(s.status ?? 'not set')}** · owner ${escapeMarkdown(s.owner ?? 'not set')}\n\n`);
    if (s.review_by) md.appendMarkdown(`Review by ${escapeMarkdown(s.review_by)}\n\n`);
    md.appendMarkdown(findings?.length ? `${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos` : 'No findings');
    md.appendMarkdown(`\n\n${escapeMarkdown(record.file)}`);
    item.tooltip = md;
    const range = ws.linter.rangeOf(record.file, ['id'], 'value');
    item.command = { command: 'aims.openRecord', title: 'Open record', arguments: [ws.uri(record.file), toRange(range).start.line] };
    return item;
  }
}

type ControlNode =
  | { type: 'folder'; ws: AimsWorkspace }
  | { type: 'group'; ws: AimsWorkspace; group: string; title: string }
  | { type: 'control'; ws: AimsWorkspace; control: ControlCoverage }
  | { type: 'evidence'; ws: AimsWorkspace; control: ControlCoverage; evidence: EvidenceItem };

const STATE_ICON: Record<CoverageState, [string, string]> = {
  covered: ['pass-filled', 'testing.iconPassed'],
  partial: ['circle-large-outline', 'problemsWarningIcon.foreground'],
  missing: ['error', 'problemsErrorIcon.foreground'],
  excluded: ['circle-slash', 'disabledForeground'],
};

export class ControlsTreeProvider implements vscode.TreeDataProvider<ControlNode> {
  private readonly emitter = new vscode.EventEmitter<ControlNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly service: AimsService) {}

  refresh(): void { this.emitter.fire(undefined); }

  private groups(ws: AimsWorkspace): ControlNode[] {
    const out: ControlNode[] = GROUPS.map(g => ({ type: 'group' as const, ws, group: g.id, title: g.title }));
    if (ws.coverage().orgControls.length) out.push({ type: 'group', ws, group: ORG_GROUP, title: 'Organization-defined controls' });
    return out;
  }

  getChildren(node?: ControlNode): ControlNode[] {
    const list = this.service.list();
    if (!node) {
      if (list.length > 1) return list.map(ws => ({ type: 'folder', ws }));
      return list.length ? this.groups(list[0]) : [];
    }
    if (node.type === 'folder') return this.groups(node.ws);
    if (node.type === 'group') {
      const r = node.ws.coverage();
      return (node.group === ORG_GROUP ? r.orgControls : r.controls.filter(c => c.group === node.group)).map(control => ({ type: 'control', ws: node.ws, control }));
    }
    if (node.type === 'control') return node.control.evidence.map(evidence => ({ type: 'evidence', ws: node.ws, control: node.control, evidence }));
    return [];
  }

  getTreeItem(node: ControlNode): vscode.TreeItem {
    switch (node.type) {
      case 'folder': {
        const item = new vscode.TreeItem(node.ws.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.ws.folder.uri.toString();
        item.iconPath = vscode.ThemeIcon.Folder;
        return item;
      }
      case 'group': {
        if (node.group === ORG_GROUP) {
          const list = node.ws.coverage().orgControls;
          const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Collapsed);
          item.id = `${node.ws.folder.uri.toString()}#${ORG_GROUP}`;
          item.description = `${list.filter(c => c.state === 'covered').length}/${list.length} covered · not counted in the 38`;
          item.contextValue = 'aimsControlGroup';
          return item;
        }
        const g = node.ws.coverage().groups.find(x => x.id === node.group)!;
        const item = new vscode.TreeItem(`${g.id} ${g.title}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.ws.folder.uri.toString()}#${g.id}`;
        item.description = `${g.counts.covered}/${g.controls.length} covered` + (g.counts.missing ? ` · ${g.counts.missing} missing` : '') + (g.counts.partial ? ` · ${g.counts.partial} partial` : '');
        item.contextValue = 'aimsControlGroup';
        return item;
      }
      case 'control': {
        const c = node.control;
        const item = new vscode.TreeItem(`${c.id} ${c.title}`, c.evidence.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.ws.folder.uri.toString()}#${c.id}`;
        const [icon, color] = STATE_ICON[c.state];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        // only the findings in its evidence count against it: the description never contradicts the state
        const open = c.findings.error + c.findings.warning;
        item.description = c.state + (c.owner ? ` · ${c.owner}` : '') + (open ? ` · ${open} finding${open === 1 ? '' : 's'} in its evidence` : '');
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${c.id} ${escapeMarkdown(c.title)}** — ${c.state}\n\n${escapeMarkdown(c.reason)}`);
        md.appendMarkdown(`\n\nEvidenced ${c.scope === 'organization' ? 'for the organization' : c.scope === 'system' ? 'per AI system' : 'per dataset'} · findings: ${escapeMarkdown(controlFindingsText(c))}`);
        if (c.justification) md.appendMarkdown(`\n\nJustification: ${escapeMarkdown(c.justification)}`);
        if (c.reviewDue) md.appendMarkdown(`\n\nEvidence review due ${escapeMarkdown(c.reviewDue)}`);
        if (c.expected) md.appendMarkdown('\n\nExpected for the organization\'s AI roles.');
        item.tooltip = md;
        item.contextValue = 'aimsControl';
        if (c.soa) {
          const range = node.ws.linter.rangeOf(c.soa.file, ['controls', c.soa.index], 'entry');
          item.command = { command: 'aims.openRecord', title: 'Open Statement of Applicability entry', arguments: [node.ws.uri(c.soa.file), toRange(range).start.line] };
        }
        return item;
      }
      case 'evidence': {
        const e = node.evidence;
        const item = new vscode.TreeItem(e.title ? `${e.value} — ${e.title}` : e.value, vscode.TreeItemCollapsibleState.None);
        const what = e.type === 'unresolved' ? 'not found' : e.type === 'record' ? `${e.kind}` : e.type === 'path' ? 'file' : 'URL';
        item.description = e.counts ? (e.note ? `${what} · ${e.note}` : what) : `${what} · not counted: ${e.note ?? 'does not resolve'}`;
        item.tooltip = `${e.value}: ${item.description}`;
        item.iconPath = new vscode.ThemeIcon(e.type === 'url' ? 'link-external' : e.type === 'path' ? 'file' : e.type === 'unresolved' ? 'question' : 'file-code',
          !e.counts ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined);
        if (e.type === 'url') item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(e.value)] };
        else if (e.file) item.command = { command: 'aims.openRecord', title: 'Open evidence', arguments: [node.ws.uri(e.file), 0] };
        item.contextValue = 'aimsEvidence';
        return item;
      }
    }
  }
}

