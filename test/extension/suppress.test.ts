// Inline suppressions in a real VS Code: the quick fix "Suppress <rule> on this line…" on a diagnostic,
// the comment it inserts (one undoable edit), and the accepted finding shown as a hint with its reason.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateAims, aimsDiagnostics, codeOf, waitFor } from './helpers';

const suppressedDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'aims (suppressed)');

describe('inline suppressions in a real VS Code', function () {
  this.timeout(60_000);

  it('offers "Suppress … on this line…", inserts the comment with the reason, and shows the finding as a suppressed hint', async () => {
    await activateAims();
    const root = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(root, 'aims/statement-of-applicability.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const { value: diag } = await waitFor(() => aimsDiagnostics(uri).find(d => codeOf(d) === 'soa-exclusion-justification'), 20_000, 'the soa-exclusion-justification diagnostic');
    const line = diag.range.start.line;
    assert.match(doc.lineAt(line).text, /^ {4}justification: N\/A$/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const suppress = actions.find(a => a.title === 'Suppress soa-exclusion-justification on this line…');
    assert.ok(suppress?.command, `offered (got: ${actions.map(a => a.title).join(' | ')})`);
    assert.equal(suppress.command.command, 'aims.suppressFinding');
    assert.deepEqual(suppress.command.arguments?.slice(1), ['soa-exclusion-justification', line + 1]);

    // the command with the reason the input box would return (the box itself is the workbench's)
    const reason = 'A.9.2 does not apply: we only develop, others use; AIMS board, 2026-11-20';
    assert.equal(await vscode.commands.executeCommand('aims.suppressFinding', ...suppress.command.arguments!, reason), true);
    assert.equal(doc.lineAt(line).text, `    # aims-disable-next-line soa-exclusion-justification -- ${reason}`);
    assert.equal(doc.lineAt(line + 1).text, '    justification: N/A');
    assert.equal(doc.getText().split('\n').length, original.split('\n').length + 1, 'one line inserted, nothing else changed');

    await waitFor(() => !aimsDiagnostics(uri).some(d => codeOf(d) === 'soa-exclusion-justification'), 20_000, 'the finding to leave the problems');
    const { value: hint } = await waitFor(() => suppressedDiagnostics(uri).find(d => codeOf(d) === 'soa-exclusion-justification'), 20_000, 'the suppressed hint');
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(hint.range.start.line, line + 1);
    assert.ok(hint.message.startsWith(`Suppressed (aims-disable-next-line, line ${line + 1}): ${reason} — A.9.2 is excluded`), hint.message);
    assert.ok(!aimsDiagnostics(uri).some(d => codeOf(d).endsWith('-suppression')), 'the comment is valid and used');
    // a suppressed finding offers no fix and no second suppression
    const again = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, hint.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!again.some(a => a.title.startsWith('Suppress soa-exclusion-justification')), again.map(a => a.title).join(' | '));

    // an empty reason inserts nothing
    assert.equal(await vscode.commands.executeCommand('aims.suppressFinding', uri, 'soa-exclusion-justification', line + 2, '   '), false);

    // undo takes the comment back and the finding returns
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original);
    await waitFor(() => aimsDiagnostics(uri).some(d => codeOf(d) === 'soa-exclusion-justification'), 20_000, 'the finding after undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('an unused suppression is a warning with a quick fix that removes it', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(root, 'aims/statement-of-applicability.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const at = original.indexOf('  # A.9 Use of AI systems\n');
    assert.ok(at > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(at), '  # aims-disable-next-line unknown-key -- nothing to accept here\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const { value: d } = await waitFor(() => aimsDiagnostics(uri).find(x => codeOf(x) === 'unused-suppression'), 20_000, 'the unused-suppression diagnostic');
    assert.equal(doc.getText(d.range), 'unknown-key');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const remove = actions.find(a => a.title === 'Remove the unused suppression of unknown-key');
    assert.ok(remove?.edit, actions.map(a => a.title).join(' | '));
    assert.ok(!actions.some(a => a.title.startsWith('Suppress unused-suppression')), 'a directive finding cannot be suppressed');
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.equal(doc.getText(), original, 'the comment line is gone, nothing else changed');
    await waitFor(() => !aimsDiagnostics(uri).some(x => codeOf(x) === 'unused-suppression'), 20_000, 'the warning to go');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
