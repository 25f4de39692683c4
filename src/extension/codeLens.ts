// Records meet the code in the editor: Python files and notebook code cells are scanned as they are
// edited (src/core/code); each dataset or model load gets a CodeLens (the record that tracks it, or
// "Create…"), a hover with the record's summary, diagnostics (per cell in notebooks) and quick fixes
// (add the URI to an existing record's identifiers, create a prefilled record). Thin: the scanner,
// matching and record text come from the engine.
import * as vscode from 'vscode';
import { identifierIndex, type Tracking } from '../core/code/match';
import { prefilledRecord, recordKindFor, shownValue, suggestedId } from '../core/code/records';
import { isNotebook, type LocatedLoad } from '../core/code/scan';
import { computeEdits, EditError } from '../core/edit';
import type { Kind } from '../core/model';
import { todayIso } from '../core/rule';
import { KEBAB_ID, KIND_SPECS } from '../core/schema';
import { AimsDiagnostic, toRange, toTextEdit } from './convert';
import { codeSpan, escapeMarkdown as esc } from './markdown';
import type { AimsService, AimsWorkspace } from './workspace';

const FORM_VIEW_TYPE = 'aims.recordForm';
const CODE_RULES = new Set(['untracked-dataset', 'untracked-model']);

/** Arguments of aims.createRecordForLoad and aims.addIdentifierToRecord (the folder as a URI string). */
export interface LoadArgs { folder: string; kind: 'dataset' | 'model'; value: string; id?: string; record?: string }

/** A load as it stands in one editor document: a .py file, or one cell of a notebook. */
export interface DocLoad { ws: AimsWorkspace; rel: string; load: LocatedLoad; range: vscode.Range }

/** The text a notebook would have on disk, rebuilt from its open cells (for unsaved edits). */
export function notebookText(nb: vscode.NotebookDocument): string {
  const cells = nb.getCells().map(c => ({
    cell_type: c.kind === vscode.NotebookCellKind.Code ? (c.document.languageId === 'python' ? 'code' : 'raw') : 'markdown',
    metadata: {},
    source: c.document.getText().match(/[^\n]*\n|[^\n]+$/g) ?? [],
  }));
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }, null, 1);
}

export class CodeFeatures implements vscode.Disposable, vscode.CodeLensProvider, vscode.HoverProvider, vscode.CodeActionProvider {
  static readonly selector: vscode.DocumentSelector = [{ language: 'python' }];
  private readonly lensEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensEmitter.event;
  private readonly notebookDiagnostics = vscode.languages.createDiagnosticCollection('aims-notebooks');
  private publishedNb = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [this.lensEmitter, this.notebookDiagnostics];

