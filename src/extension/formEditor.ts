// The record form: a CustomTextEditorProvider over aims/ records (webview-ui/src/form).
// (Being written: see issue #4.)
import * as vscode from 'vscode';
import type { AimsService } from './workspace';

export class RecordFormProvider implements vscode.CustomTextEditorProvider {
  static readonly viewType = 'aims.recordForm';
  constructor(readonly context: vscode.ExtensionContext, readonly service: AimsService) {}
  resolveCustomTextEditor(): void { /* issue #4 */ }
}

export function registerFormEditor(context: vscode.ExtensionContext, service: AimsService): RecordFormProvider {
  const provider = new RecordFormProvider(context, service);
  context.subscriptions.push(vscode.window.registerCustomEditorProvider(RecordFormProvider.viewType, provider));
  return provider;
}
