// The control-coverage panel (webview-ui/src/coverage).
// (Being written: see issue #4.)
import * as vscode from 'vscode';
import type { AimsService } from './workspace';

export class CoveragePanelController implements vscode.Disposable {
  constructor(readonly context: vscode.ExtensionContext, readonly service: AimsService) {}
  dispose(): void { /* issue #4 */ }
}

export function registerCoveragePanel(context: vscode.ExtensionContext, service: AimsService): CoveragePanelController {
  const c = new CoveragePanelController(context, service);
  context.subscriptions.push(c);
  return c;
}
