// Status bar: control coverage and finding counts, e.g. "AIMS 24/38 · 3 errors". With several AIMS
// folders (multi-root) it shows the folder of the active editor (else the first), named, e.g.
// "AIMS alpha 24/38 · 3 errors"; the tooltip lists every folder.
import * as vscode from 'vscode';
import type { AimsService, AimsWorkspace } from './workspace';

/** The uri of the active editor: a text editor, or a custom editor such as the record form. */
export function activeEditorUri(): vscode.Uri | undefined {
  const text = vscode.window.activeTextEditor?.document.uri;
  if (text) return text;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

/** The AIMS workspace of the active editor, if it is in one. */
export function activeWorkspace(service: AimsService): AimsWorkspace | undefined {
  const uri = activeEditorUri();
  return uri ? service.forUri(uri)?.ws : undefined;
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

export class CoverageStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('aims.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: AimsService) {
    this.item.name = 'AIMS coverage';
    this.item.command = 'aims.showCoverage';
    // with several folders the item follows the active editor
    const follow = (): void => { if (this.service.list().length > 1) this.update(); };
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(follow), vscode.window.tabGroups.onDidChangeTabs(follow));
  }

  update(): void {
    const enabled = vscode.workspace.getConfiguration('aims').get<boolean>('statusBar.enabled', true);
    const list = this.service.list();
    if (!enabled || list.length === 0) { this.item.hide(); return; }
    const multi = list.length > 1;
    const shown = (multi && activeWorkspace(this.service)) || list[0];
    const lines = list.map(ws => {
      const c = ws.coverage();
      const systems = c.systems.length ? `; ${c.systems.filter(s => Object.values(s.controls).every(x => x.state !== 'gap')).length} of ${plural(c.systems.length, 'AI system')} without gaps` : '';
      const org = c.orgControls.length ? `; ${c.orgControls.filter(x => x.state === 'covered').length} of ${c.orgControls.length} organization-defined covered` : '';
      const note = c.soaNote ? `\n  ${c.soaNote}` : '';
      return `${multi ? ws.name + ': ' : ''}${c.counts.covered} covered, ${c.counts.partial} partial, ${c.counts.missing} missing, ${c.counts.excluded} excluded of ${c.total} Annex A controls${systems}${org}; ${plural(c.findings.error, 'error')}, ${plural(c.findings.warning, 'warning')}${note}`;
    });
    const c = shown.coverage();
    const { error: errors, warning: warnings } = c.findings;
    const parts = [`$(shield) AIMS ${multi ? shown.name + ' ' : ''}${c.counts.covered}/${c.total}`];
    if (errors) parts.push(plural(errors, 'error'));
    if (warnings) parts.push(plural(warnings, 'warning'));
    this.item.text = parts.join(' · ');
    this.item.tooltip = `${lines.join('\n')}\n${multi ? `The status bar shows ${shown.name}, the folder of the active editor (else the first).\n` : ''}Click to show the Controls view.`;
    this.item.accessibilityInformation = { label: `AIMS${multi ? ' ' + shown.name : ''}: ${c.counts.covered} of ${c.total} controls covered, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
