// Shared by the extension-host tests (single folder and multi-root).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AimsApi } from '../../src/extension/extension';

export const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms));

/** Polls until `fn` returns a truthy value; returns it with the time it took. */
export async function waitFor<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000, what = 'condition'): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return { value: v as T, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export const EXT_ID = 'aims-tools.aims-lint';

/** Activates the extension (installed from the development path) and waits for its aims/ workspace(s) to load. */
export async function activateAims(): Promise<AimsApi> {
  const ext = vscode.extensions.getExtension<AimsApi>(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  const api = await ext.activate();
  await waitFor(() => api.service.list().length > 0, 10_000, 'the aims/ workspace to load');
  return api;
}

/** The diagnostics the extension published for `uri`. */
export const aimsDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter(d => d.source === 'aims');
/** A diagnostic's rule id. */
export const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Replaces the whole text of `doc` with one (undoable) edit. */
export async function replaceAll(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}
