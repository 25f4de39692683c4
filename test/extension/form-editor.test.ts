// Extension-host tests of the record form (custom editor aims.recordForm) in a real VS Code: the page's
// messages are handled through the same code path (api.form.handleMessageForTest), and the document's
// text must be exactly what a minimal edit gives: only the changed line differs, comments stay.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AimsApi } from '../../src/extension/extension';
import { activateAims, sleep, waitFor } from './helpers';
import type { FormView } from '../../webview-ui/src/form/protocol';

const VIEW_TYPE = 'aims.recordForm';
let api: AimsApi;
let root: vscode.Uri;

const DATASET = (id: string) => `apiVersion: aims/v1
kind: DataProvenance
id: ${id}
title: Form test dataset
owner: data-platform   # owning team
status: draft
reviewed: 2026-10-01
review_by: 2099-10-01
# where the rows come from
source:
  name: test source
  supplier: internal
license: internal use only
acquisition:
  method: internal
  date: 2026-01-05
contains_personal_data: true
categories:
  - derived data
ml_use: [training]
labelling: Labels come from the outcome.
quality:
  requirements: No missing outcome labels.
preparation:
  - Removed duplicate rows.  # by application id
  - Capped ratios.
lineage:
  - event: created
    date: 2026-01-05
    by: test-pipeline
retention: 24 months
known_bias:
  - Few self-employed applicants.
`;

/** `text` with line `n` (1-based) replaced by `lines`. */
function withLines(text: string, n: number, count: number, lines: string[]): string {
  const l = text.split('\n');
  l.splice(n - 1, count, ...lines);
  return l.join('\n');
}

const uriOf = (rel: string) => vscode.Uri.joinPath(root, ...rel.split('/'));
const docOf = (uri: vscode.Uri) => vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
const view = (uri: vscode.Uri): FormView | undefined => api.form.lastView(uri);
const posted = (uri: vscode.Uri) => api.form.sessionsFor(uri).flatMap(s => s.posted);

/** Writes `text` to `rel` and opens it in the form; resolves when the page has its first view. */
async function openForm(rel: string, text?: string): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument }> {
  const uri = uriOf(rel);
  if (text !== undefined) {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await waitFor(() => api.service.list()[0].linter.has(rel), 5000, `${rel} in the index`);
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
  await waitFor(() => api.form.sessionsFor(uri).some(s => s.ready && s.lastView), 20_000, `the form of ${rel} to load`);
  return { uri, doc: docOf(uri)! };
}

async function send(uri: vscode.Uri, message: unknown): Promise<boolean> {
  return api.form.handleMessageForTest(uri, message);
}

/** Sends a form edit made on `version`, by default on the view of the document's current text (as the page would). */
async function edit(uri: vscode.Uri, change: unknown, version?: number): Promise<boolean> {
  if (version === undefined) {
    const doc = docOf(uri)!;
    version = (await waitFor(() => view(uri)?.version === doc.version && doc.version, 3000, 'the form to show the current text')).value;
  }
  return send(uri, { type: 'edit', version, change });
}

function activeTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.activeTabGroup.activeTab;
}

