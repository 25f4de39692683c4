// Extension-host tests of the control-coverage panel (src/extension/coveragePanel.ts) in a real VS Code,
// on the temporary copy of examples/: the command opens one panel whose webview receives the workspace's
// CoverageReport, live updates after an edit, restore after being hidden, the Statement of
// Applicability export (byte for byte the engine's output), opening SoA entries and evidence, and that
// malformed or foreign messages from the webview are ignored.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CoverageReport } from '../../src/core/coverage';
import { SOA_FILE_EXTENSIONS, SOA_FORMATS, soaCsv, soaHtml, soaMarkdown, type SoaFormat } from '../../src/core/export';
import { todayIso } from '../../src/core/rule';
import type { AimsApi } from '../../src/extension/extension';
import { activateAims, sleep, waitFor } from './helpers';
import type { ExtensionToCoverage } from '../../webview-ui/src/coverage/protocol';

let api: AimsApi;
let root: vscode.Uri;

type ReportMessage = Extract<ExtensionToCoverage, { type: 'report' }>;
const lastReport = (): ReportMessage | undefined => (api.coverage.lastPosted?.type === 'report' ? api.coverage.lastPosted : undefined);
const stateOf = (r: CoverageReport, id: string) => r.controls.find(c => c.id === id)?.state;

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Coverage panel', function () {
  this.timeout(60_000);

  before(async () => {
    api = await activateAims();
    root = vscode.workspace.workspaceFolders![0].uri;
  });

  after(async () => {
    api.coverage.panel?.dispose();
    await closeAllEditors();
  });

  it('aims.openCoveragePanel opens one panel and posts the workspace report to it', async () => {
    await closeAllEditors();
    const before = api.coverage.postCount;
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    const panel = api.coverage.panel;
    assert.ok(panel, 'the panel is open');
    assert.equal(panel.viewType, 'aims.coverage');
    assert.equal(panel.title, 'AIMS Coverage');
    assert.equal(panel.webview.options.enableScripts, true);
    assert.equal(panel.webview.options.enableCommandUris, false);
    // the webview loads, says 'ready' and gets the report
    const { ms } = await waitFor(() => api.coverage.postCount > before && lastReport(), 20_000, 'the first report');
    const m = lastReport()!;
    const ws = api.service.list()[0];
    assert.deepEqual(m.report, ws.coverage());
    assert.equal(m.report.total, 38);
    assert.deepEqual(m.workspaces, [{ id: ws.folder.uri.toString(), name: ws.name }]);
    assert.equal(m.workspace, ws.folder.uri.toString());
    assert.equal(m.today, todayIso());
    // the page is the strict-CSP shell with our bundle
    assert.match(panel.webview.html, /Content-Security-Policy/);
    assert.match(panel.webview.html, /coverage\.js/);
    assert.doesNotMatch(panel.webview.html, /unsafe-inline|unsafe-eval/);
    console.log(`      first report posted ${ms} ms after the command`);

    // the command again reveals the same panel
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    assert.equal(api.coverage.panel, panel);
  });

  it('posts an updated report within 1 s after an edit changes coverage', async () => {
    const ws = api.service.list()[0];
    const soaFile = ws.coverage().soaFile!;
    assert.equal(stateOf(ws.coverage(), 'A.2.2'), 'covered');
    const coveredBefore = ws.coverage().counts.covered;
    const doc = await vscode.workspace.openTextDocument(ws.uri(soaFile));
    const original = doc.getText();
    // the editor opens beside: the panel stays visible
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    assert.ok(api.coverage.panel?.visible, 'the panel is visible');
    const entry = original.indexOf('  - id: A.2.2\n');
    const status = original.indexOf('status: implemented', entry);
    assert.ok(entry >= 0 && status > entry, 'the SoA lists A.2.2 as implemented');

    let t0 = 0;
    const got = new Promise<{ ms: number; m: ReportMessage }>(resolve => {
      const sub = api.coverage.onDidPost(m => {
        if (m.type === 'report' && stateOf(m.report, 'A.2.2') === 'partial') { sub.dispose(); resolve({ ms: Date.now() - t0, m }); }
      });
    });
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(status), doc.positionAt(status + 'status: implemented'.length)), 'status: partial');
    const fires: number[] = [];
    const fsub = api.service.onDidChange(() => fires.push(Date.now() - t0));
    t0 = Date.now();
    assert.ok(await vscode.workspace.applyEdit(edit));
    const { ms, m } = await Promise.race([got, sleep(5000).then(() => { throw new Error('no updated report within 5 s'); })]);
    console.log(`      updated report posted ${ms} ms after the edit (the records changed after ${fires[0]} ms)`);
    fsub.dispose();
    assert.ok(ms < 1000, `the update took ${ms} ms`);
    assert.deepEqual(m.report, ws.coverage());
    assert.equal(m.report.counts.covered, coveredBefore - 1);

    // back to the saved text: covered again
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitFor(() => stateOf(lastReport()!.report, 'A.2.2') === 'covered', 5000, 'the report after the undo');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('restores from a fresh report when the hidden panel is shown again', async () => {
    const panel = api.coverage.panel!;
    panel.reveal(vscode.ViewColumn.One);
    await waitFor(() => panel.visible, 5000, 'the panel to show');
    // another editor in the panel's group hides it (the webview is discarded: no retainContextWhenHidden)
    const readme = vscode.Uri.joinPath(root, 'README.md');
    await vscode.window.showTextDocument(readme, { viewColumn: panel.viewColumn, preview: false });
    await waitFor(() => !panel.visible, 5000, 'the panel to be hidden');
    const before = api.coverage.postCount;
    // nothing is posted while hidden
    assert.equal(await api.coverage.refresh(), false);
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    await waitFor(() => panel.visible, 5000, 'the panel to show again');
    await waitFor(() => api.coverage.postCount > before, 20_000, 'a report after the webview reloaded');
    assert.deepEqual(lastReport()!.report, api.service.list()[0].coverage());
    await vscode.window.showTextDocument(readme, { viewColumn: panel.viewColumn });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('aims.exportSoa writes exactly the engine output for Markdown, CSV and HTML', async () => {
    const ws = api.service.list()[0];
    const rootName = path.posix.basename(ws.folder.uri.path);
    const expected = (r: CoverageReport, f: SoaFormat): string => {
      const o = { title: `Statement of Applicability — ${rootName}`, generatedOn: todayIso() };
      return f === 'csv' ? soaCsv(r, { bom: true }) : f === 'html' ? soaHtml(r, o) : soaMarkdown(r, o);
    };
    for (const format of SOA_FORMATS) {
      const target = vscode.Uri.joinPath(root, `soa-export-test.${SOA_FILE_EXTENSIONS[format]}`);
      const report = ws.coverage();
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('aims.exportSoa', format, target);
      assert.equal(written?.toString(), target.toString(), format);
      const text = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
      assert.equal(text, expected(report, format), `${format} is the engine's output`);
      await vscode.workspace.fs.delete(target);
    }
    // the same as the CLI's CSV file: a byte order mark, then the header
    const csv = vscode.Uri.joinPath(root, 'soa-export-test.csv');
    await vscode.commands.executeCommand('aims.exportSoa', 'csv', csv, ws.folder.uri.toString());
    const bytes = await vscode.workspace.fs.readFile(csv);
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    await vscode.workspace.fs.delete(csv);
  });

  it('opens the Statement of Applicability at a control\'s entry', async () => {
    const ws = api.service.list()[0];
    const report = ws.coverage();
    for (const id of ['A.2.2', 'A.6.2.4', 'A.10.4']) {
      const editor = await api.coverage.openSoaEntry(id);
      assert.ok(editor, id);
      assert.equal(editor.document.uri.toString(), ws.uri(report.soaFile!).toString());
      const line = editor.document.lineAt(editor.selection.active.line).text;
      assert.equal(line.trim(), `- id: ${id}`, `${id}: the cursor is on its entry`);
    }
    // the same through the webview's message
    await api.coverage.handleMessage({ type: 'openSoaEntry', control: 'A.5.3' });
    const ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.lineAt(ed.selection.active.line).text.trim(), '- id: A.5.3');
    await closeAllEditors();
  });

  it('opens evidence records at their top and repository paths, named by control, index and value', async () => {
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    const ws = api.service.list()[0];
    const report = ws.coverage();
    const withRecord = report.controls.find(c => c.evidence.some(e => e.type === 'record'))!;
    const i = withRecord.evidence.findIndex(e => e.type === 'record');
    const rec = withRecord.evidence[i];
    await api.coverage.handleMessage({ type: 'openEvidence', control: withRecord.id, index: i, value: rec.value });
    let ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.uri.toString(), ws.uri(rec.file!).toString());
    assert.equal(ed.selection.active.line, 0, 'at the top');
    // a stale index: found by its value
    await closeAllEditors();
    await api.coverage.handleMessage({ type: 'openEvidence', control: withRecord.id, index: 999, value: rec.value });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), ws.uri(rec.file!).toString());

    const withPath = report.controls.find(c => c.evidence.some(e => e.type === 'path' && /\.md$/.test(e.file ?? '')))!;
    const j = withPath.evidence.findIndex(e => e.type === 'path' && /\.md$/.test(e.file ?? ''));
    await api.coverage.handleMessage({ type: 'openEvidence', control: withPath.id, index: j, value: withPath.evidence[j].value });
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === ws.uri(withPath.evidence[j].file!).toString(), 5000, 'the path to open');
    await closeAllEditors();
  });

  it('ignores invalid webview messages without throwing', async () => {
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    await closeAllEditors();
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    const panel = api.coverage.panel!;
    const report = api.service.list()[0].coverage();
    const c = report.controls.find(x => x.evidence.length)!;
    const docsBefore = vscode.workspace.textDocuments.map(d => d.uri.toString()).sort();
    const bad: unknown[] = [
      undefined, null, 42, 'ready', [], {}, { type: 'nope' }, { type: 'openSoaEntry' }, { type: 'openSoaEntry', control: 'A.99.1' },
      { type: 'openSoaEntry', control: { toString: () => 'A.2.2' } },
      { type: 'openEvidence', control: c.id, index: 0, value: '../../../../etc/passwd' },
      { type: 'openEvidence', control: c.id, index: 0, value: '/etc/passwd' },
      { type: 'openEvidence', control: c.id, index: -1, value: c.evidence[0].value },
      { type: 'openEvidence', control: c.id, index: '0', value: c.evidence[0].value },
      { type: 'openEvidence', control: 'A.99.9', index: 0, value: c.evidence[0].value },
      { type: 'openEvidence', control: c.id, index: 0, value: 'file:///etc/passwd' },
      { type: 'openEvidence', control: c.id, index: 0, value: 'javascript:alert(1)' },
      { type: 'export', format: 'exe' }, { type: 'export', format: ['csv'] },
      { type: 'selectWorkspace', workspace: 'file:///nowhere' }, { type: 'selectWorkspace', workspace: 7 },
    ];
    for (const m of bad) await assert.doesNotReject(api.coverage.handleMessage(m), JSON.stringify(m));
    await sleep(300);
    assert.deepEqual(vscode.window.visibleTextEditors.map(e => e.document.uri.toString()), [], 'nothing was opened');
    const docsAfter = vscode.workspace.textDocuments.map(d => d.uri.toString()).sort();
    assert.ok(docsAfter.every(d => docsBefore.includes(d) || !d.includes('passwd')), 'no file outside the workspace was opened');
    assert.equal(api.coverage.panel, panel, 'the panel is still there');
    assert.equal(lastReport()!.workspace, api.service.list()[0].folder.uri.toString(), 'the workspace did not change');
  });
});
