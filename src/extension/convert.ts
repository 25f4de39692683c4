// Conversions between the engine's types and VS Code's.
import * as vscode from 'vscode';
import type { TextEdit as CoreTextEdit } from '../core/edit';
import type { Finding, Range as CoreRange, Severity } from '../core/model';
import { ruleDocsUrl } from '../core/docs-url';
import type { AimsWorkspace } from './workspace';

export function toRange(r: CoreRange | undefined): vscode.Range {
  if (!r) return new vscode.Range(0, 0, 0, 0);
  return new vscode.Range(r.start.line - 1, r.start.column - 1, r.end.line - 1, r.end.column - 1);
}

/** An engine edit (offset, length, newText in the text of `doc`) as a VS Code edit. */
export function toTextEdit(doc: vscode.TextDocument, e: CoreTextEdit): vscode.TextEdit {
  return vscode.TextEdit.replace(new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : s === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

/** Diagnostics carry the finding they came from, so code actions need no second lookup. */
export class AimsDiagnostic extends vscode.Diagnostic {
  constructor(readonly finding: Finding, ws: AimsWorkspace) {
    const controls = finding.controls.length ? ` [${finding.controls.join(', ')}]` : '';
    const s = finding.suppressed;
    // an accepted finding stays visible as a hint that says so and why (not in the Problems counts)
    super(toRange(finding.range), s ? `Suppressed (${s.scope === 'file' ? 'aims-disable' : 'aims-disable-next-line'}, line ${s.line}): ${s.reason} — ${finding.message}${controls}` : finding.message + controls,
      s ? vscode.DiagnosticSeverity.Hint : toSeverity(finding.severity));
    this.source = s ? 'aims (suppressed)' : 'aims';
    this.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
    if (finding.related?.length) {
      this.relatedInformation = finding.related.map(r => new vscode.DiagnosticRelatedInformation(new vscode.Location(ws.uri(r.file), toRange(r.range)), r.message));
    }
  }
}
