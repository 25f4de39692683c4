// The record form: a CustomTextEditorProvider over aims/ records (the page is webview-ui/src/form).
//
// The text document stays the single source of truth. The page shows formState() of the document's
// text with the workspace's findings, and sends form changes; each change is turned into minimal text
// edits by formEdit() (comments and untouched lines stay byte-identical) and applied as a
// WorkspaceEdit, so undo/redo, dirty state, save and conflicts with the file on disk are VS Code's own.
// Any change of the document (from the form, the text editor, undo, a fix, the disk) or of the
// workspace's findings posts a new view to the page. Nothing is ever written while the text does not
// parse, and never as a whole-file replacement.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AIMS_DIR, CONFIG_FILE } from '../core/config';
import { formEdit, formModel, formState, pathKey, referenceOptions, sameValue, valueAt, type FormChange, type FormInput, type FormModel } from '../core/form';
import type { Finding, Fix, Kind, Path } from '../core/model';
import { getRule } from '../core/rules';
import {
  parseFormMessage, referenceKindsKey, type ExtensionToForm, type FindingView, type FixView, type FormToExtension, type FormView, type ReferenceOption,
} from '../../webview-ui/src/form/protocol';
import { fixToWorkspaceEdit } from './codeActions';
import { toTextEdit } from './convert';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { logError } from './log';
import type { AimsService } from './workspace';

/** One open form: a webview panel on a document. */
export interface FormSession {
  readonly document: vscode.TextDocument;
  readonly panel: vscode.WebviewPanel;
  /** The page has loaded and asked for its state. */
  ready: boolean;
  /** The last view posted to the page. */
  lastView?: FormView;
  /** The last messages posted (newest last; for tests and diagnosis). */
  readonly posted: ExtensionToForm[];
}

interface Session extends FormSession {
  lastJson?: string;
  /** Data of the views recently posted, by document version: edits made on an older view are checked against it. */
  readonly dataByVersion: Map<number, Record<string, unknown> | undefined>;
  /** Edits and fixes run one after another, each on the then current text. */
  queue: Promise<void>;
  timer?: NodeJS.Timeout;
}

const RECORD_PATH = new RegExp(`(^|/)${AIMS_DIR}/.*\\.ya?ml$`);

