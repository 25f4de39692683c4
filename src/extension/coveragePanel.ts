// The control-coverage panel (webview-ui/src/coverage): one WebviewPanel for team leads with the 38
// Annex A controls of one AIMS workspace, their state, owner, evidence, findings and review dates, live
// as records change; and the Statement of Applicability export (command aims.exportSoa and the panel's
// buttons) in Markdown, CSV and HTML, written by the same engine functions the CLI uses.
//
// The webview only asks; this side decides. Every message is checked (parseCoverageMessage) and looked
// up in the current report: evidence is named by control id, index and value, never by a path, and a
// file is opened only when it lies inside its workspace folder.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { soaEntryPosition, type EvidenceItem } from '../core/coverage';
import { SOA_FILE_EXTENSIONS, SOA_FORMATS, soaFileText, type SoaFormat } from '../core/export';
import { todayIso } from '../core/rule';
import { parseCoverageMessage, type CoverageToExtension, type ExtensionToCoverage } from '../../webview-ui/src/coverage/protocol';
import { activeWorkspace } from './statusBar';
import { webviewHtml, webviewOptions } from './webviewHtml';
import type { AimsService, AimsWorkspace } from './workspace';

const FORMAT_LABELS: Record<SoaFormat, { label: string; detail: string }> = {
  markdown: { label: 'Markdown', detail: 'Tables per group, for a wiki or a pull request (.md)' },
  csv: { label: 'CSV', detail: 'One row per control, for a spreadsheet (.csv, UTF-8 with BOM)' },
  html: { label: 'HTML', detail: 'One self-contained page for auditors, prints on A4 landscape (.html)' },
};

/** The button of the "exported" message, per format (see openExport). */
const OPEN_ACTION: Record<SoaFormat, string> = { html: 'Open in Browser', markdown: 'Open Preview', csv: 'Open' };

export class CoveragePanelController implements vscode.Disposable {
  static readonly viewType = 'aims.coverage';
  /** At most one report per this many ms while records change (the first change is posted at once). */
  static readonly debounceMs = 100;

  /** The open panel, if any (one at a time). */
  panel: vscode.WebviewPanel | undefined;
  /** The last message posted to the webview; for tests. */
  lastPosted: ExtensionToCoverage | undefined;
  /** How many messages were posted to the webview; for tests. */
  postCount = 0;
  private readonly postEmitter = new vscode.EventEmitter<ExtensionToCoverage>();
  /** Fires after every message posted to the webview; for tests. */
  readonly onDidPost = this.postEmitter.event;