  constructor(private readonly service: AimsService) {
    this.disposables.push(
      service.onDidChange(() => { this.publishNotebooks(); this.lensEmitter.fire(); }),
      vscode.workspace.onDidChangeTextDocument(e => { if (e.contentChanges.length) this.schedule(e.document); }),
      vscode.workspace.onDidOpenTextDocument(d => this.syncSoon(d)),
      vscode.workspace.onDidSaveTextDocument(d => this.syncSoon(d)),
      vscode.workspace.onDidOpenNotebookDocument(nb => this.syncNotebook(nb)),
      vscode.workspace.onDidSaveNotebookDocument(nb => this.syncNotebook(nb)),
      vscode.workspace.onDidCloseNotebookDocument(nb => { void this.fromDisk(nb.uri); }),
      vscode.workspace.onDidCloseTextDocument(d => { if (d.uri.scheme !== 'vscode-notebook-cell' && d.isDirty) void this.fromDisk(d.uri); }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{py,ipynb}');
    this.disposables.push(watcher,
      watcher.onDidCreate(u => this.fromDisk(u)),
      watcher.onDidChange(u => this.fromDisk(u)),
      watcher.onDidDelete(u => { const hit = this.codeHit(u); if (hit) hit.ws.removeCode(hit.rel); }),
    );
  }

  /** Resolves when scheduled syncs have run (tests). */
  async idle(): Promise<void> {
    while (this.timers.size || this.pending.size) {
      for (const [key, t] of this.timers) { clearTimeout(t); this.timers.delete(key); const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === key); if (doc) this.sync(doc); }
      await Promise.all(this.pending.values());
    }
  }

  private codeHit(uri: vscode.Uri): { ws: AimsWorkspace; rel: string } | undefined {
    const hit = this.service.forUri(uri);
    return hit && hit.ws.isCode(hit.rel) ? hit : undefined;
  }

  private notebookOf(doc: vscode.TextDocument): { nb: vscode.NotebookDocument; index: number } | undefined {
    if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
    for (const nb of vscode.workspace.notebookDocuments) {
      const cell = nb.getCells().find(c => c.document === doc || c.document.uri.toString() === doc.uri.toString());
      if (cell) return { nb, index: cell.index };
    }
    return undefined;
  }

  private schedule(doc: vscode.TextDocument): void {
    const nb = this.notebookOf(doc);
    if (!nb && !this.codeHit(doc.uri)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.sync(doc); }, 200));
  }

  private syncSoon(doc: vscode.TextDocument): void {
    if (doc.uri.scheme === 'vscode-notebook-cell' || this.codeHit(doc.uri)) this.sync(doc);
  }

  /** Brings the engine up to date with a document's text (a .py file, or the notebook of a cell). */
  sync(doc: vscode.TextDocument): void {
    const nb = this.notebookOf(doc);
    if (nb) { this.syncNotebook(nb.nb); return; }
    const hit = this.codeHit(doc.uri);
    if (hit) hit.ws.updateCode(hit.rel, doc.getText());
  }

  private syncNotebook(nb: vscode.NotebookDocument): void {
    const hit = this.codeHit(nb.uri);
    if (hit) hit.ws.updateCode(hit.rel, notebookText(nb));
  }

  private fromDisk(uri: vscode.Uri): Promise<void> {
    const hit = this.codeHit(uri);
    if (!hit) return Promise.resolve();
    // open documents are the truth: unsaved text, or a notebook's cells
    if (vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString() && d.isDirty)) return Promise.resolve();
    const nb = vscode.workspace.notebookDocuments.find(n => n.uri.toString() === uri.toString());
    if (nb) { this.syncNotebook(nb); return Promise.resolve(); }
    const key = `disk:${uri.toString()}`;
    const p = (async () => {
      try {
        const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
        hit.ws.updateCode(hit.rel, text);
      } catch { hit.ws.removeCode(hit.rel); }
    })().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  /** The loads of a document (for a cell: those in the cell), with editor ranges; current with its text. */
  loadsOf(doc: vscode.TextDocument): DocLoad[] {
    const nb = this.notebookOf(doc);
    if (nb) {
      const hit = this.codeHit(nb.nb.uri);
      if (!hit) return [];
      if (this.timers.has(doc.uri.toString())) { clearTimeout(this.timers.get(doc.uri.toString())); this.timers.delete(doc.uri.toString()); this.syncNotebook(nb.nb); }
      const scan = hit.ws.linter.codeScan(hit.rel);
      if (!scan) return [];
      const text = doc.getText();
      return scan.loads.filter(l => l.cell?.cell === nb.index).map(load => {
        const start = new vscode.Position(load.cell!.line, load.cell!.column);
        const startOffset = doc.offsetAt(start);
        return { ws: hit.ws, rel: hit.rel, load, range: new vscode.Range(start, doc.positionAt(Math.min(text.length, startOffset + (load.to - load.from)))) };
      });
    }
    const hit = this.codeHit(doc.uri);
    if (!hit) return [];
    // the lens and hover follow the text on screen, even before the debounced sync
    if (hit.ws.linter.codeText(hit.rel) !== doc.getText()) hit.ws.updateCode(hit.rel, doc.getText());
    const scan = hit.ws.linter.codeScan(hit.rel);
    return (scan?.loads ?? []).map(load => ({ ws: hit.ws, rel: hit.rel, load, range: toRange(load.range) }));
  }

  private tracking(dl: DocLoad): Tracking | undefined {
    return identifierIndex(dl.ws.linter.records()).lookup(dl.load);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const out: vscode.CodeLens[] = [];
    for (const dl of this.loadsOf(doc)) {
      const range = new vscode.Range(dl.range.start.line, 0, dl.range.start.line, 0);
      const t = this.tracking(dl);
      const folder = dl.ws.folder.uri.toString();
      if (t) {
        const s = t.record.summary;
        const n = dl.ws.findings().get(t.record.file)?.length ?? 0;
        out.push(new vscode.CodeLens(range, {
          title: `${s.kind} ${s.id ?? t.record.file} · ${s.status ?? 'no status'} · ${n} finding${n === 1 ? '' : 's'}`,
          tooltip: `${s.title ?? ''} (${t.record.file}) names '${t.identifier}'. Open the record.`,
          command: 'aims.openRecord', arguments: [dl.ws.uri(t.record.file), 0],
        }));
      } else if (dl.load.value !== undefined) {
        const args: LoadArgs = { folder, kind: dl.load.kind, value: dl.load.value };
        out.push(new vscode.CodeLens(range, {
          title: dl.load.kind === 'dataset' ? 'No provenance record — Create…' : 'No model card — Create…',
          tooltip: `Create a ${recordKindFor(dl.load)} record for '${shownValue(dl.load.value)}' and open its form.`,
          command: 'aims.createRecordForLoad', arguments: [args],
        }));
        out.push(new vscode.CodeLens(range, {
          title: 'Add to an existing record…',
          tooltip: `Add '${shownValue(dl.load.value)}' to the identifiers of an existing ${recordKindFor(dl.load)}.`,
          command: 'aims.addIdentifierToRecord', arguments: [args],
        }));
      } else {
        out.push(new vscode.CodeLens(range, { title: `Dynamic ${dl.load.kind}: named only at run time`, tooltip: dl.load.dynamic ?? '', command: '' }));
      }
    }
    return out;
  }

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const dl = this.loadsOf(doc).find(l => l.range.contains(pos));
    if (!dl) return undefined;
    const md = new vscode.MarkdownString();
    const t = this.tracking(dl);
    const v = dl.load.value ?? `${dl.load.prefix ?? ''}…`;
    if (t) {
      const s = t.record.summary;
      const c = { error: 0, warning: 0, info: 0 };
      for (const f of dl.ws.findings().get(t.record.file) ?? []) c[f.severity]++;
      md.appendMarkdown(`**${esc(s.title ?? s.id ?? t.record.file)}**\n\n`);
      md.appendMarkdown(`${esc(s.kind)} ${codeSpan(s.id ?? '')} · status **${esc(s.status ?? 'not set')}** · owner ${esc(s.owner ?? 'not set')}${s.review_by ? ` · review by ${esc(s.review_by)}` : ''}\n\n`);
      md.appendMarkdown(`${c.error} errors, ${c.warning} warnings, ${c.info} infos · tracked by the identifier ${codeSpan(t.identifier)}\n\n`);
      md.appendMarkdown(`${esc(t.record.file)}`);
    } else if (dl.load.value !== undefined) {
      md.appendMarkdown(`**No ${recordKindFor(dl.load)} record names ${codeSpan(shownValue(v))}**\n\n${esc(dl.load.library)} loads this ${dl.load.kind}. Create a record for it or add it to a record's identifiers (CodeLens above, or the quick fixes).`);
    } else {
      md.appendMarkdown(`**${esc(dl.load.library)} loads a ${dl.load.kind} named only at run time**\n\n${esc(dl.load.dynamic ?? '')}`);
    }
    return new vscode.Hover(md, dl.range);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const loads = this.loadsOf(doc);
    for (const d of context.diagnostics) {
      const rule = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      if (d.source !== 'aims' || !CODE_RULES.has(rule)) continue;
      const dl = loads.find(l => l.range.start.isEqual(d.range.start));
      if (!dl || dl.load.value === undefined) continue;
      const args: LoadArgs = { folder: dl.ws.folder.uri.toString(), kind: dl.load.kind, value: dl.load.value };
      const add = new vscode.CodeAction(`Add '${shownValue(dl.load.value)}' to an existing record's identifiers…`, vscode.CodeActionKind.QuickFix);
      add.diagnostics = [d];
      add.isPreferred = true;
      add.command = { title: add.title, command: 'aims.addIdentifierToRecord', arguments: [args] };
      const create = new vscode.CodeAction(`Create a ${recordKindFor(dl.load)} record for '${shownValue(dl.load.value)}'…`, vscode.CodeActionKind.QuickFix);
      create.diagnostics = [d];
      create.command = { title: create.title, command: 'aims.createRecordForLoad', arguments: [args] };
      out.push(add, create);
    }
    return out;
  }

  /** Diagnostics of notebooks: on their cells when open, on the .ipynb file otherwise. */
  publishNotebooks(): void {
    const next = new Set<string>();
    const enabled = vscode.workspace.getConfiguration('aims').get<boolean>('enable', true);
    for (const ws of enabled ? this.service.list() : []) {
      for (const [file, findings] of ws.findings()) {
        if (!isNotebook(file)) continue;
        const uri = ws.uri(file);
        const nb = vscode.workspace.notebookDocuments.find(n => n.uri.toString() === uri.toString());
        const scan = ws.linter.codeScan(file);
        if (!nb || !scan) {
          this.notebookDiagnostics.set(uri, findings.map(f => new AimsDiagnostic(f, ws)));
          next.add(uri.toString());
          continue;
        }
        const byCell = new Map<number, vscode.Diagnostic[]>();
        for (const f of findings) {
          const load = scan.loads.find(l => l.range.startOffset === f.range?.startOffset);
          if (!load?.cell) continue;
          const d = new AimsDiagnostic(f, ws);
          const cellDoc = nb.cellAt(load.cell.cell)?.document;
          if (!cellDoc) continue;
          const start = new vscode.Position(load.cell.line, load.cell.column);
          d.range = new vscode.Range(start, cellDoc.positionAt(cellDoc.offsetAt(start) + (load.to - load.from)));
          const l = byCell.get(load.cell.cell);
          if (l) l.push(d); else byCell.set(load.cell.cell, [d]);
        }
        for (const [index, list] of byCell) {
          const cellUri = nb.cellAt(index).document.uri;
          this.notebookDiagnostics.set(cellUri, list);
          next.add(cellUri.toString());
        }
      }
    }
    for (const old of this.publishedNb) if (!next.has(old)) this.notebookDiagnostics.delete(vscode.Uri.parse(old));
    this.publishedNb = next;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function wsOf(service: AimsService, folder: string): AimsWorkspace | undefined {
  return service.list().find(w => w.folder.uri.toString() === folder);
}

/** Creates a record prefilled with the load's identifier and opens it in the form; returns its URI. */
async function createRecordForLoad(service: AimsService, args: LoadArgs): Promise<vscode.Uri | undefined> {
  const ws = wsOf(service, args?.folder);
  if (!ws || typeof args.value !== 'string') return undefined;
  const kind: Kind = args.kind === 'dataset' ? 'DataProvenance' : 'ModelCard';
  const taken = (id: string) => ws.linter.recordById(id).length > 0;
  const validId = (v: string): string | undefined => !KEBAB_ID.test(v) ? 'Use lowercase letters and digits joined by hyphens.' : taken(v) ? `A record with id '${v}' exists already.` : undefined;
  const id = args.id ?? await vscode.window.showInputBox({
    title: `New ${KIND_SPECS[kind].title} for '${shownValue(args.value)}'`, prompt: 'Id of the record (kebab-case); the file is named after it',
    value: suggestedId(args.value, taken), validateInput: validId,
  });
  if (!id || validId(id)) { if (id) void vscode.window.showErrorMessage(`AIMS: ${validId(id)}`); return undefined; }
  const rec = prefilledRecord(kind, args.value, { id, today: todayIso() });
  const uri = ws.uri(rec.file);
  try { await vscode.workspace.fs.stat(uri); void vscode.window.showErrorMessage(`AIMS: ${rec.file} exists already.`); return undefined; } catch { /* free */ }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(rec.text, 'utf8'));
  ws.update(rec.file, rec.text);
  await vscode.commands.executeCommand('vscode.openWith', uri, FORM_VIEW_TYPE);
  return uri;
}

