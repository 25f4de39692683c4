// Extension-host tests of the editing features: completion, hover, go to definition, snippets,
// the New Record command and the JSON Schema contribution.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AimsApi } from '../../src/extension/extension';
import { activateAims, EXT_ID, waitFor } from './helpers';

let api: AimsApi;
let root: vscode.Uri;

const until = async <T>(fn: () => T | undefined | false, ms = 5000, what = 'condition'): Promise<T> => (await waitFor(fn, ms, what)).value;

async function open(rel: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(root, ...rel.split('/'));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await until(() => api.service.list()[0].linter.has(rel), 5000, `${rel} to be linted`);
  return doc;
}

const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

async function complete(doc: vscode.TextDocument, marker: string): Promise<string[]> {
  const offset = doc.getText().indexOf(marker) + marker.length;
  assert.ok(offset >= marker.length, `marker ${marker}`);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(offset));
  return list.items.map(labelOf);
}

const hoverText = (hovers: vscode.Hover[]): string =>
  hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');

describe('editing features in a real VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    api = await activateAims();
    root = vscode.workspace.workspaceFolders![0].uri;
  });

  it('completes dataset ids where a DataProvenance id is expected, and only those', async () => {
    const doc = await open('aims/models/complete-test.yaml', 'apiVersion: aims/v1\nkind: ModelCard\nid: complete-test\ndatasets:\n  - \nimpact_assessment: \n');
    const datasets = await complete(doc, 'datasets:\n  - ');
    assert.ok(datasets.includes('loan-applications-2024'), datasets.join(', '));
    assert.ok(datasets.includes('card-transactions-2025'));
    assert.ok(!datasets.includes('credit-risk-scorer'), 'model ids are not offered as datasets');
    const ia = await complete(doc, 'impact_assessment: ');
    assert.ok(ia.includes('credit-risk-scorer-impact-assessment'), ia.join(', '));
    assert.ok(!ia.includes('loan-applications-2024'));
  });

  it('completes the 38 control ids in the Statement of Applicability and in `controls`', async () => {
    const doc = await open('aims/data/complete-controls.yaml', 'apiVersion: aims/v1\nkind: DataProvenance\nid: complete-controls\ncontrols:\n  - \n');
    const ids = (await complete(doc, 'controls:\n  - ')).filter(l => /^A\.\d/.test(l));
    assert.equal(ids.length, 38);
    assert.ok(ids.includes('A.7.5') && ids.includes('A.6.1.2') && !ids.includes('A.6.3'));
  });

  it('hovers a control id with its title, our Annex B paraphrase and its coverage', async () => {
    const soa = api.service.list()[0].linter.records().find(r => r.summary.kind === 'Applicability')!;
    const doc = await vscode.workspace.openTextDocument(api.service.list()[0].uri(soa.file));
    const offset = doc.getText().indexOf('A.7.5');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 2));
    const text = hoverText(hovers);
    assert.match(text, /A\.7\.5 Data provenance/);
    assert.match(text, /Annex B B\.7\.5/);
    assert.match(text, /Coverage: \*\*(covered|partially covered|missing|excluded)\*\*/);
  });

  it('hovers and goes to the definition of a referenced record', async () => {
    const ws = api.service.list()[0];
    const card = ws.linter.records().find(r => r.summary.id === 'transaction-fraud-detector')!;
    const doc = await vscode.workspace.openTextDocument(ws.uri(card.file));
    const ds = 'card-transactions-2025';
    const offset = doc.getText().indexOf(`- ${ds}`) + 4;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    assert.match(hoverText(hovers), /Data provenance `card-transactions-2025`/);
    // ids and paths are code spans shown as they are: no Markdown escape inside them
    assert.match(hoverText(hovers), /`aims\/data\/card-transactions-2025\.yaml`/);
    for (const span of hoverText(hovers).matchAll(/`([^`]*)`/g)) assert.ok(!span[1].includes('\\'), `no backslash inside the code span ${span[0]}`);
    // a key's description keeps its code spans (Always `aims/v1`.), not escaped backticks
    const key = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(doc.getText().indexOf('apiVersion') + 2));
    assert.match(hoverText(key), /Always `aims\/v1`\./);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset));
    const target = defs.map(d => ('uri' in d ? d.uri : d.targetUri).path);
    assert.ok(target.some(p => p.endsWith('aims/data/card-transactions-2025.yaml')), target.join(', '));
  });

  it('goes to a document cited as SoA evidence, as coverage resolves it (a file inside the repository, with #fragment)', async () => {
    const ws = api.service.list()[0];
    const soa = ws.linter.records().find(r => r.summary.kind === 'Applicability')!;
    const doc = await vscode.workspace.openTextDocument(ws.uri(soa.file));
    const offset = doc.getText().indexOf('docs/policies/ai-policy.md') + 5;
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset));
    const target = defs.map(d => ('uri' in d ? d.uri : d.targetUri).path);
    assert.ok(target.some(p => p.endsWith('docs/policies/ai-policy.md')), target.join(', '));
    // a URL is declared, not checked: no definition
    const url = doc.getText().indexOf('https://northwind-lending.example/speak-up') + 10;
    const none = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(url));
    assert.deepEqual(none.map(d => ('uri' in d ? d.uri : d.targetUri).scheme).filter(s => s === 'file'), []);
  });

  it('contributes snippets for every record kind', async () => {
    const doc = await open('aims/data/snippet-test.yaml', '\n');
    const labels = await complete(doc, '');
    for (const p of ['aims-model-card', 'aims-data-provenance', 'aims-impact-assessment', 'aims-soa', 'aims-lineage-event']) {
      assert.ok(labels.includes(p), `snippet ${p} offered (got ${labels.filter(l => l.startsWith('aims')).join(', ')})`);
    }
  });

  it('creates a record with New Record, opens it and lints it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('aims.newRecord', 'DataProvenance', 'new-command-test');
    assert.ok(uri && uri.path.endsWith('aims/data/new-command-test.yaml'));
    // aims.newRecord.openIn defaults to 'form': the new record opens in the record form
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'aims.recordForm', 'the form is the active editor');
    assert.equal(input.uri.toString(), uri.toString());
    const ws = api.service.list()[0];
    await until(() => ws.linter.recordById('new-command-test').length === 1, 5000, 'the new record in the index');
    const findings = ws.findings().get('aims/data/new-command-test.yaml') ?? [];
    assert.ok(findings.some(f => f.ruleId === 'required-field'), 'the skeleton asks for its required content');
    // a second record with the same id is refused
    assert.equal(await vscode.commands.executeCommand('aims.newRecord', 'DataProvenance', 'new-command-test'), undefined);
  });

  it('declares the JSON Schemas for the YAML extension and ships them', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const contributed = (ext.packageJSON.contributes.yamlValidation as { url: string }[]).map(v => v.url);
    for (const url of contributed) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, url));
      const schema = JSON.parse(Buffer.from(bytes).toString('utf8')) as { $schema?: string };
      assert.match(String(schema.$schema), /draft-07/);
    }
  });
});
