// Extension-host test of hostile input (issue #10): with an alias bomb, 20,000 duplicate keys,
// 10,000 unclosed brackets and a binary file in the workspace (on disk and open in editors), the
// extension reports each with a finding and keeps answering for the other records: diagnostics of an
// edit and a hover on another record still come. Outcomes only: waits for conditions, no timings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AimsApi } from '../../src/extension/extension';
import { activateAims, aimsDiagnostics, codeOf, replaceAll, waitFor } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const inputs = require('../../../test/fixtures/hostile/inputs.cjs') as {
  aliasBombKind(): string; aliasBombUnknownKey(): string; duplicateKeys(n?: number): string; unclosedBrackets(n?: number): string; binary(size?: number): Buffer;
};

const hoverText = (hovers: vscode.Hover[]): string =>
  hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');

describe('hostile input (extension host)', function () {
  this.timeout(120_000);
  let api: AimsApi;
  let root: vscode.Uri;
  const written: vscode.Uri[] = [];
  const HOSTILE: Record<string, string | Buffer> = {
    'aims/models/hostile-bomb.yaml': inputs.aliasBombKind(),
    'aims/models/hostile-bomb-key.yaml': inputs.aliasBombUnknownKey(),
    'aims/models/hostile-dup.yaml': inputs.duplicateKeys(),
    'aims/models/hostile-brackets.yaml': inputs.unclosedBrackets(),
    'aims/models/hostile-blob.yaml': inputs.binary(),
  };

  before(async () => {
    api = await activateAims();
    root = vscode.workspace.workspaceFolders![0].uri;
    for (const [rel, body] of Object.entries(HOSTILE)) {
      const uri = vscode.Uri.joinPath(root, ...rel.split('/'));
      await vscode.workspace.fs.writeFile(uri, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
      written.push(uri);
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri);
    const ws = api.service.list()[0];
    await waitFor(() => Object.keys(HOSTILE).every(rel => !ws.linter.has(rel)), 20_000, 'the hostile files to be gone');
  });

  it('reports each hostile file with a bounded finding', async () => {
    const expect: Record<string, RegExp> = {
      'aims/models/hostile-bomb.yaml': /aliases expand this document/,
      'aims/models/hostile-bomb-key.yaml': /aliases expand this document/,
      'aims/models/hostile-dup.yaml': /more YAML errors in this file are not shown/,
      'aims/models/hostile-brackets.yaml': /more YAML errors in this file are not shown/,
      'aims/models/hostile-blob.yaml': /NUL character|not valid UTF-8|binary/,
    };
    for (const [rel, re] of Object.entries(expect)) {
      const uri = vscode.Uri.joinPath(root, ...rel.split('/'));
      const { value } = await waitFor(() => {
        const d = aimsDiagnostics(uri);
        return d.some(x => codeOf(x) === 'input-limit' && re.test(x.message)) && d;
      }, 60_000, `the input-limit diagnostic of ${rel}`);
      assert.ok(value.length <= 201, `${rel}: at most maxFindingsPerFile + 1 diagnostics (${value.length})`);
    }
  });

  it('reports a record that is not valid UTF-8 with the byte offset and offers no fix for it', async () => {
    const card = vscode.Uri.joinPath(root, 'aims', 'models', 'transaction-fraud-detector.yaml');
    const text = Buffer.from(await vscode.workspace.fs.readFile(card)).toString('utf8').replace(/^status: approved$/m, 'status: Approved').replace(/^id: .*$/m, 'id: hostile-latin1');
    const head = Buffer.from(text, 'utf8');
    const bad = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), head]); // latin-1 byte E9 at offset 5
    const uri = vscode.Uri.joinPath(root, 'aims', 'models', 'hostile-latin1.yaml');
    await vscode.workspace.fs.writeFile(uri, bad);
    written.push(uri);
    const { value: diags } = await waitFor(() => {
      const d = aimsDiagnostics(uri);
      return d.some(x => codeOf(x) === 'input-limit' && /not valid UTF-8 \(byte 5\b/.test(x.message)) && d.some(x => codeOf(x) === 'invalid-enum') && d;
    }, 60_000, 'the invalid UTF-8 and invalid-enum diagnostics');
    // opened in an editor (VS Code decodes it with replacement characters) it stays reported and read-only
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await waitFor(() => aimsDiagnostics(uri).some(x => codeOf(x) === 'input-limit'), 30_000, 'the invalid UTF-8 diagnostic of the open document');
    const enumDiag = aimsDiagnostics(uri).find(d => codeOf(d) === 'invalid-enum') ?? diags.find(d => codeOf(d) === 'invalid-enum')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, enumDiag.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!actions.some(a => a.edit), `no quick fix edits a file that is never rewritten (got: ${actions.map(a => a.title).join(' | ')})`);
    const ws = api.service.list()[0];
    assert.ok(ws.linter.findingsFor('aims/models/hostile-latin1.yaml').every(f => !f.fix && !f.suggestions?.length), 'no finding of the file carries a fix');
  });

  it('with the hostile files open, diagnostics and hover on another record still answer', async () => {
    // the bomb and the slow files open in editors (the keystroke path lints them too)
    for (const rel of ['aims/models/hostile-bomb.yaml', 'aims/models/hostile-dup.yaml', 'aims/models/hostile-brackets.yaml']) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, ...rel.split('/'))), { preview: false });
    }
    const card = vscode.Uri.joinPath(root, 'aims', 'models', 'transaction-fraud-detector.yaml');
    const doc = await vscode.workspace.openTextDocument(card);
    await vscode.window.showTextDocument(doc, { preview: false });
    const original = doc.getText();
    try {
      await replaceAll(doc, original.replace(/^status: approved$/m, 'status: Aproved'));
      await waitFor(() => aimsDiagnostics(card).some(d => codeOf(d) === 'invalid-enum'), 30_000, 'a diagnostic on the edited record');
      const offset = doc.getText().indexOf('card-transactions-2025');
      const { value: text } = await waitFor(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 3));
        const t = hoverText(hovers ?? []);
        return /card-transactions-2025/.test(t) && t;
      }, 30_000, 'a hover on a referenced record');
      assert.match(text, /card\\?-transactions/);
    } finally {
      await replaceAll(doc, original);
      await doc.save();
    }
    await waitFor(() => !aimsDiagnostics(card).some(d => codeOf(d) === 'invalid-enum'), 30_000, 'the edit undone');
  });
});
