// Keeps the workspaces in step with editors and the disk: as-you-type linting (debounced per
// document), saves, opens and closes, and file watchers (records, the config file, and any path that
// appears or disappears, which evidence may name). Workspaces fire their own change events.
import * as vscode from 'vscode';
import { AIMS_DIR, CONFIG_FILE } from '../core/config';
import { logError } from './log';
import type { AimsService, AimsWorkspace } from './workspace';

/** One entry per document while its debounce timer runs. */
interface PendingLint { timer?: NodeJS.Timeout; done: Promise<void>; resolve: () => void }

export class DocumentSync implements vscode.Disposable {
  /** A keystroke within debounceMs restarts the timer of the same entry; `done` resolves when the run that finally happens has finished. */
  private readonly pending = new Map<string, PendingLint>();
  /** Runs whose timer fired but that are not finished yet (a config reload is asynchronous). */
  private readonly running = new Set<Promise<void>>();
  /** Workspaces in which a path appeared or disappeared, flushed once per burst. */
  private readonly pathsTouched = new Set<AimsWorkspace>();
  private pathsFlush: { timer: NodeJS.Timeout; done: Promise<void> } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: AimsService) {
    const recordWatcher = vscode.workspace.createFileSystemWatcher(`**/${AIMS_DIR}/**`);
    // a file or folder appeared or disappeared anywhere (evidence paths)
    const anyWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(recordWatcher, anyWatcher,
      vscode.workspace.onDidChangeTextDocument(e => {
        // records (and the config file) only, before any setting is read: every keystroke anywhere comes here
        if (e.contentChanges.length && service.recordFor(e.document.uri) && runMode(e.document.uri) === 'onType') this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument(doc => { void this.lintNow(doc); }),
      vscode.workspace.onDidOpenTextDocument(doc => { void this.lintNow(doc); }),
      vscode.workspace.onDidCloseTextDocument(doc => this.closed(doc).catch(e => logError(`updating ${doc.uri.fsPath} after it closed`, e))),
      recordWatcher.onDidCreate(uri => this.fromDisk(uri).catch(e => logError(`reading ${uri.fsPath}`, e))),
      recordWatcher.onDidChange(uri => this.fromDisk(uri).catch(e => logError(`reading ${uri.fsPath}`, e))),
      recordWatcher.onDidDelete(uri => this.deleted(uri).catch(e => logError(`removing ${uri.fsPath}`, e))),
      anyWatcher.onDidCreate(uri => this.pathChanged(uri)),
      anyWatcher.onDidDelete(uri => this.pathChanged(uri)),
      { dispose: () => { clearTimeout(this.pathsFlush?.timer); for (const p of this.pending.values()) clearTimeout(p.timer); } },
    );
  }

  /** Resolves when pending (debounced) lint runs and file-event flushes are done; for tests. */
  async idle(): Promise<void> {
    while (this.pending.size || this.running.size || this.pathsFlush) {
      await Promise.all([...[...this.pending.values()].map(p => p.done), ...this.running, this.pathsFlush?.done]);
    }
  }

  /** Lints a record's text (or reloads the workspace for its config file); resolves when done. */
  private async lintDocument(doc: vscode.TextDocument): Promise<void> {
    const hit = this.service.recordFor(doc.uri);
    if (!hit) return;
    if (hit.rel === CONFIG_FILE) await hit.ws.load();
    else hit.ws.update(hit.rel, doc.getText());
  }

  private lintNow(doc: vscode.TextDocument): Promise<void> {
    return this.lintDocument(doc).catch(e => logError(`linting ${doc.uri.fsPath}`, e));
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    let entry = this.pending.get(key);
    if (entry) clearTimeout(entry.timer);
    else {
      let resolve!: () => void;
      const done = new Promise<void>(r => { resolve = r; });
      entry = { done, resolve };
      this.pending.set(key, entry);
    }
    const run = entry;
    const ms = vscode.workspace.getConfiguration('aims', doc.uri).get<number>('debounceMs', 200);
    run.timer = setTimeout(() => {
      this.pending.delete(key);
      this.running.add(run.done);
      void this.lintNow(doc).then(() => { this.running.delete(run.done); run.resolve(); });
    }, ms);
  }

  /** Closed without saving: the file on disk is the truth again. */
  private async closed(doc: vscode.TextDocument): Promise<void> {
    const hit = this.service.forUri(doc.uri);
    if (!hit || !doc.isDirty) return;
    try {
      hit.ws.updateFromDisk(hit.rel, await vscode.workspace.fs.readFile(doc.uri));
    } catch {
      hit.ws.remove(hit.rel);
    }
  }

  /** A file under aims/ was created or changed on disk. */
  private async fromDisk(uri: vscode.Uri): Promise<void> {
    const hit = this.service.forUri(uri);
    if (!hit) {
      // an aims/ folder may just have been created
      if (uri.path.includes(`/${AIMS_DIR}`)) await this.service.refreshFolders();
      return;
    }
    if (hit.rel === CONFIG_FILE) { await hit.ws.load(); return; }
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (open?.isDirty) return; // the editor's unsaved text wins
    let bytes: Uint8Array;
    try { bytes = await vscode.workspace.fs.readFile(uri); } catch { return; /* folder or vanished */ }
    hit.ws.updateFromDisk(hit.rel, bytes);
  }

  /** A file or folder under aims/ was deleted: a deleted folder removes every record below it. */
  private async deleted(uri: vscode.Uri): Promise<void> {
    const hit = this.service.forUri(uri);
    if (!hit) return;
    this.service.atOnce(() => {
      for (const f of hit.ws.linter.fileNames()) if (f === hit.rel || f.startsWith(hit.rel + '/')) hit.ws.remove(f);
    });
    if (hit.rel === AIMS_DIR) await this.service.refreshFolders();
  }

  /** Coalesced per workspace: one re-run of the cross-record rules per burst of file events. */
  private pathChanged(uri: vscode.Uri): void {
    const hit = this.service.forUri(uri);
    if (!hit) return;
    this.pathsTouched.add(hit.ws);
    if (this.pathsFlush) return;
    let resolve!: () => void;
    const done = new Promise<void>(r => { resolve = r; });
    const timer = setTimeout(() => {
      this.pathsFlush = undefined;
      try {
        this.service.atOnce(() => { for (const ws of this.pathsTouched) ws.pathsChanged(); });
        this.pathsTouched.clear();
      } catch (e) {
        logError('re-checking evidence paths', e);
      } finally { resolve(); }
    }, 50);
    this.pathsFlush = { timer, done };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

const runMode = (uri: vscode.Uri): string => vscode.workspace.getConfiguration('aims', uri).get<string>('run', 'onType');