  /** The folder URI (string) of the workspace the panel shows. */
  private selected: string | undefined;
  /** The webview has loaded and said 'ready' (it reloads each time it becomes visible again). */
  private ready = false;
  private timer: NodeJS.Timeout | undefined;
  private lastRefresh = 0;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext, readonly service: AimsService) {
    this.disposables.push(
      this.postEmitter,
      service.onDidChange(() => this.schedule()),
      vscode.commands.registerCommand('aims.openCoveragePanel', () => this.open()),
      vscode.commands.registerCommand('aims.exportSoa', (format?: unknown, target?: unknown, ws?: unknown) => this.exportSoa(format, target, ws)),
      vscode.window.registerWebviewPanelSerializer(CoveragePanelController.viewType, {
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
          if (this.panel) { panel.dispose(); return; }
          this.attach(panel);
        },
      }),
    );
  }

  /** Creates the panel or reveals the open one. */
  open(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Active);
      return this.panel;
    }
    // default: the workspace of the active editor, else the first
    const active = activeWorkspace(this.service);
    if (active) this.selected = active.folder.uri.toString();
    // the webview's options (scripts, local resources) are set by attach, for restored panels too
    const panel = vscode.window.createWebviewPanel(CoveragePanelController.viewType, 'AIMS Coverage', vscode.ViewColumn.Active, {
      retainContextWhenHidden: false,
      enableFindWidget: true,
    });
    this.attach(panel);
    return panel;
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = webviewOptions(this.context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, 'coverage', 'AIMS Coverage');
    this.updateTitle();
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage(m => this.handleMessage(m)),
      panel.onDidChangeViewState(e => {
        // hidden: the webview is discarded (no retainContextWhenHidden); shown again, it reloads and says 'ready'
        if (!e.webviewPanel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
        clearTimeout(this.timer);
        this.timer = undefined;
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
    );
  }

  /** The workspace the panel shows: the selected one while it exists, else the first. */
  workspace(): AimsWorkspace | undefined {
    const list = this.service.list();
    return list.find(ws => ws.folder.uri.toString() === this.selected) ?? list[0];
  }

  private updateTitle(): void {
    if (!this.panel) return;
    const ws = this.workspace();
    this.panel.title = this.service.list().length > 1 && ws ? `AIMS Coverage — ${ws.name}` : 'AIMS Coverage';
  }

  /**
   * A change of the records: post a fresh report on the next turn (the other listeners of the change run
   * first), then at most one every debounceMs; the changes in between are coalesced into one trailing post.
   */
  private schedule(): void {
    if (!this.panel || this.timer) return;
    const wait = Math.max(0, this.lastRefresh + CoveragePanelController.debounceMs - Date.now());
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, wait);
  }

  /** Posts a fresh report now (when the webview is visible and ready). */
  async refresh(): Promise<boolean> {
    const panel = this.panel;
    if (!panel || !this.ready || !panel.visible) return false;
    this.lastRefresh = Date.now();
    this.updateTitle();
    const ws = this.workspace();
    const message: ExtensionToCoverage = ws
      ? {
        type: 'report', report: ws.coverage(),
        workspaces: this.service.list().map(w => ({ id: w.folder.uri.toString(), name: w.name })),
        workspace: ws.folder.uri.toString(), today: todayIso(),
      }
      : { type: 'empty', message: 'No workspace folder has an aims/ folder yet. Run “AIMS: Initialize aims/ Folder” to create one.' };
    const ok = await panel.webview.postMessage(message);
    if (ok) {
      this.lastPosted = message;
      this.postCount++;
      this.postEmitter.fire(message);
    }
    return ok;
  }

  /**
   * Handles one message from the webview. Anything that is not a well-formed CoverageToExtension, or
   * that names a control, evidence or workspace the current report does not have, is ignored.
   * Never throws (errors are shown as messages); resolves when the action is done.
   */
  async handleMessage(raw: unknown): Promise<void> {
    const m = parseCoverageMessage(raw);
    if (!m) return;
    try {
      await this.act(m);
    } catch (e) {
      void vscode.window.showErrorMessage(`AIMS: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async act(m: CoverageToExtension): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        return;
      case 'selectWorkspace': {
        const ws = this.service.list().find(w => w.folder.uri.toString() === m.workspace);
        if (!ws) return;
        this.selected = m.workspace;
        await this.refresh();
        return;
      }
      case 'export':
        await this.exportSoa(m.format, undefined, this.workspace());
        return;
      case 'openSoaEntry':
        await this.openSoaEntry(m.control);
        return;
      case 'openEvidence':
        await this.openEvidence(m.control, m.index, m.value);
        return;
      case 'openCell':
        await this.openCell(m.system, m.control);
        return;
    }
  }

  /** Opens the Statement of Applicability at the control's entry (or at `controls:` when it is not listed). */
  async openSoaEntry(control: string, ws = this.workspace()): Promise<vscode.TextEditor | undefined> {
    if (!ws) return undefined;
    const pos = soaEntryPosition(ws.linter, ws.coverage(), control);
    if (!pos) {
      if (ws.coverage().controls.some(c => c.id === control)) {
        void vscode.window.showInformationMessage('AIMS: this workspace has no Statement of Applicability (a record of kind Applicability) yet.');
      }
      return undefined;
    }
    const uri = this.inside(ws, pos.file);
    if (!uri) return undefined;
    const p = new vscode.Position(Math.max(0, pos.line - 1), Math.max(0, pos.column - 1));
    return vscode.window.showTextDocument(uri, { selection: new vscode.Range(p, p), preview: true, viewColumn: this.editorColumn() });
  }

  /** Opens one evidence item of a control: a record at its top, a repository file or folder, an http(s) URL. */
  async openEvidence(control: string, index: number, value: string, ws = this.workspace()): Promise<boolean> {
    if (!ws) return false;
    const report = ws.coverage();
    const c = report.controls.find(x => x.id === control) ?? report.orgControls.find(x => x.id === control);
    if (!c) return false;
    // by index, checked against the value (the report may have changed since the webview rendered it)
    const e: EvidenceItem | undefined = c.evidence[index]?.value === value ? c.evidence[index] : c.evidence.find(x => x.value === value);
    if (!e) return false;
    if (e.type === 'url') {
      let uri: vscode.Uri;
      try { uri = vscode.Uri.parse(e.value, true); } catch { return false; }
      if (uri.scheme !== 'http' && uri.scheme !== 'https') return false;
      return vscode.env.openExternal(uri);
    }
    if ((e.type !== 'record' && e.type !== 'path') || !e.file) return false;
    const uri = this.inside(ws, e.file);
    if (!uri) return false;
    if (e.type === 'record') {
      const top = new vscode.Position(0, 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(top, top), preview: true, viewColumn: this.editorColumn() });
      return true;
    }
    let stat: vscode.FileStat;
    try { stat = await vscode.workspace.fs.stat(uri); } catch { void vscode.window.showWarningMessage(`AIMS: ${e.file} does not exist (any more).`); return false; }
    if (stat.type & vscode.FileType.Directory) {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    } else {
      await vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: this.editorColumn() });
    }
    return true;
  }

  /**
   * Opens the record behind a cell of the systems × controls matrix: for a per-dataset control the first
   * dataset of the system that falls short (or the system's card when the dataset has no record), for a
   * control evidenced by a record naming the system (an impact assessment) that record, else the card.
   * Returns the workspace-relative file opened, or undefined when the report has no such cell.
   */
  async openCell(system: string, control: string, ws = this.workspace()): Promise<string | undefined> {
    if (!ws) return undefined;
    const report = ws.coverage();
    const s = report.systems.find(x => x.id === system);
    if (!s || !s.controls[control]) return undefined;
    const file = s.controls[control].file ?? s.file;
    const uri = this.inside(ws, file);
    if (!uri) return undefined;
    const top = new vscode.Position(0, 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(top, top), preview: true, viewColumn: this.editorColumn() });
    return file;
  }

  /** The URI of `rel` when it names something inside the workspace folder; undefined otherwise. */
  private inside(ws: AimsWorkspace, rel: string): vscode.Uri | undefined {
    if (!rel || rel.includes('\0') || path.posix.isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.split(/[\\/]/).includes('..')) return undefined;
    const uri = ws.uri(rel);
    return ws.rel(uri) ? uri : undefined;
  }

  /** Editors open beside the panel, so it stays in view. */
  private editorColumn(): vscode.ViewColumn {
    return this.panel?.active ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
  }

  /**
   * Exports the Statement of Applicability. Without arguments it asks for the format (QuickPick), the
   * workspace (multi-root) and the file (save dialog); tests and the panel pass them:
   *   aims.exportSoa(format?: 'markdown' | 'csv' | 'html', target?: Uri, workspace?: folder URI string | name)
   * Returns the URI written, or undefined when cancelled.
   */
  async exportSoa(formatArg?: unknown, targetArg?: unknown, wsArg?: unknown): Promise<vscode.Uri | undefined> {
    const ws = await this.exportWorkspace(wsArg);
    if (!ws) return undefined;
    let format = typeof formatArg === 'string' && (SOA_FORMATS as readonly string[]).includes(formatArg) ? formatArg as SoaFormat : undefined;
    if (!format) {
      const pick = await vscode.window.showQuickPick(SOA_FORMATS.map(f => ({ ...FORMAT_LABELS[f], format: f })), {
        title: 'AIMS: Export Statement of Applicability', placeHolder: 'Format of the export',
      });
      if (!pick) return undefined;
      format = pick.format;
    }
    const today = todayIso();
    const text = soaFileText(ws.coverage(), format, { rootName: path.posix.basename(ws.folder.uri.path) || ws.name, today });
    let target = targetArg instanceof vscode.Uri ? targetArg : undefined;
    if (!target) {
      const ext = SOA_FILE_EXTENSIONS[format];
      target = await vscode.window.showSaveDialog({
        title: 'Export Statement of Applicability',
        defaultUri: ws.uri(`statement-of-applicability-${today}.${ext}`),
        filters: { [FORMAT_LABELS[format].label]: [ext] },
        saveLabel: 'Export',
      });
      if (!target) return undefined;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    const where = vscode.workspace.asRelativePath(target, true);
    const written = target, action = OPEN_ACTION[format];
    void vscode.window.showInformationMessage(`AIMS: Statement of Applicability exported to ${where}.`, action).then(choice => {
      if (choice === action) void this.openExport(written, format!);
    });
    return target;
  }

  /** Opens the browser for a URI (vscode.env.openExternal); tests replace it. */
  openExternal: (uri: vscode.Uri) => Thenable<boolean> = uri => vscode.env.openExternal(uri);

  /**
   * Opens an exported file the way it is meant to be read: HTML rendered in the default browser (not its
   * source), Markdown in the Markdown preview, CSV in the editor.
   */
  async openExport(uri: vscode.Uri, format: SoaFormat): Promise<void> {
    if (format === 'html') {
      await this.openExternal(uri);
    } else if (format === 'markdown') {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } else {
      await vscode.commands.executeCommand('vscode.open', uri);
    }
  }

  private async exportWorkspace(wsArg: unknown): Promise<AimsWorkspace | undefined> {
    const list = this.service.list();
    if (wsArg && typeof wsArg === 'object' && list.includes(wsArg as AimsWorkspace)) return wsArg as AimsWorkspace;
    if (typeof wsArg === 'string') {
      const ws = list.find(w => w.folder.uri.toString() === wsArg) ?? list.find(w => w.name === wsArg);
      if (ws) return ws;
    }
    if (list.length === 0) {
      void vscode.window.showErrorMessage('AIMS: no workspace folder has an aims/ folder to export from.');
      return undefined;
    }
    if (list.length === 1) return list[0];
    const active = activeWorkspace(this.service);
    if (active) return active;
    if (this.panel) return this.workspace();
    const pick = await vscode.window.showQuickPick(list.map(ws => ({ label: ws.name, description: ws.folder.uri.fsPath, ws })), { placeHolder: 'Workspace folder to export' });
    return pick?.ws;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function registerCoveragePanel(context: vscode.ExtensionContext, service: AimsService): CoveragePanelController {
  const c = new CoveragePanelController(context, service);
  context.subscriptions.push(c);
  return c;
}
