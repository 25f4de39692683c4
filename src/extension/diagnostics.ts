// Publishes the engine's findings as diagnostics, for every record of every AIMS workspace.
import * as vscode from 'vscode';
import { CONFIG_FILE } from '../core/config';
import { isNotebook } from '../core/code/scan';
import { AimsDiagnostic } from './convert';
import type { AimsService } from './workspace';

export class DiagnosticsPublisher implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('aims');
  private published = new Set<string>();

  constructor(private readonly service: AimsService) {}

  publish(): void {
    const next = new Set<string>();
    const enabled = vscode.workspace.getConfiguration('aims').get<boolean>('enable', true);
    if (enabled) {
      for (const ws of this.service.list()) {
        const suppressed = ws.suppressed();
        for (const file of new Set([...ws.findings().keys(), ...suppressed.keys()])) {
          if (isNotebook(file)) continue; // per cell: codeLens.ts (NotebookDiagnostics)
          const uri = ws.uri(file);
          const all = [...ws.findings().get(file) ?? [], ...suppressed.get(file) ?? []];
          this.collection.set(uri, all.map(f => new AimsDiagnostic(f, ws)));
          next.add(uri.toString());
        }
        if (ws.configError) {
          const uri = ws.uri(CONFIG_FILE);
          const e = ws.configError;
          const pos = new vscode.Position(e.line - 1, e.column - 1);
          const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), `${e.detail} The default configuration is used until this is fixed.`, vscode.DiagnosticSeverity.Error);
          d.source = 'aims';
          d.code = 'config';
          this.collection.set(uri, [d]);
          next.add(uri.toString());
        }
      }
    }
    for (const old of this.published) if (!next.has(old)) this.collection.delete(vscode.Uri.parse(old));
    this.published = next;
  }

  dispose(): void { this.collection.dispose(); }
}