export class RecordFormProvider implements vscode.CustomTextEditorProvider, vscode.Disposable {
  static readonly viewType = 'aims.recordForm';
  private readonly sessions = new Set<Session>();
  private readonly models = new Map<Kind, FormModel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext, readonly service: AimsService) {
    this.disposables.push(
      // the findings or the set of records changed (any record of the workspace): every form may show other findings or references
      service.onDidChange(() => { for (const s of this.sessions) this.schedule(s, 0); }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const s of this.sessions) clearTimeout(s.timer);
    this.sessions.clear();
  }

  async resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): Promise<void> {
    const s: Session = { document, panel, ready: false, posted: [], dataByVersion: new Map(), queue: Promise.resolve() };
    this.sessions.add(s);
    panel.webview.options = webviewOptions(this.context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.context.extensionUri, 'form', `AIMS form: ${path.basename(document.uri.path)}`);
    const subs = [
      panel.webview.onDidReceiveMessage(m => { void this.receive(s, m); }),
      vscode.workspace.onDidChangeTextDocument(e => {
        // typing, undo/redo, fixes, a reload from disk: the form follows at once
        if (e.document === document && e.contentChanges.length) this.schedule(s, 0);
      }),
    ];
    panel.onDidDispose(() => {
      clearTimeout(s.timer);
      this.sessions.delete(s);
      for (const d of subs) d.dispose();
    });
  }

  // ---- test and API hooks ----

  /** The open forms of a document. */
  sessionsFor(uri: vscode.Uri): FormSession[] {
    return this.sessionsOf(uri);
  }

  private sessionsOf(uri: vscode.Uri): Session[] {
    return [...this.sessions].filter(s => s.document.uri.toString() === uri.toString());
  }

  /** The view last posted to (the first) form of `uri`. */
  lastView(uri: vscode.Uri): FormView | undefined {
    return this.sessionsFor(uri).find(s => s.lastView)?.lastView;
  }

  /**
   * Handles `message` exactly as if the page of the (first) form on `uri` had sent it, and resolves
   * when it has been acted on. Returns false when the message was rejected (or no form is open).
   */
  async handleMessageForTest(uri: vscode.Uri, message: unknown): Promise<boolean> {
    const s = this.sessionsOf(uri)[0];
    if (!s) return false;
    return this.receive(s, message);
  }

  // ---- messages from the page ----

  private async receive(s: Session, raw: unknown): Promise<boolean> {
    const m = parseFormMessage(raw);
    if (!m) return false; // not ours, or malformed: ignored
    switch (m.type) {
      case 'ready':
        s.ready = true;
        s.lastJson = undefined; // a reloaded page has nothing: send everything again
        this.post(s);
        return true;
      case 'edit':
        await this.enqueue(s, () => this.edit(s, m.change, m.version));
        return true;
      case 'applyFix':
        await this.enqueue(s, () => this.applyFix(s, m));
        return true;
      case 'showRuleDocs':
        if (!getRule(m.ruleId)) return false;
        await vscode.commands.executeCommand('aims.showRuleDocs', m.ruleId);
        return true;
      case 'openText':
        await openText(s.document.uri, m.line);
        return true;
      case 'createRecord':
        await this.createRecord(s, m);
        return true;
      case 'save':
        await this.enqueue(s, async () => { if (!s.document.isClosed) await s.document.save(); });
        return true;
      case 'openRecord': {
        const hit = this.service.forUri(s.document.uri);
        const target = hit?.ws.linter.recordById(m.id)[0];
        if (!hit || !target) { void vscode.window.showInformationMessage(`AIMS: there is no record with id '${m.id}'.`); return false; }
        await vscode.commands.executeCommand('vscode.openWith', hit.ws.uri(target.file), RecordFormProvider.viewType);
        return true;
      }
    }
  }

  private enqueue(s: Session, fn: () => Promise<void>): Promise<void> {
    const run = s.queue.then(fn, fn);
    s.queue = run.catch(e => { logError(`record form of ${s.document.uri.fsPath}`, e); });
    return s.queue;
  }

  private fail(s: Session, change: FormChange | undefined, message: string): void {
    this.send(s, { type: 'editFailed', key: change ? pathKey(change.path) : '', message });
  }

  /** Applies one form change to the current text; `version` is the document version of the view it was made on. */
  private async edit(s: Session, change: FormChange, version: number): Promise<void> {
    const doc = s.document;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (doc.isClosed) return;
      const text = doc.getText();
      const state = formState(text);
      if (!state.editable) { this.fail(s, change, 'The file has problems the form cannot edit over: correct them in the text editor.'); return; }
      // the document changed since the page rendered: positions in lists must still name the same items
      if (version !== doc.version && !this.listsUnchanged(s, change, version, state.data)) {
        this.fail(s, change, 'The list changed in the meantime; the form shows it again. Make the change once more.');
        this.post(s, true);
        return;
      }
      const r = formEdit(text, change, state.kind);
      if (!r.ok) { this.fail(s, change, r.error); this.post(s, true); return; }
      if (!r.edits.length) { this.post(s, true); return; }
      const we = new vscode.WorkspaceEdit();
      we.set(doc.uri, r.edits.map(e => toTextEdit(doc, e)));
      // applyEdit refuses edits made for an older version of the document: then compute them again
      if (await vscode.workspace.applyEdit(we)) return;
    }
    this.fail(s, change, 'The document kept changing while the form wrote to it; make the change once more.');
    this.post(s, true);
  }

  /**
   * Whether the list positions a change names (made on the view of `version`) still name the same
   * items: every list on the change's path has as many items as then, and all items but the one on the
   * path are as they were (the form's own edit of that item, sent just before, may have changed it;
   * a reorder or a removal changes others). Removing or moving needs the whole list unchanged; an
   * insert at an index the same number of items.
   */
  private listsUnchanged(s: Session, change: FormChange, version: number, now: unknown): boolean {
    const p = change.path;
    const through: { list: Path; index: number }[] = [];
    p.forEach((seg, i) => { if (typeof seg === 'number') through.push({ list: p.slice(0, i), index: seg }); });
    const whole = change.type === 'remove-item' || change.type === 'move-item' ? p : undefined;
    const insertInto = change.type === 'add-item' && change.index !== undefined ? p : undefined;
    if (!through.length && !whole && !insertInto) return true;
    if (!s.dataByVersion.has(version)) return false;
    const then = s.dataByVersion.get(version);
    const length = (v: unknown): number => (Array.isArray(v) ? v.length : v === undefined || v === null ? 0 : 1);
    const othersSame = ({ list, index }: { list: Path; index: number }): boolean => {
      const a = valueAt(then, list), b = valueAt(now, list);
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      return a.every((x, i) => i === index || sameValue(x, b[i]));
    };
    return through.every(othersSame)
      && (!whole || sameValue(valueAt(then, whole), valueAt(now, whole)))
      && (!insertInto || length(valueAt(then, insertInto)) === length(valueAt(now, insertInto)));
  }

  private async applyFix(s: Session, m: Extract<FormToExtension, { type: 'applyFix' }>): Promise<void> {
    const doc = s.document;
    const hit = this.service.forUri(doc.uri);
    if (!hit || doc.isClosed) return;
    // findings of exactly this text (the debounced lint may not have run yet)
    hit.ws.update(hit.rel, doc.getText());
    const finding = (hit.ws.findings().get(hit.rel) ?? []).find(f => f.ruleId === m.ruleId && pathKey(f.path) === m.key
      && (f.fix?.title === m.title || f.suggestions?.some(x => x.title === m.title)));
    const fix = finding && (finding.fix?.title === m.title ? finding.fix : finding.suggestions?.find(x => x.title === m.title));
    if (!fix) { this.send(s, { type: 'editFailed', key: m.key, message: 'This fix no longer applies; the form shows the current findings.' }); this.post(s, true); return; }
    const edit = fixToWorkspaceEdit(doc, fix, hit.ws);
    if (!edit || !(await vscode.workspace.applyEdit(edit))) {
      this.send(s, { type: 'editFailed', key: m.key, message: `Could not apply “${fix.title}”; use the quick fix in the text editor.` });
      return;
    }
    const created = fix.ops.find(o => o.op === 'create-file');
    if (created?.op === 'create-file') await vscode.commands.executeCommand('vscode.openWith', hit.ws.uri(created.file), RecordFormProvider.viewType);
  }

  private async createRecord(s: Session, m: Extract<FormToExtension, { type: 'createRecord' }>): Promise<void> {
    const kind = m.kinds.length === 1 ? m.kinds[0] : undefined;
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('aims.newRecord', kind, m.id);
    if (!uri) return;
    const id = path.basename(uri.path).replace(/\.ya?ml$/, '');
    await this.enqueue(s, () => this.edit(s, { type: 'set', path: m.path, value: id }, s.document.version));
    this.send(s, { type: 'focus', key: pathKey(m.path) });
  }

  // ---- views to the page ----

  private schedule(s: Session, ms: number): void {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => { s.timer = undefined; this.post(s); }, ms);
  }

  private send(s: Session, m: ExtensionToForm): void {
    s.posted.push(m);
    if (s.posted.length > 20) s.posted.splice(0, s.posted.length - 20);
    void s.panel.webview.postMessage(m);
  }

  /** Posts the view of the current text, unless the page has exactly this view already (or `force`). */
  private post(s: Session, force = false): void {
    clearTimeout(s.timer);
    s.timer = undefined;
    if (s.document.isClosed) return;
    const view = this.view(s);
    const json = JSON.stringify(view);
    s.lastView = view;
    s.dataByVersion.set(view.version, view.data);
    if (s.dataByVersion.size > 32) s.dataByVersion.delete(s.dataByVersion.keys().next().value as number);
    if (!s.ready || (!force && json === s.lastJson)) return;
    s.lastJson = json;
    this.send(s, { type: 'state', view });
  }

  private model(kind: Kind): FormModel {
    let m = this.models.get(kind);
    if (!m) { m = formModel(kind); this.models.set(kind, m); }
    return m;
  }

  private view(s: Session): FormView {
    const doc = s.document;
    const text = doc.getText();
    const hit = this.service.forUri(doc.uri);
    const findings: Finding[] = hit ? hit.ws.findings().get(hit.rel) ?? [] : [];
    const st = formState(text, findings);
    const model = st.kind ? this.model(st.kind) : undefined;
    const references: Record<string, ReferenceOption[]> = {};
    if (model && hit) {
      const records = hit.ws.linter.records().filter(r => r.file !== hit.rel);
      for (const kinds of referenceKinds(model)) {
        references[referenceKindsKey(kinds)] = referenceOptions(records, kinds).map(r => {
          const o: ReferenceOption = { id: r.id, kind: r.kind };
          if (r.title) o.title = r.title;
          return o;
        });
      }
    }
    const view: FormView = {
      version: doc.version,
      file: hit?.rel ?? path.basename(doc.uri.path),
      editable: st.editable,
      problems: st.problems,
      findings: st.findings.map(f => {
        const v: FindingView = {
          ruleId: f.ruleId, severity: f.severity, message: f.message, key: f.key, path: f.path, controls: f.controls,
          fixes: [...(f.fix ? [{ fix: f.fix, preferred: true }] : []), ...(f.suggestions ?? []).map(x => ({ fix: x, preferred: false }))]
            .map(({ fix, preferred }) => {
              const x: FixView = { title: fix.title, preferred };
              const into = insertedField(fix, st.data);
              if (into !== undefined) x.focus = into;
              return x;
            }),
        };
        if (f.line !== undefined) v.line = f.line;
        return v;
      }),
      unknownPaths: st.unknownPaths,
      references,
    };
    if (st.kind) view.kind = st.kind;
    if (model) view.model = model;
    if (st.data) view.data = st.data;
    return view;
  }
}

