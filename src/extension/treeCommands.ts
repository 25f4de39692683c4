// The record views (Model Cards, Data Provenance, Impact Assessments) and what makes a view of hundreds
// of records usable: grouping by status, owner or folder (setting aims.records.groupBy, command
// aims.groupRecordsBy in each view's title bar) and a text filter per view (aims.filter<View>, with the
// active filter in the view's description and message, and aims.clearFilter<View>).
import * as vscode from 'vscode';
import { GROUP_BY, type GroupBy } from '../core/recordList';
import type { Kind } from '../core/model';
import type { RecordsTreeProvider } from './trees';

/** The record views: their id, kind and the suffix of their filter commands. */
export const RECORD_VIEWS: readonly { id: string; kind: Kind; name: string; command: string }[] = [
  { id: 'aims.modelCards', kind: 'ModelCard', name: 'Model Cards', command: 'ModelCards' },
  { id: 'aims.dataProvenance', kind: 'DataProvenance', name: 'Data Provenance', command: 'DataProvenance' },
  { id: 'aims.impactAssessments', kind: 'ImpactAssessment', name: 'Impact Assessments', command: 'ImpactAssessments' },
];

/** Context key: the ids of the record views with an active filter (`view in aims.filteredViews`). */
const FILTERED_KEY = 'aims.filteredViews';
const SETTING = 'aims.records.groupBy';

const GROUP_LABELS: Record<GroupBy, { label: string; detail: string }> = {
  none: { label: 'No grouping', detail: 'One list, by status then title' },
  status: { label: 'Status', detail: 'approved, in-review, draft, retired' },
  owner: { label: 'Owner', detail: 'One group per owner' },
  folder: { label: 'Folder', detail: 'One group per folder under the workspace' },
};

function groupBySetting(): GroupBy {
  const v = vscode.workspace.getConfiguration().get<string>(SETTING);
  return (GROUP_BY as readonly string[]).includes(v ?? '') ? v as GroupBy : 'none';
}

/** A record view: its tree and provider, with the filter and grouping shown in its title bar. */
export class RecordView {
  constructor(readonly id: string, readonly name: string, readonly view: vscode.TreeView<unknown>, readonly provider: RecordsTreeProvider) {}

  /** Sets the view's description ("filter" or "by owner") and message ("3 of 240 match …") to what is shown. */
  update(): void {
    const p = this.provider;
    const parts: string[] = [];
    if (p.filter) parts.push(`filter: ${p.filter}`);
    if (p.groupBy !== 'none') parts.push(`by ${p.groupBy}`);
    this.view.description = parts.join(' · ') || undefined;
    if (!p.filter) { this.view.message = undefined; return; }
    const { total, shown } = p.counts();
    this.view.message = shown
      ? `${shown} of ${total} record${total === 1 ? '' : 's'} match “${p.filter}”.`
      : `No record matches “${p.filter}” (${total} in all). Clear the filter to see them.`;
  }
}

/**
 * Creates the record views for `providers` (in RECORD_VIEWS order) and registers their commands:
 * aims.groupRecordsBy(groupBy?), aims.filterRecords(viewId?, text?), aims.clearRecordFilters(),
 * and per view aims.filter<View>(text?) and aims.clearFilter<View>(). Returns the views (for tests) and
 * what to dispose.
 */
export function createRecordViews(providers: readonly RecordsTreeProvider[], onDidChange: vscode.Event<unknown>): { views: RecordView[]; disposables: vscode.Disposable[] } {
  const disposables: vscode.Disposable[] = [];
  const views = RECORD_VIEWS.map((v, i) => {
    const provider = providers[i];
    const tree = vscode.window.createTreeView(v.id, { treeDataProvider: provider, showCollapseAll: false });
    disposables.push(tree);
    return new RecordView(v.id, v.name, tree as vscode.TreeView<unknown>, provider);
  });
  const updateAll = (): void => {
    for (const v of views) v.update();
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, views.filter(v => v.provider.filter).map(v => v.id));
  };
  const applyGrouping = (): void => {
    const by = groupBySetting();
    for (const v of views) { v.provider.groupBy = by; v.provider.refresh(); }
    updateAll();
  };
  const setFilter = (v: RecordView, text: string): void => { v.provider.filter = text; updateAll(); };
  const askFilter = async (v: RecordView, text?: unknown): Promise<void> => {
    if (typeof text === 'string') { setFilter(v, text); return; }
    const value = await vscode.window.showInputBox({
      title: `AIMS: Filter ${v.name}`, value: v.provider.filter, valueSelection: [0, v.provider.filter.length],
      prompt: 'Words that every record shown contains in its title, id, status, owner or file (empty: show all)',
      placeHolder: 'e.g. draft credit',
    });
    if (value !== undefined) setFilter(v, value);
  };

  disposables.push(
    vscode.commands.registerCommand('aims.groupRecordsBy', async (arg?: unknown) => {
      let by = typeof arg === 'string' && (GROUP_BY as readonly string[]).includes(arg) ? arg as GroupBy : undefined;
      if (!by) {
        const current = groupBySetting();
        const pick = await vscode.window.showQuickPick(GROUP_BY.map(g => ({ ...GROUP_LABELS[g], description: g === current ? 'current' : undefined, by: g })), {
          title: 'AIMS: Group Records By', placeHolder: 'How the record views group their records',
        });
        if (!pick) return;
        by = pick.by;
      }
      // where the setting is set already (the workspace's settings win), else for the user
      const inspect = vscode.workspace.getConfiguration().inspect<string>(SETTING);
      const target = inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await vscode.workspace.getConfiguration().update(SETTING, by === 'none' && target === vscode.ConfigurationTarget.Global ? undefined : by, target);
      applyGrouping();
    }),
    vscode.commands.registerCommand('aims.filterRecords', async (viewArg?: unknown, text?: unknown) => {
      let v = views.find(x => x.id === viewArg);
      if (!v) {
        const pick = await vscode.window.showQuickPick(views.map(x => ({ label: x.name, description: x.provider.filter ? `filter: ${x.provider.filter}` : undefined, v: x })), {
          title: 'AIMS: Filter Records', placeHolder: 'Which view to filter',
        });
        if (!pick) return;
        v = pick.v;
      }
      await askFilter(v, text);
    }),
    vscode.commands.registerCommand('aims.clearRecordFilters', () => { for (const v of views) v.provider.filter = ''; updateAll(); }),
    ...RECORD_VIEWS.flatMap((r, i) => [
      vscode.commands.registerCommand(`aims.filter${r.command}`, (text?: unknown) => askFilter(views[i], text)),
      vscode.commands.registerCommand(`aims.clearFilter${r.command}`, () => setFilter(views[i], '')),
    ]),
    vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(SETTING)) applyGrouping(); }),
    // the counts in the message follow the records
    onDidChange(() => { if (views.some(v => v.provider.filter)) updateAll(); }),
  );
  applyGrouping();
  return { views, disposables };
}
