// One AimsWorkspace per workspace folder that has an aims/ folder: a Linter fed from disk, from open
// (unsaved) documents and from file watchers. Everything else in the extension reads from here. A
// workspace fires its own change event whenever its findings may have changed; the service passes
// them on as one event for views, status bar and diagnostics.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AIMS_DIR, CONFIG_FILE, ConfigError, DEFAULT_CONFIG, parseConfig, type AimsConfig } from '../core/config';
import { computeCoverage, makePathKind, type CoverageReport, type PathKind } from '../core/coverage';
import { RecordMatcher } from '../core/discover';
import { gitLastChangeDatesAsync } from '../core/git';
import { decodeUtf8 } from '../core/limits';
import { Linter } from '../core/linter';
import type { Finding } from '../core/model';
import { makePathExists } from '../core/project';
import { RULES } from '../core/rules';
import { CodeMatcher } from '../core/code/config';
import { codeUses, type CodeUse } from '../core/code/match';
import { isCodeFile } from '../core/code/scan';

export class AimsWorkspace implements vscode.Disposable {
  linter: Linter;
  config: AimsConfig = { ...DEFAULT_CONFIG };
  configError: ConfigError | undefined;
  private matcher: RecordMatcher;
  private gitDates: Map<string, string> | undefined;
  /** Records whose bytes on disk are not valid UTF-8: the offset of the first bad byte. */
  private readonly invalidUtf8 = new Map<string, number>();
  /** Cached existence of repository paths (evidence); replaced when files appear or disappear. */
  private pathExists: (rel: string) => boolean;
  /** Cached kinds of repository paths (only a non-empty file inside the folder is evidence). */
  private pathKind: (rel: string) => PathKind;
  private findingsCache: Map<string, Finding[]> | undefined;
  private coverageCache: CoverageReport | undefined;
  private codeMatcher: CodeMatcher;
  private usesCache: Map<string, CodeUse[]> | undefined;
  private suppressedCache: Map<string, Finding[]> | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when findings or coverage may have changed (a record, code, the config, git dates, evidence paths). */
  readonly onDidChange = this.emitter.event;

  /** The workspace folder; replaced by AimsService.refreshFolders when its name or position changes. */
  constructor(public folder: vscode.WorkspaceFolder) {
    this.matcher = new RecordMatcher(this.config);
    this.codeMatcher = new CodeMatcher(this.config.code);
    this.pathExists = makePathExists(this.root);
    this.pathKind = makePathKind(this.root);
    this.linter = this.makeLinter();
  }

  get root(): string { return this.folder.uri.fsPath; }
  get name(): string { return this.folder.name; }