describe('AIMS record form (custom editor)', function () {
  this.timeout(60_000);

  before(async () => {
    api = await activateAims();
    root = vscode.workspace.workspaceFolders![0].uri;
  });

  afterEach(async () => {
    // leave no dirty document behind (closing editors later must not prompt)
    for (const d of vscode.workspace.textDocuments) if (d.isDirty && d.uri.path.includes('/aims/')) await d.save();
  });

  it('opens an example record in the form: fields by control, values, findings next to their field', async () => {
    const { uri } = await openForm('aims/data/card-transactions-2025.yaml');
    const input = activeTab()?.input;
    assert.ok(input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPE, 'the form is the active editor');
    const v = view(uri)!;
    assert.equal(v.kind, 'DataProvenance');
    assert.equal(v.editable, true);
    assert.equal(v.data?.id, 'card-transactions-2025');
    assert.deepEqual(v.model!.groups.map(g => g.id).slice(0, 3), ['record', 'A.4.3', 'A.7.2'], 'the owner is documented information (clause 7.5), in the record group, not A.3.2');
    const f = v.findings.find(x => x.ruleId === 'personal-data-legal-basis');
    assert.ok(f, 'the missing legal basis is reported');
    assert.equal(f!.key, 'contains_personal_data');
    assert.ok(f!.fixes.some(x => x.title === "Insert 'legal_basis'"), 'with its suggestion');
    assert.equal(typeof f!.line, 'number');
    // references offered where the model card form needs them; a page gets the 38 controls for control ids
    const card = await openForm('aims/models/credit-risk-scorer.yaml');
    const cv = view(card.uri)!;
    assert.ok(cv.references.DataProvenance.some(r => r.id === 'loan-applications-2024'), 'datasets are offered as references');
    assert.ok(cv.references.ImpactAssessment.length >= 2);
    const dangling = cv.findings.find(x => x.ruleId === 'dangling-reference');
    assert.equal(dangling?.key, 'datasets[0]');
  });

  it('writes a form edit as a minimal edit: only the edited line changes, comments stay', async () => {
    const original = DATASET('form-edit-test');
    const { uri, doc } = await openForm('aims/data/form-edit-test.yaml', original);
    assert.ok(await edit(uri, { type: 'set', path: ['license'], value: 'CC BY 4.0' }));
    const afterLicense = withLines(original, 13, 1, ['license: CC BY 4.0']);
    assert.equal(doc.getText(), afterLicense);
    // a key the file does not have goes where the record format puts it
    assert.ok(await edit(uri, { type: 'set', path: ['legal_basis'], value: 'contract, GDPR art. 6(1)(b)' }));
    const afterBasis = withLines(afterLicense, 18, 0, ['legal_basis: contract, GDPR art. 6(1)(b)']);
    assert.equal(doc.getText(), afterBasis);
    // a nested key, and an enum
    assert.ok(await edit(uri, { type: 'set', path: ['acquisition', 'method'], value: 'purchased' }));
    assert.equal(doc.getText(), withLines(afterBasis, 15, 1, ['  method: purchased']));
    // yes/no back to "not answered": null, never a guess
    assert.ok(await edit(uri, { type: 'set', path: ['contains_personal_data'], value: null }));
    assert.match(doc.getText(), /^contains_personal_data: null$/m);
    assert.match(doc.getText(), /^owner: data-platform {3}# owning team$/m);
    assert.match(doc.getText(), /^# where the rows come from$/m);
    await doc.save();
    const disk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.equal(disk, doc.getText(), 'saved as shown');
  });

  it('shows a change made in the text in the form', async () => {
    const { uri, doc } = await openForm('aims/data/form-follow-test.yaml', DATASET('form-follow-test'));
    const we = new vscode.WorkspaceEdit();
    const line = doc.getText().split('\n').findIndex(l => l.startsWith('retention:'));
    we.replace(uri, doc.lineAt(line).range, 'retention: 36 months');
    assert.ok(await vscode.workspace.applyEdit(we));
    const { ms } = await waitFor(() => view(uri)?.data?.retention === '36 months', 20_000, 'the form to show the new retention');
    console.log(`      the form followed after ${ms} ms`);
    assert.equal(view(uri)!.version, doc.version);
    // the findings follow too: an invalid status shows at its field once linted
    const we2 = new vscode.WorkspaceEdit();
    we2.replace(uri, doc.lineAt(5).range, 'status: Draft');
    assert.ok(await vscode.workspace.applyEdit(we2));
    await waitFor(() => view(uri)?.findings.some(f => f.ruleId === 'invalid-enum' && f.key === 'status'), 3000, 'invalid-enum at status');
    await doc.save();
  });

  it('follows a change on disk, and never loses unsaved form edits to one', async () => {
    const rel = 'aims/data/form-disk-test.yaml';
    const original = DATASET('form-disk-test');
    const { uri, doc } = await openForm(rel, original);
    const fsPath = uri.fsPath;
    // a clean document: another program (git checkout, a script) rewrites the file; the form shows it
    fs.writeFileSync(fsPath, original.replace('retention: 24 months', 'retention: 48 months'));
    await waitFor(() => view(uri)?.data?.retention === '48 months', 10_000, 'the form to show the text from disk');
    assert.equal(doc.getText(), original.replace('retention: 24 months', 'retention: 48 months'));
    // unsaved form edits: a later change on disk does not replace them (VS Code keeps the dirty text and asks on save)
    assert.ok(await edit(uri, { type: 'set', path: ['license'], value: 'CC BY 4.0' }));
    assert.ok(doc.isDirty);
    const mine = doc.getText();
    fs.writeFileSync(fsPath, original.replace('retention: 24 months', 'retention: 60 months'));
    await sleep(1500); // time for a file watcher and a reload, which must not happen
    assert.equal(doc.getText(), mine, 'the unsaved form edit is still there');
    assert.equal(view(uri)?.data?.license, 'CC BY 4.0');
    assert.equal(view(uri)?.data?.retention, '48 months');
    // keep the user's text: revert is the user's choice, here we overwrite the disk with it
    await vscode.workspace.fs.writeFile(uri, Buffer.from(mine, 'utf8'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('undo and redo with the form active restore the exact texts', async () => {
    const original = DATASET('form-undo-test');
    const { uri, doc } = await openForm('aims/data/form-undo-test.yaml', original);
    const input = activeTab()?.input;
    assert.ok(input instanceof vscode.TabInputCustom && input.uri.toString() === uri.toString(), 'the form is active');
    assert.ok(await edit(uri, { type: 'set', path: ['title'], value: 'Renamed in the form' }));
    const edited = doc.getText();
    assert.equal(edited, withLines(original, 4, 1, ['title: Renamed in the form']));
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === original, 3000, 'undo to restore the text');
    await waitFor(() => view(uri)?.data?.title === 'Form test dataset', 3000, 'the form to show the undone title');
    await vscode.commands.executeCommand('redo');
    await waitFor(() => doc.getText() === edited, 3000, 'redo');
    await doc.save();
  });

  it('adds, moves and removes list items with exact text (lists and lists of mappings)', async () => {
    const original = DATASET('form-list-test');
    const { uri, doc } = await openForm('aims/data/form-list-test.yaml', original);
    // preparation: lines 25-26
    assert.ok(await edit(uri, { type: 'add-item', path: ['preparation'], value: 'Encoded categories.' }));
    const added = withLines(original, 27, 0, ['  - Encoded categories.']);
    assert.equal(doc.getText(), added);
    assert.ok(await edit(uri, { type: 'move-item', path: ['preparation'], from: 1, to: 0 }));
    const moved = withLines(added, 25, 2, ['  - Capped ratios.', '  - Removed duplicate rows.  # by application id']);
    assert.equal(doc.getText(), moved);
    assert.ok(await edit(uri, { type: 'remove-item', path: ['preparation'], index: 2 }));
    const removed = withLines(moved, 27, 1, []);
    assert.equal(doc.getText(), removed);
    // a blank lineage event (the fields a person fills in), after the existing one
    assert.ok(await edit(uri, { type: 'add-item', path: ['lineage'] }));
    const event = withLines(removed, 31, 0, ['  - event: ""', '    date: ""', '    by: ""']);
    assert.equal(doc.getText(), event);
    await waitFor(() => (view(uri)?.data?.lineage as unknown[] | undefined)?.length === 2, 2000, 'the form to show two events');
    assert.ok(await edit(uri, { type: 'set', path: ['lineage', 1, 'event'], value: 'validated' }));
    assert.equal(doc.getText(), withLines(event, 31, 1, ['  - event: validated']));
    await doc.save();
  });

  it('recomputes an edit made on an older view from the current text, and refuses stale list positions', async () => {
    const original = DATASET('form-stale-test');
    const { uri, doc } = await openForm('aims/data/form-stale-test.yaml', original);
    const v0 = view(uri)!.version;
    // the text changes after the page rendered version v0
    const we = new vscode.WorkspaceEdit();
    we.replace(uri, doc.lineAt(30).range, 'retention: 48 months');
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.ok(await edit(uri, { type: 'set', path: ['license'], value: 'proprietary' }, v0));
    assert.equal(doc.getText(), withLines(withLines(original, 31, 1, ['retention: 48 months']), 13, 1, ['license: proprietary']));
    // a list edit named by position on a view whose list has changed since: refused, text untouched
    const v1 = view(uri)!.version;
    assert.ok(await edit(uri, { type: 'move-item', path: ['preparation'], from: 0, to: 1 }));
    const before = doc.getText();
    assert.ok(await edit(uri, { type: 'remove-item', path: ['preparation'], index: 0 }, v1));
    assert.equal(doc.getText(), before, 'the stale removal was not applied');
    assert.ok(posted(uri).some(m => m.type === 'editFailed' && /list changed/.test(m.message)));
    // two fields of one list item written one right after the other, both on the same view: both land
    const v2 = (await waitFor(() => view(uri)?.version === doc.version && doc.version, 3000, 'the current view')).value;
    assert.ok(await edit(uri, { type: 'set', path: ['lineage', 0, 'by'], value: 'pipeline v2' }, v2));
    assert.ok(await edit(uri, { type: 'set', path: ['lineage', 0, 'date'], value: '2026-01-06' }, v2));
    assert.match(doc.getText(), /  - event: created\n    date: 2026-01-06\n    by: pipeline v2\n/);
    // but an item named by a position that another item has taken since: refused
    const v3 = (await waitFor(() => view(uri)?.version === doc.version && doc.version, 3000, 'the current view')).value;
    assert.ok(await edit(uri, { type: 'move-item', path: ['preparation'], from: 0, to: 1 }));
    const before2 = doc.getText();
    assert.ok(await edit(uri, { type: 'set', path: ['preparation', 0], value: 'Edited.' }, v3));
    assert.equal(doc.getText(), before2, 'the stale set was not applied');
    await doc.save();
  });

  it('shows a broken file as not editable, with the problem and its line, and never writes to it', async () => {
    const broken = DATASET('form-broken-test').replace('status: draft', 'status: [draft');
    const { uri, doc } = await openForm('aims/data/form-broken-test.yaml', broken);
    const v = view(uri)!;
    assert.equal(v.editable, false);
    assert.ok(v.problems.length > 0);
    assert.ok(v.problems.some(p => p.start.line >= 6 && p.start.line <= 8), `a problem at the broken line (got ${v.problems.map(p => p.start.line).join(', ')})`);
    assert.ok(await edit(uri, { type: 'set', path: ['license'], value: 'x' }));
    assert.equal(doc.getText(), broken, 'nothing written');
    assert.ok(posted(uri).some(m => m.type === 'editFailed'));
    // duplicate keys block editing too
    const dup = await openForm('aims/data/form-dup-test.yaml', DATASET('form-dup-test').replace('license: internal use only', 'license: a\nlicense: b'));
    assert.equal(view(dup.uri)!.editable, false);
    assert.ok(view(dup.uri)!.problems.some(p => p.code === 'duplicate-key' && p.start.line === 14));
    // corrected in the text: editable again
    await vscode.workspace.fs.writeFile(uri, Buffer.from(DATASET('form-broken-test'), 'utf8'));
    await waitFor(() => view(uri)?.editable === true, 5000, 'the corrected file to be editable');
  });

  it('applies a finding\'s fix or suggestion from the form', async () => {
    const text = DATASET('form-fix-test').replace('status: draft', 'status: Draft');
    const { uri, doc } = await openForm('aims/data/form-fix-test.yaml', text);
    const f = (await waitFor(() => view(uri)?.findings.find(x => x.ruleId === 'invalid-enum'), 5000, 'the invalid-enum finding')).value;
    assert.ok(f.fixes.length > 0);
    assert.ok(await send(uri, { type: 'applyFix', ruleId: f.ruleId, key: f.key, title: f.fixes[0].title }));
    assert.equal(doc.getText(), DATASET('form-fix-test'));
    const basis = (await waitFor(() => view(uri)?.findings.find(x => x.ruleId === 'personal-data-legal-basis'), 5000, 'the legal basis finding')).value;
    assert.equal(basis.key, 'contains_personal_data');
    // the page is told which field the fix inserts, to move the focus into it
    assert.deepEqual(basis.fixes.map(x => [x.title, x.focus]), [["Insert 'legal_basis'", 'legal_basis']]);
    const fixed = await waitFor(() => {
      const v = view(uri);
      return v && v.version === doc.version && !v.findings.some(x => x.ruleId === 'invalid-enum') ? v : undefined;
    }, 5000, 'the view after the first fix');
    const errorsBefore = fixed.value.findings.filter(x => x.severity === 'error').length;
    assert.equal(errorsBefore, 1, JSON.stringify(fixed.value.findings.map(x => `${x.ruleId}@${x.key}`)));
    assert.ok(await send(uri, { type: 'applyFix', ruleId: basis.ruleId, key: basis.key, title: "Insert 'legal_basis'" }));
    // the suggestion adds the key for the user to fill in (as the quick fix in the text editor does),
    // next to the key it belongs with, not at the end of the file
    assert.equal(doc.getText(), DATASET('form-fix-test').replace('contains_personal_data: true\n', 'contains_personal_data: true\nlegal_basis: ""\n'));
    // the fix's own finding is gone, replaced by the field's "fill it in" finding on the new field
    const after = await waitFor(() => {
      const v = view(uri);
      return v && v.version === doc.version && !v.findings.some(x => x.key === 'contains_personal_data') ? v : undefined;
    }, 5000, 'the view after the fix');
    const now = after.value.findings.filter(x => x.ruleId === 'personal-data-legal-basis');
    assert.deepEqual(now.map(x => [x.key, x.fixes.length]), [['legal_basis', 0]]);
    assert.match(now[0].message, /empty/);
    const errors = (v: FormView): string[] => v.findings.filter(x => x.severity === 'error').map(x => `${x.ruleId}@${x.key}`);
    assert.equal(errors(after.value).length, errorsBefore, errors(after.value).join(', '));
    await doc.save();
  });

  it('Open Form and Open as Text switch the editor in place: one tab, same group and position, unsaved changes kept', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const rel = 'aims/data/form-switch-test.yaml';
    const uri = uriOf(rel);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(DATASET('form-switch-test'), 'utf8'));
    await waitFor(() => api.service.list()[0].linter.has(rel), 5000, `${rel} in the index`);
    // a neighbour on each side, to see that the position is kept
    await vscode.window.showTextDocument(uriOf('aims/data/card-transactions-2025.yaml'), { preview: false });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.window.showTextDocument(uriOf('aims/models/credit-risk-scorer.yaml'), { preview: false });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    assert.ok(await editor.edit(b => b.insert(new vscode.Position(0, 0), '# unsaved\n')));
    const tabsOf = (): string[] => vscode.window.tabGroups.activeTabGroup.tabs.map(t => {
      const i = t.input;
      return i instanceof vscode.TabInputCustom ? `form:${i.uri.path.split('/').pop()}` : i instanceof vscode.TabInputText ? `text:${i.uri.path.split('/').pop()}` : '?';
    });
    assert.deepEqual(tabsOf(), ['text:card-transactions-2025.yaml', 'text:form-switch-test.yaml', 'text:credit-risk-scorer.yaml']);
    await vscode.commands.executeCommand('aims.openForm', uri);
    await waitFor(() => api.form.sessionsFor(uri).some(x => x.ready && x.lastView), 20_000, 'the form to load');
    assert.deepEqual(tabsOf(), ['text:card-transactions-2025.yaml', 'form:form-switch-test.yaml', 'text:credit-risk-scorer.yaml'], 'the form took the text editor\'s place');
    assert.equal(vscode.window.tabGroups.all.length, 1);
    assert.ok(activeTab()?.input instanceof vscode.TabInputCustom);
    assert.ok(doc.isDirty && doc.getText().startsWith('# unsaved\n'), 'the unsaved change is still there');
    await vscode.commands.executeCommand('aims.openText', uri);
    await waitFor(() => tabsOf()[1] === 'text:form-switch-test.yaml' ? true : undefined, 5000, 'the text editor back in place');
    assert.deepEqual(tabsOf(), ['text:card-transactions-2025.yaml', 'text:form-switch-test.yaml', 'text:credit-risk-scorer.yaml']);
    assert.ok(doc.isDirty && doc.getText().startsWith('# unsaved\n'));
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('ignores invalid messages', async () => {
    const original = DATASET('form-invalid-test');
    const { uri, doc } = await openForm('aims/data/form-invalid-test.yaml', original);
    const version = view(uri)!.version;
    const bad: unknown[] = [
      null, 'edit', 42, [], {},
      { type: 'nope' },
      { type: 'edit' },
      { type: 'edit', version: 'x', change: { type: 'set', path: ['license'], value: 'x' } },
      { type: 'edit', version, change: { type: 'set', path: ['license'] } },
      { type: 'edit', version, change: { type: 'set', path: [], value: 'x' } },
      { type: 'edit', version, change: { type: 'set', path: ['__proto__', 'x'], value: 'x' } },
      { type: 'edit', version, change: { type: 'set', path: ['license', -1], value: 'x' } },
      { type: 'edit', version, change: { type: 'set', path: ['license', 1.5], value: 'x' } },
      { type: 'edit', version, change: { type: 'set', path: ['license'], value: { constructor: 1 } } },
      { type: 'edit', version, change: { type: 'set', path: ['license'], value: 'x', extra: true } },
      { type: 'edit', version, change: { type: 'move-item', path: ['preparation'], from: 0 } },
      { type: 'edit', version, change: { type: 'rename', path: ['license'], to: 'x' } },
      { type: 'edit', version, change: { type: 'set', path: ['license'], value: 'x' }, more: 1 },
      { type: 'applyFix', ruleId: '../x', key: '', title: 't' },
      { type: 'showRuleDocs', ruleId: 'no-such-rule' },
      { type: 'openText', line: 0 },
      { type: 'createRecord', path: ['system'], kinds: ['Nope'] },
      { type: 'createRecord', path: ['system'], kinds: ['ModelCard'], id: 'Not Kebab' },
    ];
    for (const m of bad) assert.equal(await send(uri, m), false, `rejected: ${JSON.stringify(m)}`);
    let deep: unknown = 'x';
    for (let i = 0; i < 20; i++) deep = [deep];
    assert.equal(await send(uri, { type: 'edit', version, change: { type: 'set', path: ['license'], value: deep } }), false, 'too deep');
    assert.equal(doc.getText(), original, 'nothing changed');
    assert.equal(doc.isDirty, false);
  });

  it('New Record opens the form on the fresh skeleton, which shows its gaps', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('aims.newRecord', 'DataProvenance', 'form-new-record-test');
    assert.ok(uri && uri.path.endsWith('aims/data/form-new-record-test.yaml'));
    const input = activeTab()?.input;
    assert.ok(input instanceof vscode.TabInputCustom, `the active tab is a custom editor (got ${input?.constructor.name})`);
    assert.equal(input.viewType, VIEW_TYPE);
    assert.equal(input.uri.toString(), uri.toString());
    await waitFor(() => api.form.sessionsFor(uri).some(s => s.ready), 20_000, 'the form to load');
    const v = (await waitFor(() => { const x = view(uri); return x?.findings.some(f => f.ruleId === 'required-field') ? x : undefined; }, 5000, 'required-field findings')).value;
    assert.equal(v.data?.id, 'form-new-record-test');
    assert.ok(v.findings.some(f => f.ruleId === 'required-field' && f.key === 'license'), 'the missing licence is shown at its field');
    assert.equal(v.data?.contains_personal_data, null, 'the yes/no question is left unanswered');
  });

  it('creates a referenced record from a reference picker and fills in its id', async () => {
    const card = await openForm('aims/models/credit-risk-scorer.yaml');
    const before = card.doc.getText();
    assert.ok(await send(card.uri, { type: 'createRecord', path: ['impact_assessment'], kinds: ['ImpactAssessment'], id: 'form-created-assessment' }));
    const created = uriOf('aims/assessments/form-created-assessment.yaml');
    await vscode.workspace.fs.stat(created);
    const line = before.split('\n').findIndex(l => l.startsWith('impact_assessment:'));
    assert.equal(card.doc.getText(), withLines(before, line + 1, 1, ['impact_assessment: form-created-assessment']));
    await card.doc.save();
    // back to the original
    assert.ok(await send(card.uri, { type: 'edit', version: card.doc.version, change: { type: 'set', path: ['impact_assessment'], value: before.split('\n')[line].replace('impact_assessment: ', '') } }));
    assert.equal(card.doc.getText(), before);
    await card.doc.save();
    await vscode.workspace.fs.delete(created);
  });

  it('switches between the form and the text editor (aims.openText, aims.openForm)', async () => {
    const { uri } = await openForm('aims/data/form-switch-test.yaml', DATASET('form-switch-test'));
    await vscode.commands.executeCommand('aims.openText');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 5000, 'the text editor');
    await vscode.commands.executeCommand('aims.openForm');
    await waitFor(() => { const i = activeTab()?.input; return i instanceof vscode.TabInputCustom && i.viewType === VIEW_TYPE && i.uri.toString() === uri.toString(); }, 5000, 'the form');
    // from a tree item ({ ws, record }) as the views pass it
    await vscode.commands.executeCommand('aims.openText', uri);
    await vscode.commands.executeCommand('aims.openForm', { ws: api.service.list()[0], record: { file: 'aims/data/form-switch-test.yaml' } });
    await waitFor(() => { const i = activeTab()?.input; return i instanceof vscode.TabInputCustom && i.uri.toString() === uri.toString(); }, 5000, 'the form from a tree item');
  });

  it('saves on request of the page (Ctrl+S with typing not yet written)', async () => {
    const { uri, doc } = await openForm('aims/data/form-save-test.yaml', DATASET('form-save-test'));
    void send(uri, { type: 'edit', version: view(uri)!.version, change: { type: 'set', path: ['size'], value: '10k rows' } });
    assert.ok(await send(uri, { type: 'save' }));
    assert.equal(doc.isDirty, false);
    const disk = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(disk, /^size: 10k rows$/m, 'the edit sent before the save is on disk');
  });
});
