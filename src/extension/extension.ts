// Activation: wires the engine (src/core) into VS Code. Thin on purpose: every rule, fix and number
// comes from the same engine the CLI runs.
import * as vscode from 'vscode';
import { AIMS_DIR, CONFIG_FILE } from '../core/config';
import type { Kind } from '../core/model';
import { ruleDocsUrl } from '../core/docs-url';
import { todayIso } from '../core/rule';
import { KIND_SPECS, KEBAB_ID } from '../core/schema';
import { EXAMPLE_IDS, initFiles, recordPath, skeletonRecord } from '../core/skeleton';
import { AimsCodeActionProvider, runFixAll } from './codeActions';
import { registerCodeFeatures, type CodeFeatures } from './codeLens';
import { toRange } from './convert';
import { CoveragePanelController, registerCoveragePanel } from './coveragePanel';
import { DiagnosticsPublisher } from './diagnostics';
import { RecordFormProvider, registerFormEditor } from './formEditor';
import { registerLanguageFeatures } from './language';
import { activeWorkspace, CoverageStatusBar } from './statusBar';
import { createRecordViews, type RecordView } from './treeCommands';
import { ControlsTreeProvider, RecordsTreeProvider } from './trees';
import { AimsService, type AimsWorkspace } from './workspace';

export interface AimsApi {
  service: AimsService;
  trees: { modelCards: RecordsTreeProvider; dataProvenance: RecordsTreeProvider; impactAssessments: RecordsTreeProvider; controls: ControlsTreeProvider };
  /** The record views with their filter and grouping (treeCommands.ts). */
  recordViews: RecordView[];
  statusBar: CoverageStatusBar;
  /** The record form (custom editor aims.recordForm). */
  form: RecordFormProvider;
  /** The control-coverage panel. */
  coverage: CoveragePanelController;
  /** Dataset and model loads in Python files and notebooks: CodeLens, hover, quick fixes. */
  code: CodeFeatures;
  /** Resolves when pending (debounced) lint runs and file-event flushes are done; for tests. */
  idle(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<AimsApi> {
  const service = new AimsService();
  const diagnostics = new DiagnosticsPublisher(service);
  const statusBar = new CoverageStatusBar(service);
  const trees = [
    new RecordsTreeProvider(service, 'ModelCard', 'hubot'),
    new RecordsTreeProvider(service, 'DataProvenance', 'database'),
    new RecordsTreeProvider(service, 'ImpactAssessment', 'law'),
  ];
  const controls = new ControlsTreeProvider(service);
  const recordViews = createRecordViews(trees, service.onDidChange);
  context.subscriptions.push(service, diagnostics, statusBar, ...recordViews.disposables,
    vscode.window.createTreeView('aims.controls', { treeDataProvider: controls, showCollapseAll: true }),
  );

  const refreshViews = (): void => {
    diagnostics.publish();
    statusBar.update();
    for (const t of trees) t.refresh();
    controls.refresh();
  };
  context.subscriptions.push(service.onDidChange(refreshViews));

  // ---- as-you-type linting (debounced per document) ----
  /** Lints a record's text (or reloads the workspace for its config file); resolves when done. */
  const lintDocument = async (doc: vscode.TextDocument): Promise<void> => {
    const hit = service.recordFor(doc.uri);
    if (!hit) return;
    if (hit.rel === CONFIG_FILE) { await hit.ws.load(); service.fire(); return; }
    if (hit.ws.update(hit.rel, doc.getText())) service.fire();
  };
  const lintNow = (doc: vscode.TextDocument): Promise<void> => lintDocument(doc).catch(e => { console.error('[aims]', e); });
  /**
   * One entry per document while its debounce timer runs: a keystroke within debounceMs restarts the
   * timer of the same entry, and `done` resolves when the run that finally happens has finished.
   */
  interface PendingLint { timer?: NodeJS.Timeout; done: Promise<void>; resolve: () => void }
  const pendingLints = new Map<string, PendingLint>();
  /** Runs whose timer fired but that are not finished yet (a config reload is asynchronous). */
  const runningLints = new Set<Promise<void>>();
  const schedule = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    let entry = pendingLints.get(key);
    if (entry) clearTimeout(entry.timer);
    else {
      let resolve!: () => void;
      const done = new Promise<void>(r => { resolve = r; });
      entry = { done, resolve };
      pendingLints.set(key, entry);
    }
    const run = entry;
    const ms = vscode.workspace.getConfiguration('aims', doc.uri).get<number>('debounceMs', 200);
    run.timer = setTimeout(() => {
      pendingLints.delete(key);
      runningLints.add(run.done);
      void lintNow(doc).then(() => { runningLints.delete(run.done); run.resolve(); });
    }, ms);
  };
  const runMode = (uri: vscode.Uri): string => vscode.workspace.getConfiguration('aims', uri).get<string>('run', 'onType');

  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument(e => {
      // records (and the config file) only, before any setting is read: every keystroke anywhere comes here
      if (e.contentChanges.length && service.recordFor(e.document.uri) && runMode(e.document.uri) === 'onType') schedule(e.document);
    }),
    vscode.workspace.onDidSaveTextDocument(doc => { void lintNow(doc); }),
    vscode.workspace.onDidOpenTextDocument(doc => { void lintNow(doc); }),
    vscode.workspace.onDidCloseTextDocument(async doc => {
      // closed without saving: the file on disk is the truth again
      const hit = service.forUri(doc.uri);
      if (!hit || !doc.isDirty) return;
      try {
        const text = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
        if (hit.ws.update(hit.rel, text)) service.fire();
      } catch {
        if (hit.ws.remove(hit.rel)) service.fire();
      }
    }),
  );

