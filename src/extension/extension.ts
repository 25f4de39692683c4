// Activation: wires the engine (src/core) into VS Code and nothing else. Document sync and file
// watchers live in documentSync.ts, command bodies in commands.ts, the workspaces in workspace.ts;
// every rule, fix and number comes from the same engine the CLI runs.
import * as vscode from 'vscode';
import { AIMS_DIR } from '../core/config';
import { AimsCodeActionProvider } from './codeActions';
import { registerCodeFeatures, type CodeFeatures } from './codeLens';
import { registerCommands } from './commands';
import { CoveragePanelController, registerCoveragePanel } from './coveragePanel';
import { DiagnosticsPublisher } from './diagnostics';
import { DocumentSync } from './documentSync';
import { RecordFormProvider, registerFormEditor } from './formEditor';
import { registerLanguageFeatures } from './language';
import { disposeLog, log } from './log';
import { CoverageStatusBar } from './statusBar';
import { createRecordViews, type RecordView } from './treeCommands';
import { ControlsTreeProvider, RecordsTreeProvider } from './trees';
import { AimsService } from './workspace';

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
  const sync = new DocumentSync(service);
  context.subscriptions.push(log(), { dispose: disposeLog }, sync,
    service.onDidChange(refreshViews),
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.refreshFolders()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void service.refreshGit(); }),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration('aims.git.enabled')) void service.refreshGit();
      if (e.affectsConfiguration('aims')) refreshViews();
    }),
    vscode.languages.registerCodeActionsProvider(
      { language: 'yaml', pattern: `**/${AIMS_DIR}/**/*.{yaml,yml}` }, new AimsCodeActionProvider(service), AimsCodeActionProvider.metadata),
  );
  registerLanguageFeatures(context, service);
  const form = registerFormEditor(context, service);
  const coverage = registerCoveragePanel(context, service);
  const code = registerCodeFeatures(context, service);
  registerCommands(context, service);

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
      await sync.idle();
    },
  };
}

export function deactivate(): void { /* disposables are registered on the context */ }
