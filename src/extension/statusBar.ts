// Status bar: control coverage and finding counts of all AIMS workspaces, e.g. "AIMS 24/38 · 3 errors".
import * as vscode from 'vscode';
import type { AimsService } from './workspace';

export class CoverageStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('aims.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly service: AimsService) {
    this.item.name = 'AIMS coverage';
    this.item.command = 'aims.showCoverage';
  }

  update(): void {
    const enabled = vscode.workspace.getConfiguration('aims').get<boolean>('statusBar.enabled', true);
    const list = this.service.list();
    if (!enabled || list.length === 0) { this.item.hide(); return; }
    let covered = 0, total = 0, errors = 0, warnings = 0;
    const lines: string[] = [];
    for (const ws of list) {
      const c = ws.coverage();
      covered += c.counts.covered; total += c.total; errors += c.findings.error; warnings += c.findings.warning;
      lines.push(`${list.length > 1 ? ws.name + ': ' : ''}${c.counts.covered} covered, ${c.counts.partial} partial, ${c.counts.missing} missing, ${c.counts.excluded} excluded of ${c.total} Annex A controls`);
    }
    const parts = [`$(shield) AIMS ${covered}/${total}`];
    if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
    if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    this.item.text = parts.join(' · ');
    this.item.tooltip = `${lines.join('\n')}\n${errors} errors, ${warnings} warnings in AIMS records.\nClick to show the Controls view.`;
    this.item.accessibilityInformation = { label: `AIMS: ${covered} of ${total} controls covered, ${errors} errors, ${warnings} warnings` };
    this.item.show();
  }

  dispose(): void { this.item.dispose(); }
}