  // ---- file watchers: create, change, delete, rename (= delete + create) ----
  const recordWatcher = vscode.workspace.createFileSystemWatcher(`**/${AIMS_DIR}/**`);
  const fromDisk = async (uri: vscode.Uri): Promise<void> => {
    const hit = service.forUri(uri);
    if (!hit) {
      // an aims/ folder may just have been created
      if (uri.path.includes(`/${AIMS_DIR}`)) { await service.refreshFolders(); }
      return;
    }
    if (hit.rel === CONFIG_FILE) { await hit.ws.load(); service.fire(); return; }
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open?.isDirty) return; // the editor's unsaved text wins
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      if (hit.ws.update(hit.rel, text)) service.fire();
    } catch { /* folder or vanished */ }
  };
  // a file or folder appeared or disappeared anywhere (evidence paths): coalesced per workspace, one fire per burst
  const anyWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
  const pathsTouched = new Set<AimsWorkspace>();
  let pathsFlush: { timer: NodeJS.Timeout; done: Promise<void> } | undefined;
  const pathChanged = (uri: vscode.Uri): void => {
    const hit = service.forUri(uri);
    if (!hit) return;
    pathsTouched.add(hit.ws);
    if (pathsFlush) return;
    let resolve!: () => void;
    const done = new Promise<void>(r => { resolve = r; });
    const timer = setTimeout(() => {
      pathsFlush = undefined;
      try {
        for (const ws of pathsTouched) ws.pathsChanged();
        pathsTouched.clear();
        service.fire();
      } finally { resolve(); }
    }, 50);
    pathsFlush = { timer, done };
  };
  context.subscriptions.push({ dispose: () => { clearTimeout(pathsFlush?.timer); } });
  context.subscriptions.push(recordWatcher, anyWatcher,
    recordWatcher.onDidCreate(fromDisk),
    recordWatcher.onDidChange(fromDisk),
    recordWatcher.onDidDelete(async uri => {
      const hit = service.forUri(uri);
      if (!hit) return;
      let changed = false;
      // a deleted folder removes every record below it
      for (const f of hit.ws.linter.fileNames()) if (f === hit.rel || f.startsWith(hit.rel + '/')) changed = hit.ws.remove(f) || changed;
      if (hit.rel === AIMS_DIR) { await service.refreshFolders(); return; }
      if (changed) service.fire();
    }),
    anyWatcher.onDidCreate(pathChanged),
    anyWatcher.onDidDelete(pathChanged),
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.refreshFolders()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void service.refreshGit(); }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('aims.git.enabled')) void service.refreshGit();
      if (e.affectsConfiguration('aims')) refreshViews();
    }),
  );

  // ---- code actions, language features ----
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(
    { language: 'yaml', pattern: `**/${AIMS_DIR}/**/*.{yaml,yml}` }, new AimsCodeActionProvider(service), AimsCodeActionProvider.metadata));
  registerLanguageFeatures(context, service);
  const form = registerFormEditor(context, service);
  const coverage = registerCoveragePanel(context, service);
  const code = registerCodeFeatures(context, service);

  // ---- commands ----
  /** New record: asks for kind and id unless given (the form editor and tests pass them). */
  const newRecord = async (kindArg?: Kind, idArg?: string): Promise<vscode.Uri | undefined> => {
    const ws = await pickWorkspace(service, true);
    if (!ws) return undefined;
    const items: (vscode.QuickPickItem & { recordKind: Kind })[] = (['ModelCard', 'DataProvenance', 'ImpactAssessment', 'Applicability'] as Kind[])
      .map(k => ({ label: KIND_SPECS[k].title, description: k, detail: KIND_SPECS[k].description, recordKind: k }));
    const kind: Kind | undefined = kindArg ?? (await vscode.window.showQuickPick(items, { title: 'AIMS: New Record', placeHolder: 'Kind of record' }))?.recordKind;
    if (!kind) return undefined;
    const validId = (v: string): string | undefined => !KEBAB_ID.test(v) ? `Use lowercase letters and digits joined by hyphens, e.g. ${EXAMPLE_IDS[kind]}.`
      : ws.linter.recordById(v).length ? `A record with id '${v}' exists already.` : undefined;
    if (idArg !== undefined && validId(idArg)) { void vscode.window.showErrorMessage(`AIMS: ${validId(idArg)}`); return undefined; }
    const id = idArg ?? await vscode.window.showInputBox({
      title: `New ${KIND_SPECS[kind].title}`, prompt: 'Id of the record (kebab-case); the file is named after it', placeHolder: `e.g. ${EXAMPLE_IDS[kind]}`,
      validateInput: validId,
    });
    if (!id) return undefined;
    const rel = recordPath(kind, id);
    const uri = ws.uri(rel);
    try { await vscode.workspace.fs.stat(uri); void vscode.window.showErrorMessage(`AIMS: ${rel} exists already.`); return undefined; } catch { /* free */ }
    await vscode.workspace.fs.writeFile(uri, Buffer.from(skeletonRecord(kind, id, { today: todayIso(), comments: true }), 'utf8'));
    // the form shows the gaps of the fresh skeleton; the text editor on request (setting aims.newRecord.openIn)
    if (vscode.workspace.getConfiguration('aims', uri).get<string>('newRecord.openIn', 'form') === 'form') {
      await vscode.commands.executeCommand('vscode.openWith', uri, RecordFormProvider.viewType);
    } else {
      await vscode.window.showTextDocument(uri);
    }
    return uri;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('aims.newRecord', (kind?: Kind, id?: string) => newRecord(typeof kind === 'string' ? kind : undefined, typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('aims.newModelCard', () => newRecord('ModelCard')),
    vscode.commands.registerCommand('aims.newDataProvenance', () => newRecord('DataProvenance')),
    vscode.commands.registerCommand('aims.newImpactAssessment', () => newRecord('ImpactAssessment')),
    vscode.commands.registerCommand('aims.lintWorkspace', async () => {
      await service.refreshFolders();
      await service.reloadAll();
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand('aims.init', async () => {
      const folder = await pickFolder();
      if (!folder) return undefined;
      const created: string[] = [];
      for (const f of initFiles({ today: todayIso() })) {
        const uri = vscode.Uri.joinPath(folder.uri, ...f.path.split('/'));
        try { await vscode.workspace.fs.stat(uri); continue; } catch { /* create */ }
        await vscode.workspace.fs.writeFile(uri, Buffer.from(f.text, 'utf8'));
        created.push(f.path);
      }
      await service.refreshFolders();
      const soa = created.find(p => p.includes('applicability'));
      if (soa) await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...soa.split('/')));
      void vscode.window.showInformationMessage(created.length ? `AIMS: created ${created.length} files in ${folder.name}/aims.` : 'AIMS: aims/ is already initialized.');
      return created;
    }),
    vscode.commands.registerCommand('aims.showCoverage', () => vscode.commands.executeCommand('aims.controls.focus')),
    vscode.commands.registerCommand('aims.fixAll', (uri?: vscode.Uri) => runFixAll(service, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('aims.openRecord', async (arg?: vscode.Uri | { ws: { uri(r: string): vscode.Uri }; record: { file: string } }, line = 0) => {
      const uri = arg instanceof vscode.Uri ? arg : arg && 'record' in arg ? arg.ws.uri(arg.record.file) : undefined;
      if (!uri) return;
      const pos = new vscode.Position(Math.max(0, line), 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
    }),
    vscode.commands.registerCommand('aims.revealFindings', async (arg?: { ws: Pick<AimsWorkspace, 'uri' | 'findings'>; record: { file: string } }) => {
      if (arg && 'record' in arg) {
        const first = arg.ws.findings().get(arg.record.file)?.[0];
        const pos = toRange(first?.range).start;
        await vscode.window.showTextDocument(arg.ws.uri(arg.record.file), { selection: new vscode.Range(pos, pos) });
      }
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand('aims.showRuleDocs', async (ruleId: string) => {
      const local = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
      try {
        await vscode.workspace.fs.stat(local);
        await vscode.commands.executeCommand('markdown.showPreview', local);
      } catch {
        await vscode.env.openExternal(vscode.Uri.parse(ruleDocsUrl(ruleId)));
      }
    }),
  );

  await service.refreshFolders(); // fires: refreshViews

  return {
    service,
    trees: { modelCards: trees[0], dataProvenance: trees[1], impactAssessments: trees[2], controls },
    recordViews: recordViews.views,
    statusBar,
    form,
    coverage,
    code,
    async idle() {
      await code.idle();
      while (pendingLints.size || runningLints.size || pathsFlush) {
        await Promise.all([...[...pendingLints.values()].map(p => p.done), ...runningLints, pathsFlush?.done]);
      }
    },
  };
}

export function deactivate(): void { /* disposables are registered on the context */ }

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) { void vscode.window.showErrorMessage('AIMS: open a folder first.'); return undefined; }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to initialize aims/ in' });
}

async function pickWorkspace(service: AimsService, offerInit: boolean) {
  const list = service.list();
  if (list.length === 1) return list[0];
  if (list.length > 1) {
    const active = activeWorkspace(service); // a text editor or a record form
    if (active) return active;
    const pick = await vscode.window.showQuickPick(list.map(ws => ({ label: ws.name, ws })), { placeHolder: 'Workspace folder' });
    return pick?.ws;
  }
  if (offerInit) {
    const choice = await vscode.window.showInformationMessage('This workspace has no aims/ folder yet.', 'Initialize aims/');
    if (choice) { await vscode.commands.executeCommand('aims.init'); return service.list()[0]; }
  }
  return undefined;
}
