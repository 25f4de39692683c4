// The commands of the palette, views and code actions (package.json contributes their titles). Each
// body works through the service and the engine; nothing here keeps state.
import * as vscode from 'vscode';
import type { Kind } from '../core/model';
import { ruleDocsUrl } from '../core/docs-url';
import { todayIso } from '../core/rule';
import { KIND_SPECS, KEBAB_ID } from '../core/schema';
import { EXAMPLE_IDS, initFiles, recordPath, skeletonRecord } from '../core/skeleton';
import { runFixAll } from './codeActions';
import { toRange } from './convert';
import { RecordFormProvider } from './formEditor';
import { SUPPRESS_COMMAND, suppressFinding } from './suppress';
import { activeWorkspace } from './statusBar';
import type { AimsService, AimsWorkspace } from './workspace';

export function registerCommands(context: vscode.ExtensionContext, service: AimsService): void {
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
    vscode.commands.registerCommand(SUPPRESS_COMMAND, suppressFinding),
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
}

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