  rel(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== this.folder.uri.scheme) return undefined;
    const r = path.relative(this.root, uri.fsPath);
    if (!r || r.startsWith('..') || path.isAbsolute(r)) return undefined;
    return r.split(path.sep).join('/');
  }

  uri(rel: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...rel.split('/'));
  }

  isRecord(rel: string): boolean { return this.matcher.matches(rel); }
  /** A Python file or notebook the config's `code:` globs select. */
  isCode(rel: string): boolean { return isCodeFile(rel) && this.codeMatcher.matches(rel); }

  private makeLinter(): Linter {
    return new Linter({
      roles: this.config.roles,
      severities: this.config.rules,
      limits: this.config.limits,
      pathExists: rel => this.pathExists(rel),
      pathKind: rel => this.pathKind(rel),
      orgControlPrefix: this.config.organization_control_prefix,
      lastChange: file => this.gitDates?.get(file),
    });
  }

  /**
   * (Re)loads config and every record from disk; open documents keep their unsaved text. Git history
   * does not depend on the config: AimsService.refreshGit reads it (new workspaces, "Lint Workspace").
   */
  async load(): Promise<void> {
    await this.loadConfig();
    this.linter = this.makeLinter();
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, `${AIMS_DIR}/**/*.{yaml,yml}`), '**/node_modules/**');
    const openTexts = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      const rel = this.rel(doc.uri);
      if (rel && this.isRecord(rel)) openTexts.set(rel, doc.getText());
    }
    await Promise.all(files.map(async uri => {
      const rel = this.rel(uri);
      if (!rel || !this.isRecord(rel)) return;
      const open = openTexts.get(rel);
      if (open !== undefined) { this.linter.setFile(rel, open); return; }
      try {
        this.setFromDisk(rel, await vscode.workspace.fs.readFile(uri));
      } catch { /* deleted meanwhile */ }
    }));
    for (const [rel, text] of openTexts) if (!this.linter.has(rel)) this.linter.setFile(rel, text);
    await this.loadCode();
    this.changed();
  }

  private async loadConfig(): Promise<void> {
    this.configError = undefined;
    let text: string | undefined;
    const doc = vscode.workspace.textDocuments.find(d => this.rel(d.uri) === CONFIG_FILE);
    if (doc) text = doc.getText();
    else {
      try { text = Buffer.from(await vscode.workspace.fs.readFile(this.uri(CONFIG_FILE))).toString('utf8'); } catch { text = undefined; }
    }
    try {
      this.config = text === undefined ? { ...DEFAULT_CONFIG } : parseConfig(text, CONFIG_FILE, RULES.map(r => r.id));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.configError = e;
      this.config = { ...DEFAULT_CONFIG };
    }
    this.matcher = new RecordMatcher(this.config);
    this.codeMatcher = new CodeMatcher(this.config.code);
  }

  /** Reads the code files (config `code:`) from disk; open Python documents keep their unsaved text. */
  private async loadCode(): Promise<void> {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(this.folder, '**/*.{py,ipynb}'), '**/{node_modules,.git}/**', 100_000);
    const open = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      const rel = this.rel(doc.uri);
      if (rel && doc.uri.scheme === this.folder.uri.scheme && this.isCode(rel) && !rel.endsWith('.ipynb')) open.set(rel, doc.getText());
    }
    await Promise.all(files.map(async uri => {
      const rel = this.rel(uri);
      if (!rel || !this.isCode(rel)) return;
      const text = open.get(rel);
      if (text !== undefined) { this.linter.setCodeFile(rel, text); return; }
      try { this.linter.setCodeFile(rel, Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')); } catch { /* deleted meanwhile */ }
    }));
  }

  /** Sets the text of a code file (an editor, a notebook or the disk); true when findings may have changed. */
  updateCode(rel: string, text: string): boolean {
    if (!this.isCode(rel)) return false;
    const changed = this.linter.setCodeFile(rel, text, true);
    if (changed) this.changed();
    return changed;
  }

  removeCode(rel: string): boolean {
    const had = this.linter.deleteCodeFile(rel);
    if (had) this.changed();
    return had;
  }

  /** Where the code loads what each record tracks (record file → uses). */
  uses(): Map<string, CodeUse[]> {
    return (this.usesCache ??= codeUses(this.linter.records(), this.linter.codeScans()));
  }

  /** Git history for review-stale; only in trusted workspaces and when enabled. Resolves true when the dates changed. */
  async refreshGit(): Promise<boolean> {
    const enabled = vscode.workspace.isTrusted && vscode.workspace.getConfiguration('aims', this.folder).get<boolean>('git.enabled', true);
    const dates = enabled ? await gitLastChangeDatesAsync(this.root).catch(() => undefined) : undefined;
    const same = JSON.stringify([...(dates ?? [])]) === JSON.stringify([...(this.gitDates ?? [])]);
    this.gitDates = dates;
    if (!same) { this.linter.invalidate(); this.changed(); }
    return !same;
  }

  /**
   * Sets the text of one record from an editor. Returns true when findings may have changed. A file whose
   * bytes on disk are not valid UTF-8 stays reported and read-only (no fix) until it is saved as UTF-8.
   */
  update(rel: string, text: string): boolean {
    if (!this.isRecord(rel)) return false;
    const at = this.invalidUtf8.get(rel);
    const changed = this.linter.setFile(rel, text, at === undefined ? undefined : { invalidUtf8At: at });
    if (changed) this.changed();
    return changed;
  }

  /** Sets one record from its bytes on disk, decoded as the CLI decodes them (invalid UTF-8 reported). */
  updateFromDisk(rel: string, bytes: Uint8Array): boolean {
    if (!this.isRecord(rel)) return false;
    const changed = this.setFromDisk(rel, bytes);
    if (changed) this.changed();
    return changed;
  }

  private setFromDisk(rel: string, bytes: Uint8Array): boolean {
    const { text, invalidAt } = decodeUtf8(bytes);
    if (invalidAt === undefined) this.invalidUtf8.delete(rel); else this.invalidUtf8.set(rel, invalidAt);
    return this.linter.setFile(rel, text, invalidAt === undefined ? undefined : { invalidUtf8At: invalidAt });
  }

  remove(rel: string): boolean {
    this.invalidUtf8.delete(rel);
    const had = this.linter.deleteFile(rel);
    if (had) this.changed();
    return had;
  }

  /** A file or folder appeared or disappeared somewhere in the folder: evidence paths may resolve differently. */
  pathsChanged(): void {
    this.pathExists = makePathExists(this.root);
    this.pathKind = makePathKind(this.root);
    this.linter.invalidate();
    this.changed();
  }

  private changed(): void {
    this.findingsCache = undefined;
    this.coverageCache = undefined;
    this.usesCache = undefined;
    this.suppressedCache = undefined;
    this.emitter.fire();
  }

  findings(): Map<string, Finding[]> {
    return (this.findingsCache ??= this.linter.allFindings());
  }

  /** Findings accepted by an inline suppression comment, by file (each with its reason). */
  suppressed(): Map<string, Finding[]> {
    return (this.suppressedCache ??= this.linter.allSuppressed());
  }

  coverage(): CoverageReport {
    return (this.coverageCache ??= computeCoverage(this.linter, this.findings()));
  }

  dispose(): void { this.emitter.dispose(); }
}