/** The key of the field a fix adds (its first `set` of a path the record does not have yet). */
function insertedField(fix: Fix, data: Record<string, unknown> | undefined): string | undefined {
  const op = fix.ops.find(o => o.op === 'set');
  return op?.op === 'set' && valueAt(data, op.path) === undefined ? pathKey(op.path) : undefined;
}

/** The kinds sets of every reference input of a form. */
function referenceKinds(model: FormModel): Kind[][] {
  const out = new Map<string, Kind[]>();
  const visit = (input: FormInput): void => {
    if (input.type === 'ref') out.set(referenceKindsKey(input.kinds), input.kinds);
    else if (input.type === 'list') visit(input.item);
    else if (input.type === 'object' || input.type === 'object-list') for (const f of input.fields) visit(f.input);
  };
  for (const g of model.groups) for (const f of g.fields) visit(f.input);
  return [...out.values()];
}

function isRecordUri(uri: vscode.Uri): boolean {
  return RECORD_PATH.test(uri.path) && !uri.path.endsWith('/' + CONFIG_FILE);
}

/** The uri of the active tab when it is a record form. */
function activeFormUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === RecordFormProvider.viewType ? input.uri : undefined;
}

const sameUri = (a: vscode.Uri, b: vscode.Uri): boolean => a.toString() === b.toString();

