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

  it('posts an updated report after an edit changes coverage', async () => {
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
    // a timeout, not a speed assertion: a loaded machine may take seconds, the update must still arrive
    const { ms, m } = await Promise.race([got, sleep(20_000).then(() => { throw new Error('no updated report within 20 s'); })]);
    console.log(`      updated report posted ${ms} ms after the edit (the records changed after ${fires[0]} ms)`);
    fsub.dispose();
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
      // titled by the SoA's title: (the examples have one), not by the folder
      assert.ok(r.soaTitle && !r.soaTitle.includes(rootName), r.soaTitle);
      const o = { title: r.soaTitle, generatedOn: todayIso() };
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

  it('opens an exported HTML file rendered in the browser, Markdown in its preview', async () => {
    const target = vscode.Uri.joinPath(root, 'soa-open-test.html');
    await vscode.commands.executeCommand('aims.exportSoa', 'html', target);
    const opened: vscode.Uri[] = [];
    const original = api.coverage.openExternal;
    api.coverage.openExternal = async uri => { opened.push(uri); return true; };
    try {
      await api.coverage.openExport(target, 'html');
    } finally {
      api.coverage.openExternal = original;
    }
    assert.deepEqual(opened.map(u => u.toString()), [target.toString()], 'the file URI goes to the browser');
    // not the HTML source in an editor
    assert.ok(!vscode.window.visibleTextEditors.some(e => e.document.uri.toString() === target.toString()), 'no text editor with the HTML source');
    await vscode.workspace.fs.delete(target);
    const md = vscode.Uri.joinPath(root, 'soa-open-test.md');
    await vscode.commands.executeCommand('aims.exportSoa', 'markdown', md);
    await api.coverage.openExport(md, 'markdown');
    await waitFor(() => vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputWebview && /preview/i.test(t.label))), 10_000, 'the Markdown preview');
    assert.ok(!vscode.window.visibleTextEditors.some(e => e.document.uri.toString() === md.toString()), 'no text editor with the Markdown source');
    await closeAllEditors();
    await vscode.workspace.fs.delete(md);
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

  it('the status bar, the Controls view and the panel say what the engine says', async () => {
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    await waitFor(() => lastReport(), 20_000, 'a report');
    const ws = api.service.list()[0];
    const report = ws.coverage();
    assert.deepEqual(lastReport()!.report, report, 'the panel has the engine\'s report, matrix included');
    assert.ok(report.systems.length >= 2 && report.matrixControls.length > 10);
    // status bar: the covered count, and per-system and organization-defined lines in the tooltip
    const bar = api.statusBar.item;
    assert.ok(bar.text.includes(`${report.counts.covered}/38`), bar.text);
    const tip = String(bar.tooltip);
    assert.ok(tip.includes(`${report.counts.covered} covered, ${report.counts.partial} partial, ${report.counts.missing} missing, ${report.counts.excluded} excluded of 38`), tip);
    assert.match(tip, /of 2 AI systems without gaps/);
    assert.match(tip, /of 1 organization-defined covered/);
    // Controls view: every control with the engine's state; the description counts only findings in its evidence
    const tree = api.trees.controls;
    const groups = (await tree.getChildren()) ?? [];
    const items = (await Promise.all(groups.map(async g => Promise.all(((await tree.getChildren(g)) ?? []).map(n => tree.getTreeItem(n)))))).flat();
    const all = [...report.controls, ...report.orgControls];
    assert.equal(items.length, all.length);
    for (const [i, c] of all.entries()) {
      const item = items[i];
      assert.ok(String(item.label).startsWith(c.id), `${item.label} is ${c.id}`);
      const desc = String(item.description);
      assert.ok(desc.startsWith(c.state), `${c.id}: ${desc}`);
      const open = c.findings.error + c.findings.warning;
      if (open) assert.ok(desc.includes(`${open} finding${open === 1 ? '' : 's'} in its evidence`), desc);
      else assert.doesNotMatch(desc, /finding/, `${c.id}: findings outside its evidence are not in the description`);
      if (c.state === 'covered') assert.equal(c.findings.error, 0, `${c.id} is covered without errors in its evidence`);
    }
    // evidence that does not count says so in the Controls view
    const partial = report.controls.find(c => c.evidence.some(e => !e.counts && e.type === 'record'))!;
    const node = (await tree.getChildren(groups.find(g => (g as { group?: string }).group === partial.group)))!.find(n => (n as { control?: { id: string } }).control?.id === partial.id)!;
    const ev = await Promise.all(((await tree.getChildren(node)) ?? []).map(n => tree.getTreeItem(n)));
    assert.ok(ev.some(e => /not counted: /.test(String(e.description))), `${partial.id}: ${ev.map(e => e.description).join(' | ')}`);
  });

  it('a matrix cell opens the record where the system\'s gap is', async () => {
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    const ws = api.service.list()[0];
    const report = ws.coverage();
    const cases: [string, string][] = [];
    for (const s of report.systems) for (const id of report.matrixControls) if (s.controls[id].state === 'gap') cases.push([s.id, id]);
    // a per-system gap on the card, an impact-assessment gap and a dataset gap
    const fileOf = ([system, id]: [string, string]): string | undefined => report.systems.find(s => s.id === system)!.controls[id].file;
    const pick = [
      cases.find(([, id]) => id === 'A.6.2.4'),
      cases.find(c => c[1] === 'A.5.3' && /^aims\/assessments\//.test(fileOf(c) ?? '')),
      cases.find(c => c[1] === 'A.7.4' && /^aims\/data\//.test(fileOf(c) ?? '')),
    ].filter((x): x is [string, string] => !!x);
    assert.equal(pick.length, 3, `gaps in the examples: ${cases.map(c => c.join(' ')).join(', ')}`);
    for (const [system, control] of pick) {
      await closeAllEditors();
      const cell = report.systems.find(s => s.id === system)!.controls[control];
      await api.coverage.handleMessage({ type: 'openCell', system, control });
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === ws.uri(cell.file!).toString(), 5000, `${system} × ${control} opens ${cell.file}`);
    }
    assert.match(fileOf(pick[0])!, /^aims\/models\//, 'a gap on the card opens the card');
    // an unknown system or control opens nothing
    await closeAllEditors();
    await api.coverage.handleMessage({ type: 'openCell', system: 'no-such-system', control: 'A.6.2.4' });
    await api.coverage.handleMessage({ type: 'openCell', system: pick[0][0], control: 'A.2.2' });
    await sleep(200);
    assert.deepEqual(vscode.window.visibleTextEditors.map(e => e.document.uri.toString()), []);
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
