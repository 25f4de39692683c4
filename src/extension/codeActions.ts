// Quick fixes for every finding that has a fix or suggestions, "fix all" (source.fixAll.aims) and
// "show rule documentation". Every edit is a WorkspaceEdit, so it is undoable, and it is computed by
// the engine's minimal-edit code, so comments and untouched lines stay byte-identical.
import * as vscode from 'vscode';
import { computeEdits, diffEdit, EditError } from '../core/edit';
import { fixFile } from '../core/fix';
import type { Fix } from '../core/model';
import { AimsDiagnostic, toTextEdit } from './convert';
import { suppressAction } from './suppress';
import type { AimsService, AimsWorkspace } from './workspace';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('aims');

/** The WorkspaceEdit that applies a fix to a document (and creates files it asks for). */
export function fixToWorkspaceEdit(doc: vscode.TextDocument, fix: Fix, ws: AimsWorkspace): vscode.WorkspaceEdit | undefined {
  let result;
  try {
    result = computeEdits(doc.getText(), fix.ops);
  } catch (e) {
    if (e instanceof EditError) return undefined;
    throw e;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, result.edits.map(e => toTextEdit(doc, e)));
  for (const f of result.createFiles) {
    const uri = ws.uri(f.file);
    edit.createFile(uri, { ignoreIfExists: true, contents: Buffer.from(f.text, 'utf8') });
  }
  return edit;
}

/** One minimal edit that turns the text of `doc` into `after` (common prefix and suffix kept). */
function minimalEdit(doc: vscode.TextDocument, after: string): vscode.TextEdit | undefined {
  const e = diffEdit(doc.getText(), after);
  return e && toTextEdit(doc, e);
}

/**
 * The text of a document after every safe fix (the engine's fix loop), or undefined when none applies.
 * The document is the source of truth (the debounced lint may not have run yet). The loop runs on a
 * scratch copy of the workspace's linter: the workspace, its findings and its views are untouched
 * until the edit is applied and the document changes.
 */
export function fixAllText(ws: AimsWorkspace, rel: string, doc: vscode.TextDocument): string | undefined {
  if (!ws.isRecord(rel)) return undefined;
  const original = doc.getText();
  const scratch = ws.linter.fork();
  scratch.setFile(rel, original);
  const { text, applied } = fixFile(scratch, rel);
  return applied > 0 && text !== original ? text : undefined;
}

export class AimsCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly service: AimsService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const hit = this.service.forUri(doc.uri);
    if (!hit) return [];
    const { ws, rel } = hit;
    const actions: vscode.CodeAction[] = [];

    if (context.only && FIX_ALL_KIND.contains(context.only) || context.only?.contains(FIX_ALL_KIND)) {
      const text = fixAllText(ws, rel, doc);
      if (text !== undefined) {
        const a = new vscode.CodeAction('Fix all auto-fixable AIMS problems', FIX_ALL_KIND);
        const e = minimalEdit(doc, text);
        if (e) { a.edit = new vscode.WorkspaceEdit(); a.edit.set(doc.uri, [e]); }
        actions.push(a);
      }
      return actions;
    }

    let fixable = 0;
    const docsShown = new Set<string>();
    for (const d of context.diagnostics) {
      if (!(d instanceof AimsDiagnostic)) continue;
      const f = d.finding;
      if (f.suppressed) continue; // accepted: nothing to fix
      const all: { fix: Fix; preferred: boolean }[] = [];
      if (f.fix) { all.push({ fix: f.fix, preferred: true }); fixable++; }
      for (const s of f.suggestions ?? []) all.push({ fix: s, preferred: false });
      for (const { fix, preferred } of all) {
        const edit = fixToWorkspaceEdit(doc, fix, ws);
        if (!edit) continue;
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = edit;
        a.diagnostics = [d];
        a.isPreferred = preferred;
        // a fix that creates a record opens it, so the user can fill it in
        const created = fix.ops.find(o => o.op === 'create-file');
        if (created?.op === 'create-file') a.command = { command: 'aims.openRecord', title: 'Open the new record', arguments: [ws.uri(created.file), 0] };
        actions.push(a);
      }
      const suppress = suppressAction(doc, f, d);
      if (suppress) actions.push(suppress);
      if (!docsShown.has(f.ruleId)) {
        docsShown.add(f.ruleId);
        const a = new vscode.CodeAction(`Show documentation for ${f.ruleId}`, vscode.CodeActionKind.QuickFix);
        a.command = { command: 'aims.showRuleDocs', title: 'Show rule documentation', arguments: [f.ruleId] };
        a.diagnostics = [d];
        actions.push(a);
      }
    }
    if (fixable > 0 || ws.findings().get(rel)?.some(f => f.fix)) {
      const a = new vscode.CodeAction('Fix all auto-fixable AIMS problems in this file', vscode.CodeActionKind.QuickFix);
      a.command = { command: 'aims.fixAll', title: 'Fix all', arguments: [doc.uri] };
      actions.push(a);
    }
    return actions;
  }
}

export async function runFixAll(service: AimsService, uri?: vscode.Uri): Promise<boolean> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!target) return false;
  const doc = await vscode.workspace.openTextDocument(target);
  const hit = service.forUri(doc.uri);
  if (!hit) { void vscode.window.showInformationMessage('AIMS: this file is not a record under aims/.'); return false; }
  const text = fixAllText(hit.ws, hit.rel, doc);
  const e = text !== undefined ? minimalEdit(doc, text) : undefined;
  if (!e) { void vscode.window.setStatusBarMessage('AIMS: nothing to fix automatically', 3000); return false; }
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, [e]);
  return vscode.workspace.applyEdit(edit);
}
