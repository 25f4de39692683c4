// Extension-host tests: run inside a real VS Code (code-server here, desktop VS Code through
// @vscode/test-electron elsewhere) against a temporary copy of examples/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AimsApi } from '../../src/extension/extension';
import { activateAims, aimsDiagnostics, codeOf, EXT_ID, replaceAll, waitFor } from './helpers';

let api: AimsApi;
let root: vscode.Uri;

async function writeFile(rel: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(root, ...rel.split('/'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

const DATASET = (id: string, status = 'approved') => `apiVersion: aims/v1
kind: DataProvenance
id: ${id}
title: Test dataset ${id}
owner: data-platform   # owning team
status: ${status}
reviewed: 2026-10-01
review_by: 2099-10-01
source:
  name: test source
  uri: s3://test/${id}/
  supplier: internal
license: internal use only
acquisition:
  method: internal
  date: 2026-01-05
contains_personal_data: false
categories:
  - derived data
ml_use: [training]
labelling: Labels come from the outcome recorded twelve months after the decision.
quality:
  requirements: No missing outcome labels; duplicates removed.
  results:
    - dimension: completeness
      value: 0.99
preparation:
  - Removed duplicate rows by application id.
lineage:
  - event: created
    date: 2026-01-05
    by: test-pipeline
retention: 24 months after collection
known_bias:
  - Under-represents applicants without a credit history.
identifiers:
  - test.${id.replace(/-/g, '_')}
size: 10k rows
data_subjects: Synthetic applicants used only in tests.
`;

describe('AIMS extension in a real VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    api = await activateAims();
    root = vscode.workspace.workspaceFolders![0].uri;
  });

  it('activates on a workspace with aims/ and loads every record', () => {
    assert.equal(vscode.extensions.getExtension(EXT_ID)!.isActive, true);
    const ws = api.service.list()[0];
    const kinds = ws.linter.records().map(r => r.summary.kind);
    assert.equal(kinds.filter(k => k === 'ModelCard').length, 2);
    assert.equal(kinds.filter(k => k === 'DataProvenance').length, 4);
    assert.equal(kinds.filter(k => k === 'ImpactAssessment').length, 2);
    assert.equal(kinds.filter(k => k === 'Applicability').length, 1);
  });

  it('shows the example records in the trees, with status and owner', async () => {
    const labels = async (p: vscode.TreeDataProvider<unknown>) => Promise.all(((await p.getChildren()) ?? []).map(async n => (await p.getTreeItem(n))));
    const models = await labels(api.trees.modelCards as unknown as vscode.TreeDataProvider<unknown>);
    assert.equal(models.length, 2);
    for (const m of models) {
      assert.match(String(m.description), /·/, 'description has status · owner · id');
      assert.ok(m.command?.command === 'aims.openRecord');
    }
    // a short title, so that status, owner (the person) and id stay readable; the full title in the tooltip
    const scorer = models.find(m => String(m.description).endsWith('credit-risk-scorer'))!;
    assert.equal(scorer.label, 'Credit risk scorer…');
    assert.equal(scorer.description, 'approved · Marta Kowalczyk · credit-risk-scorer');
    const tip = (scorer.tooltip as vscode.MarkdownString).value.replace(/\\/g, ''); // as rendered: without Markdown escapes
    assert.ok(tip.startsWith('**Credit risk scorer for personal loans (probability of default)**'), `the full title: ${tip}`);
    assert.match((scorer.tooltip as vscode.MarkdownString).value, /Head of Decision Science/);
    const data = await labels(api.trees.dataProvenance as unknown as vscode.TreeDataProvider<unknown>);
    assert.equal(data.length, 4);
    // the dataset without a legal basis carries an error icon
    assert.ok(data.some(d => (d.iconPath as vscode.ThemeIcon).id === 'error'), 'a record with errors shows the error icon');
    const groups = await labels(api.trees.controls as unknown as vscode.TreeDataProvider<unknown>);
    assert.deepEqual(groups.map(g => String(g.label).split(' ')[0]), ['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10', 'Organization-defined']);
    const controls = (await Promise.all(((await api.trees.controls.getChildren()) ?? []).map(g => api.trees.controls.getChildren(g)))).flat();
    assert.equal(controls.length, 38 + 1, 'the 38 and the examples\' organization-defined control');
  });

  it('lists records naturally, groups them by status, owner or folder, and filters a view', async () => {
    const ws = api.service.list()[0];
    const p = api.trees.dataProvenance as unknown as vscode.TreeDataProvider<unknown>;
    const items = async (node?: unknown) => Promise.all(((await p.getChildren(node)) ?? []).map(n => p.getTreeItem(n)));
    const names = ['Test dataset model 10', 'Test dataset model 2', 'Test dataset model 214', 'Test dataset model 24'];
    const files = names.map((_, i) => `aims/data/natural-${i}.yaml`);
    for (const [i, f] of files.entries()) await writeFile(f, DATASET(`natural-${i}`, 'draft').replace(/^title: .*$/m, `title: ${names[i]}`));
    await waitFor(() => files.every(f => ws.linter.has(f)), 10_000, 'the new records');
    try {
      const order = (await items()).map(i => (i.tooltip as vscode.MarkdownString).value.split('\n')[0]).filter(t => t.includes('Test dataset model'));
      assert.deepEqual(order, ['**Test dataset model 2**', '**Test dataset model 10**', '**Test dataset model 24**', '**Test dataset model 214**'], 'natural order ("model 2" before "model 10")');

      // grouping: a setting and a view-title command
      await vscode.commands.executeCommand('aims.groupRecordsBy', 'status');
      assert.equal(vscode.workspace.getConfiguration().get('aims.records.groupBy'), 'status');
      const groups = await items();
      assert.deepEqual(groups.map(g => [g.label, g.description]), [['approved', '4'], ['draft', '4']]);
      const view = api.recordViews.find(v => v.id === 'aims.dataProvenance')!;
      assert.equal(view.view.description, 'by status');
      const draft = ((await p.getChildren()) ?? [])[1];
      assert.equal((await items(draft)).length, 4);
      await vscode.commands.executeCommand('aims.groupRecordsBy', 'owner');
      assert.deepEqual((await items()).map(g => g.label), ['data-platform', 'Aylin Demir, Model Validation Lead, Model Risk Management', 'Jonas Vermeulen, Lead Data Engineer, Decision Science', 'Sofia Rinaldi, Lead Data Scientist, Financial Crime Analytics'].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
      await vscode.commands.executeCommand('aims.groupRecordsBy', 'folder');
      assert.deepEqual((await items()).map(g => [g.label, g.description]), [['aims/data', '8']]);
      await vscode.commands.executeCommand('aims.groupRecordsBy', 'none');
      assert.equal(vscode.workspace.getConfiguration().get('aims.records.groupBy'), 'none');
      assert.equal(view.view.description, undefined);

      // the filter: the view says what it shows, the other views are untouched, clearing restores
      await vscode.commands.executeCommand('aims.filterDataProvenance', 'dataset model 2');
      const shown = await items();
      assert.deepEqual(shown.map(i => i.label), ['Test dataset model 2', 'Test dataset model 24', 'Test dataset model 214']);
      assert.equal(view.view.description, 'filter: dataset model 2');
      assert.equal(view.view.message, '3 of 8 records match “dataset model 2”.');
      assert.equal(((await api.trees.modelCards.getChildren()) ?? []).length, 2);
      await vscode.commands.executeCommand('aims.filterRecords', 'aims.dataProvenance', 'nothing-like-this');
      assert.equal((await items()).length, 0);
      assert.match(view.view.message!, /^No record matches “nothing-like-this” \(8 in all\)/);
      await vscode.commands.executeCommand('aims.clearFilterDataProvenance');
      assert.equal((await items()).length, 8);
      assert.equal(view.view.message, undefined);
      assert.equal(view.view.description, undefined);
    } finally {
      await vscode.commands.executeCommand('aims.clearRecordFilters');
      await vscode.workspace.getConfiguration().update('aims.records.groupBy', undefined, vscode.ConfigurationTarget.Global);
      for (const f of files) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, f));
      await waitFor(() => files.every(f => !ws.linter.has(f)), 10_000, 'the test records to go');
    }
  });

  it('publishes diagnostics for the example workspace with rule code links and controls', async () => {
    const all = vscode.languages.getDiagnostics().flatMap(([uri, ds]) => ds.filter(d => d.source === 'aims').map(d => ({ uri, d })));
    assert.ok(all.length > 0);
    const codes = new Set(all.map(x => codeOf(x.d)));
    for (const expected of ['personal-data-legal-basis', 'dangling-reference', 'review-overdue', 'soa-exclusion-justification', 'unknown-key', 'placeholder-text']) {
      assert.ok(codes.has(expected), `example finding ${expected} is shown (got ${[...codes].join(', ')})`);
    }
    const one = all.find(x => codeOf(x.d) === 'dangling-reference')!.d;
    assert.ok(typeof one.code === 'object' && String(one.code.target).includes('docs/rules/dangling-reference.md'));
  });

  it('shows a diagnostic after an edit and removes it with the quick fix, keeping the rest of the text', async () => {
    const uri = await writeFile('aims/data/edit-test.yaml', DATASET('edit-test'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => api.service.list()[0].linter.has('aims/data/edit-test.yaml'), 5000, 'the new file to be linted');
    assert.deepEqual(aimsDiagnostics(uri).map(codeOf), []);

    const original = doc.getText();
    const edited = original.replace('status: approved', 'status: Approved');
    await replaceAll(doc, edited);
    // a timeout, not a speed assertion (a loaded machine may be slow; the diagnostic must arrive)
    const { value: diag, ms } = await waitFor(() => aimsDiagnostics(uri).find(d => codeOf(d) === 'invalid-enum'), 20_000, 'invalid-enum diagnostic');
    console.log(`      diagnostic after ${ms} ms`);
    assert.equal(diag.range.start.line, 5);
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find(a => a.title === "Replace 'Approved' with 'approved'");
    assert.ok(fix?.edit, `quick fix offered (got: ${actions.map(a => a.title).join(' | ')})`);
    assert.ok(actions.some(a => a.title === 'Show documentation for invalid-enum'));
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.equal(doc.getText(), original, 'the fix restores exactly the original text (comments included)');
    await waitFor(() => !aimsDiagnostics(uri).some(d => codeOf(d) === 'invalid-enum'), 3000, 'the diagnostic to disappear');

    // undo brings the finding back: the fix was a normal, undoable edit
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), edited);
    await waitFor(() => aimsDiagnostics(uri).some(d => codeOf(d) === 'invalid-enum'), 3000, 'the diagnostic after undo');
    await replaceAll(doc, original);
    await doc.save();
  });

  it('updates cross-record findings when the other record changes (rename a dataset id)', async () => {
    const dsUri = await writeFile('aims/data/cross-a.yaml', DATASET('cross-a'));
    const ws = api.service.list()[0];
    await waitFor(() => ws.linter.has('aims/data/cross-a.yaml'), 5000, 'cross-a to load');
    // a model card (copy of an example card) that references cross-a
    const exampleCard = ws.linter.records().find(r => r.summary.kind === 'ModelCard' && !(ws.findings().get(r.file) ?? []).some(f => f.ruleId === 'dangling-reference'))!;
    const cardText = ws.linter.text(exampleCard.file)!.replace(/^id: .*$/m, 'id: cross-card').replace(/^datasets:\n(?:  - .*\n)+/m, 'datasets:\n  - cross-a\n');
    const cardUri = await writeFile('aims/models/cross-card.yaml', cardText);
    await waitFor(() => ws.linter.has('aims/models/cross-card.yaml'), 5000, 'the card to load');
    const dangling = () => aimsDiagnostics(cardUri).find(d => codeOf(d) === 'dangling-reference' && d.message.includes('cross-a'));
    assert.equal(dangling(), undefined);

    const doc = await vscode.workspace.openTextDocument(dsUri);
    await vscode.window.showTextDocument(doc);
    await replaceAll(doc, doc.getText().replace('id: cross-a', 'id: cross-b'));
    const { ms } = await waitFor(dangling, 20_000, 'dangling-reference on the model card');
    console.log(`      cross-record finding after ${ms} ms`);
    await replaceAll(doc, doc.getText().replace('id: cross-b', 'id: cross-a'));
    await waitFor(() => !dangling(), 3000, 'dangling-reference to clear');
    await doc.save();
  });

  it('reacts to files created and deleted on disk (file watchers)', async () => {
    const ws = api.service.list()[0];
    const uri = await writeFile('aims/data/watch-test.yaml', DATASET('watch-test').replace('status: approved', 'status: Aproved'));
    await waitFor(() => aimsDiagnostics(uri).some(d => codeOf(d) === 'invalid-enum'), 5000, 'diagnostics of a file created on disk');
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => !ws.linter.has('aims/data/watch-test.yaml') && aimsDiagnostics(uri).length === 0, 5000, 'a deleted file to lose its diagnostics');
  });

  it('fixes everything fixable in a file with AIMS: Fix All (source.fixAll.aims)', async () => {
    const text = DATASET('fixall-test').replace('status: approved', 'status: APPROVED').replace('review_by: 2099-10-01', 'review_by: 2099/10/1').replace('known_bias:', 'known_bais:');
    const uri = await writeFile('aims/data/fixall-test.yaml', text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor(() => aimsDiagnostics(uri).length >= 3, 5000, 'three fixable findings');
    await api.idle();
    // the fix loop runs on a scratch copy: the live linter keeps its analysis of the file (setting
    // the fixed text on it and the original back would have replaced it twice)
    const ws = api.service.list()[0];
    const before = ws.linter.analysis('aims/data/fixall-test.yaml');
    assert.ok(before);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.aims');
    assert.equal(ws.linter.analysis('aims/data/fixall-test.yaml'), before, 'the live linter kept its analysis of the file');
    const fixAll = actions.find(a => a.kind?.value === 'source.fixAll.aims');
    assert.ok(fixAll?.edit, 'source.fixAll.aims is offered');
    assert.ok(await vscode.workspace.applyEdit(fixAll!.edit!));
    assert.equal(doc.getText(), DATASET('fixall-test'));
    await doc.save();
  });

  it('a workspace fires its own change event, once per change, and the service passes it on', () => {
    const ws = api.service.list()[0];
    let own = 0, service = 0;
    const subs = [ws.onDidChange(() => { own++; }), api.service.onDidChange(() => { service++; })];
    try {
      const rel = 'aims/data/events-test.yaml'; // never on disk: no watcher interferes
      assert.equal(ws.update(rel, DATASET('events-test')), true);
      assert.deepEqual([own, service], [1, 1], 'a new record');
      assert.equal(ws.update(rel, DATASET('events-test')), false);
      assert.deepEqual([own, service], [1, 1], 'the same text again changes nothing');
      assert.equal(ws.update('aims/notes.txt', 'not a record'), false);
      assert.deepEqual([own, service], [1, 1], 'a file that is not a record');
      assert.equal(ws.remove(rel), true);
      assert.deepEqual([own, service], [2, 2], 'a removed record');
    } finally {
      for (const s of subs) s.dispose();
    }
  });

  it('offers "Mark reviewed today" and "create the missing record" quick fixes', async () => {
    const ws = api.service.list()[0];
    const overdue = [...ws.findings()].flatMap(([file, fs]) => fs.filter(f => f.ruleId === 'review-overdue').map(f => ({ file, f })))[0];
    assert.ok(overdue, 'the examples have an overdue record');
    const uri = ws.uri(overdue.file);
    await vscode.workspace.openTextDocument(uri); // code actions are computed for open documents
    const d = aimsDiagnostics(uri).find(x => codeOf(x) === 'review-overdue')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some(a => a.title.startsWith('Mark reviewed today')), actions.map(a => a.title).join(' | '));

    const dangling = [...ws.findings()].flatMap(([file, fs]) => fs.filter(f => f.ruleId === 'dangling-reference' && f.path[0] === 'datasets').map(f => ({ file, f })))[0];
    const duri = ws.uri(dangling.file);
    await vscode.workspace.openTextDocument(duri);
    const dd = aimsDiagnostics(duri).find(x => codeOf(x) === 'dangling-reference')!;
    const dactions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', duri, dd.range, vscode.CodeActionKind.QuickFix.value);
    const create = dactions.find(a => a.title.startsWith('Create data provenance record'));
    assert.ok(create?.edit, dactions.map(a => a.title).join(' | '));
    const replace = dactions.find(a => a.title.startsWith('Change to '));
    assert.ok(replace, 'the did-you-mean fix is offered too');
  });

  it('runs the palette commands', async () => {
    await vscode.commands.executeCommand('aims.lintWorkspace');
    await vscode.commands.executeCommand('aims.showCoverage');
    const text = api.statusBar.item.text;
    assert.match(text, /^\$\(shield\) AIMS \d+\/38/);
    const cov = api.service.list()[0].coverage();
    assert.ok(text.includes(`${cov.counts.covered}/38`));
  });
});
