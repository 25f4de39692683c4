// The "AIMS" log in the Output view (a LogOutputChannel: levels, timestamps, and the user's log-level
// setting apply). Errors that no user action is waiting for go here, not to the console.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The channel, created on first use; activation registers it for disposal. */
export function log(): vscode.LogOutputChannel {
  return (channel ??= vscode.window.createOutputChannel('AIMS', { log: true }));
}

/** Logs an error with what was being done when it happened. */
export function logError(doing: string, e: unknown): void {
  log().error(`${doing}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