/** The tab's resource when it is a text editor or a custom editor. */
function tabUri(t: vscode.Tab): vscode.Uri | undefined {
  return t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputCustom ? t.input.uri : undefined;
}

/** Whether the tab shows its resource in `viewType` ('default': the text editor). */
function showsAs(t: vscode.Tab, viewType: string): boolean {
  return viewType === 'default' ? t.input instanceof vscode.TabInputText : t.input instanceof vscode.TabInputCustom && t.input.viewType === viewType;
}

/**
 * Shows `uri` in `viewType` ('default' for the text editor) in place of the tab of the active group
 * that shows it in the other editor: the same group, the same position, one tab ("Reopen Editor
 * With…", the workbench's reopenActiveEditorWith, which replaces the editor without reverting unsaved
 * changes: both editors are views of one document). Without such a tab, it opens the editor.
 */
export async function reopenInPlace(uri: vscode.Uri, viewType: string): Promise<void> {
  const group = vscode.window.tabGroups.activeTabGroup;
  const active = group.activeTab;
  const u = active && tabUri(active);
  if (active && u && sameUri(u, uri) && !showsAs(active, viewType)) {
    try {
      await vscode.commands.executeCommand('reopenActiveEditorWith', viewType);
      const now = vscode.window.tabGroups.activeTabGroup.activeTab;
      const nu = now && tabUri(now);
      if (now && nu && sameUri(nu, uri) && showsAs(now, viewType)) return;
    } catch { /* not offered by this workbench: open it next to the other */ }
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType, { viewColumn: group.viewColumn });
}

async function openText(uri: vscode.Uri, line?: number): Promise<void> {
  await reopenInPlace(uri, 'default');
  const editor = vscode.window.activeTextEditor;
  if (line !== undefined && editor && editor.document.uri.toString() === uri.toString()) {
    const pos = new vscode.Position(Math.max(0, Math.min(line - 1, editor.document.lineCount - 1)), 0);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

type RecordArg = vscode.Uri | { ws: { uri(rel: string): vscode.Uri }; record: { file: string } } | undefined;

function uriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const a = arg as RecordArg;
  if (a && typeof a === 'object' && 'record' in a && a.record && typeof a.record.file === 'string' && a.ws && typeof a.ws.uri === 'function') return a.ws.uri(a.record.file);
  return undefined;
}

export function registerFormEditor(context: vscode.ExtensionContext, service: AimsService): RecordFormProvider {
  const provider = new RecordFormProvider(context, service);
  context.subscriptions.push(
    provider,
    vscode.window.registerCustomEditorProvider(RecordFormProvider.viewType, provider, {
      // the page keeps typed-but-not-yet-written text, focus, scroll and open groups while its tab is hidden
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    // editor title (text editor of a record), tree item context menu, explorer context menu, palette
    vscode.commands.registerCommand('aims.openForm', async (arg?: unknown) => {
      const uri = uriOf(arg) ?? vscode.window.activeTextEditor?.document.uri;
      if (!uri || !isRecordUri(uri)) {
        void vscode.window.showInformationMessage('AIMS: open a record under aims/ (a .yaml file) to edit it in the form.');
        return undefined;
      }
      await reopenInPlace(uri, RecordFormProvider.viewType);
      return uri;
    }),
    // editor title of the form: the same file in the text editor
    vscode.commands.registerCommand('aims.openText', async (arg?: unknown) => {
      const uri = uriOf(arg) ?? activeFormUri();
      if (!uri) return undefined;
      await openText(uri);
      return uri;
    }),
  );
  return provider;
}