/** All AIMS workspaces (multi-root aware) with one change event for views, status bar and diagnostics. */
export class AimsService implements vscode.Disposable {
  readonly workspaces = new Map<string, AimsWorkspace>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly subscriptions = new Map<AimsWorkspace, vscode.Disposable>();
  /** While > 0 (a reload runs), changes are held and fired once at the end. */
  private holding = 0;
  private held = false;

  /** Runs `work` (which may change several records or workspaces) and fires at most once, at the end. */
  atOnce(work: () => void): void {
    this.holding++;
    try { work(); } finally {
      if (--this.holding === 0 && this.held) { this.held = false; this.emitter.fire(); }
    }
  }

  /** Runs `work` with change events held, then fires once (`always`, or when anything changed). */
  private async batch(work: () => Promise<void>, always: boolean): Promise<void> {
    this.holding++;
    try { await work(); } finally {
      if (--this.holding === 0 && (this.held || always)) { this.held = false; this.emitter.fire(); }
    }
  }

  private add(key: string, ws: AimsWorkspace): void {
    this.workspaces.set(key, ws);
    this.subscriptions.set(ws, ws.onDidChange(() => this.fire()));
  }

  private drop(key: string, ws: AimsWorkspace): void {
    this.subscriptions.get(ws)?.dispose();
    this.subscriptions.delete(ws);
    ws.dispose();
    this.workspaces.delete(key);
  }

  refreshFolders(): Promise<void> {
    return this.batch(() => this.syncFolders(), true);
  }

  private async syncFolders(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const keep = new Set<string>();
    for (const f of folders) {
      const has = await exists(vscode.Uri.joinPath(f.uri, AIMS_DIR));
      if (!has) continue;
      const key = f.uri.toString();
      keep.add(key);
      const known = this.workspaces.get(key);
      if (known) known.folder = f; // its name or index may have changed
      else {
        const ws = new AimsWorkspace(f);
        this.add(key, ws);
        await ws.load();
        void this.refreshGit([ws]);
      }
    }
    for (const [key, ws] of this.workspaces) if (!keep.has(key)) this.drop(key, ws);
    await vscode.commands.executeCommand('setContext', 'aims.hasAimsFolder', this.workspaces.size > 0);
  }

  reloadAll(): Promise<void> {
    const list = [...this.workspaces.values()];
    return this.batch(async () => {
      await Promise.all(list.map(w => w.load()));
      void this.refreshGit(list);
    }, true);
  }

  /**
   * Reads the git history (review-stale) of `list` again (a workspace whose findings change fires);
   * the workspaces stay usable meanwhile. Resolves when done.
   */
  async refreshGit(list: readonly AimsWorkspace[] = this.list()): Promise<void> {
    await Promise.all(list.map(ws => ws.refreshGit()));
  }

  forUri(uri: vscode.Uri): { ws: AimsWorkspace; rel: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const ws = folder && this.workspaces.get(folder.uri.toString());
    const rel = ws?.rel(uri);
    return ws && rel ? { ws, rel } : undefined;
  }

  /** Like forUri, but only for a record (as the config matches them) or the config file itself. */
  recordFor(uri: vscode.Uri): { ws: AimsWorkspace; rel: string } | undefined {
    const hit = this.forUri(uri);
    return hit && (hit.rel === CONFIG_FILE || hit.ws.isRecord(hit.rel)) ? hit : undefined;
  }

  /** In the order of the workspace folders (not the order in which they got an AIMS workspace: a folder added later may sit between others). */
  list(): AimsWorkspace[] {
    const all = [...this.workspaces.values()];
    if (all.length < 2) return all;
    const order = new Map((vscode.workspace.workspaceFolders ?? []).map((f, i) => [f.uri.toString(), i]));
    const at = (ws: AimsWorkspace): number => order.get(ws.folder.uri.toString()) ?? Number.MAX_SAFE_INTEGER;
    return all.sort((a, b) => at(a) - at(b));
  }

  /** Tells views, status bar and diagnostics to refresh (workspaces fire by themselves; this is for settings). */
  fire(): void {
    if (this.holding) { this.held = true; return; }
    this.emitter.fire();
  }

  dispose(): void {
    for (const [key, ws] of this.workspaces) this.drop(key, ws);
    for (const d of this.disposables) d.dispose();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try { await vscode.workspace.fs.stat(uri); return true; } catch { return false; }
}
