// Multi-root: the coverage panel's workspace picker (the active editor's folder by default; the
// webview's selectWorkspace switches; unknown ids are ignored) and exportSoa of a named folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AimsApi } from '../../src/extension/extension';
import { activateAims, sleep, waitFor as waitForTimed } from '../extension/helpers';

const waitFor = async <T>(fn: () => T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> => (await waitForTimed(fn, timeoutMs, what)).value;

describe('Coverage panel (multi-root)', function () {
  this.timeout(60_000);
  let api: AimsApi;
  before(async () => {
    api = await activateAims();
    await waitFor(() => api.service.list().length === 2, 15_000, 'alpha and beta');
  });
  after(async () => { api.coverage.panel?.dispose(); await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('shows the active editor\'s folder, lists both folders and switches on selectWorkspace', async () => {
    const [alpha, beta] = ['alpha', 'beta'].map(n => api.service.list().find(w => w.name === n)!);
    await vscode.window.showTextDocument(beta.uri('aims/statement-of-applicability.yaml'));
    const before = api.coverage.postCount;
    await vscode.commands.executeCommand('aims.openCoveragePanel');
    const m = await waitFor(() => api.coverage.postCount > before && api.coverage.lastPosted?.type === 'report' ? api.coverage.lastPosted : undefined, 20_000, 'a report');
    assert.equal(m.workspace, beta.folder.uri.toString());
    assert.deepEqual(m.workspaces.map(w => w.name), ['alpha', 'beta']);
    assert.deepEqual(m.report, beta.coverage());
    assert.equal(api.coverage.panel!.title, 'AIMS Coverage — beta');
    const n = api.coverage.postCount;
    await api.coverage.handleMessage({ type: 'selectWorkspace', workspace: alpha.folder.uri.toString() });
    await waitFor(() => api.coverage.postCount > n, 5000, 'the alpha report');
    const a = api.coverage.lastPosted!;
    assert.ok(a.type === 'report' && a.workspace === alpha.folder.uri.toString());
    assert.deepEqual(a.type === 'report' && a.report, alpha.coverage());
    assert.equal(api.coverage.panel!.title, 'AIMS Coverage — alpha');
    const k = api.coverage.postCount;
    await api.coverage.handleMessage({ type: 'selectWorkspace', workspace: 'file:///not/a/folder' });
    await sleep(200);
    assert.equal(api.coverage.postCount, k);
    // exportSoa of a named folder
    const target = vscode.Uri.joinPath(beta.folder.uri, 'soa-test.csv');
    const written = await vscode.commands.executeCommand<vscode.Uri>('aims.exportSoa', 'csv', target, 'beta');
    assert.equal(written.toString(), target.toString());
    await vscode.workspace.fs.delete(target);
  });
});
