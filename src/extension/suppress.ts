// "Suppress on this line…": accepts a finding with an inline comment (src/core/suppressions.ts) after
// asking for the reason, which the comment requires. The code action carries only the command; the
// comment is inserted by one undoable WorkspaceEdit when the reason is given.
import * as vscode from 'vscode';
import type { Finding } from '../core/model';
import { cleanReason, INVALID_SUPPRESSION, removeFromDirectiveEdit, suppressionEdit, UNUSED_SUPPRESSION } from '../core/suppressions';
import { toRange, toTextEdit } from './convert';

export const SUPPRESS_COMMAND = 'aims.suppressFinding';

/**
 * The code action for a finding: "Suppress <rule> on this line…", or for an unused suppression the
 * edit that removes it; undefined for an accepted finding or an invalid directive.
 */
export function suppressAction(doc: vscode.TextDocument, f: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
  if (f.ruleId === UNUSED_SUPPRESSION && f.range) {
    // the finding's range is the rule id in the comment
    const rule = doc.getText(toRange(f.range));
    const e = removeFromDirectiveEdit(doc.getText(), f.range.start.line, rule);
    if (!e) return undefined;
    const a = new vscode.CodeAction(`Remove the unused suppression of ${rule}`, vscode.CodeActionKind.QuickFix);
    a.edit = new vscode.WorkspaceEdit();
    a.edit.set(doc.uri, [toTextEdit(doc, e)]);
    a.diagnostics = [diagnostic];
    a.isPreferred = true;
    return a;
  }
  if (f.suppressed || f.ruleId === INVALID_SUPPRESSION || !f.range) return undefined;
  const a = new vscode.CodeAction(`Suppress ${f.ruleId} on this line…`, vscode.CodeActionKind.QuickFix);
  a.command = { command: SUPPRESS_COMMAND, title: a.title, arguments: [doc.uri, f.ruleId, f.range.start.line] };
  a.diagnostics = [diagnostic];
  return a;
}

/**
 * Asks for the reason (required), then inserts `# aims-disable-next-line <rule> -- <reason>` above the
 * line. `reason` skips the prompt (tests, other commands). Returns whether the comment was inserted.
 */
export async function suppressFinding(uri: vscode.Uri, ruleId: string, line: number, reason?: string): Promise<boolean> {
  if (!(uri instanceof vscode.Uri) || typeof ruleId !== 'string' || !Number.isInteger(line)) return false;
  const why = reason ?? await vscode.window.showInputBox({
    title: `Suppress ${ruleId} on line ${line}`,
    prompt: 'Why is this finding accepted here? The reason is kept in the comment for reviewers and auditors.',
    placeHolder: 'e.g. we supply no AI system to customers; decided by the AIMS board on 2026-11-20',
    ignoreFocusOut: true,
    validateInput: v => (cleanReason(v) ? undefined : 'A reason is required: a suppression without one suppresses nothing.'),
  });
  if (why === undefined) return false;
  const doc = await vscode.workspace.openTextDocument(uri);
  const e = suppressionEdit(doc.getText(), line, ruleId, why);
  if (!e) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, [toTextEdit(doc, e)]);
  return vscode.workspace.applyEdit(edit);
}