/** Adds the load's identifier to a record the user picks (or `args.record`, a record file); one undoable edit, saved. */
async function addIdentifierToRecord(service: AimsService, args: LoadArgs): Promise<boolean> {
  const ws = wsOf(service, args?.folder);
  if (!ws || typeof args.value !== 'string') return false;
  const kind: Kind = args.kind === 'dataset' ? 'DataProvenance' : 'ModelCard';
  const candidates = ws.linter.records().filter(r => r.summary.kind === kind || r.summary.kind === 'DataProvenance' || r.summary.kind === 'ModelCard')
    .sort((a, b) => (a.summary.kind === kind ? 0 : 1) - (b.summary.kind === kind ? 0 : 1) || (a.file < b.file ? -1 : 1));
  let file = args.record;
  if (!file) {
    const pick = await vscode.window.showQuickPick(candidates.map(r => ({
      label: r.summary.title ?? r.summary.id ?? r.file, description: `${r.summary.kind} · ${r.summary.id ?? ''}`,
      detail: r.summary.identifiers?.length ? `identifiers: ${r.summary.identifiers.join(', ')}` : 'no identifiers yet', file: r.file,
    })), { title: `Add '${shownValue(args.value)}' to the identifiers of…`, placeHolder: 'Record that describes this ' + args.kind, matchOnDescription: true, matchOnDetail: true });
    file = pick?.file;
  }
  const record = candidates.find(r => r.file === file);
  if (!record) return false;
  const uri = ws.uri(record.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const has = Array.isArray(record.summary.identifiers) && /^identifiers\s*:/m.test(doc.getText());
  let result;
  try {
    result = computeEdits(doc.getText(), [has ? { op: 'append', path: ['identifiers'], values: [args.value] } : { op: 'set', path: ['identifiers'], value: [args.value] }]);
  } catch (e) {
    if (e instanceof EditError) { void vscode.window.showErrorMessage(`AIMS: cannot edit ${record.file}: ${e.message}`); return false; }
    throw e;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, result.edits.map(e => toTextEdit(doc, e)));
  if (!await vscode.workspace.applyEdit(edit)) return false;
  await doc.save();
  ws.update(record.file, doc.getText());
  return true;
}

export function registerCodeFeatures(context: vscode.ExtensionContext, service: AimsService): CodeFeatures {
  const features = new CodeFeatures(service);
  context.subscriptions.push(features,
    vscode.languages.registerCodeLensProvider(CodeFeatures.selector, features),
    vscode.languages.registerHoverProvider(CodeFeatures.selector, features),
    vscode.languages.registerCodeActionsProvider(CodeFeatures.selector, features, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('aims.createRecordForLoad', (args: LoadArgs) => createRecordForLoad(service, args)),
    vscode.commands.registerCommand('aims.addIdentifierToRecord', (args: LoadArgs) => addIdentifierToRecord(service, args)),
    vscode.commands.registerCommand('aims.openCodeUse', async (uri: vscode.Uri, line: number, cell?: number) => {
      if (cell !== undefined) {
        const nb = await vscode.workspace.openNotebookDocument(uri);
        await vscode.window.showNotebookDocument(nb, { selections: [new vscode.NotebookRange(cell, cell + 1)] });
        const doc = nb.cellAt(cell).document;
        await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0) });
        return;
      }
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
    }),
  );
  return features;
}

