// The HTML shell of every webview: a strict Content-Security-Policy (nothing but our own bundle, run
// by a fresh nonce; styles and fonts from the extension only; no remote resources), the codicon
// stylesheet the elements' icons look for, and the page's bundle. The page builds its content from
// typed messages; no record value is ever put into this HTML.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { escapeHtml } from '../core/escape';

export function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/** localResourceRoots of our webviews: the bundles only. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: webviewRoots(extensionUri) };
}

export function csp(webview: vscode.Webview, n: string): string {
  return [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${n}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
}

const attr = escapeHtml;

/** The page for bundle `name` (dist/webview/<name>.js and .css). */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, name: 'form' | 'coverage', title: string): string {
  const n = nonce();
  const asset = (f: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', f)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp(webview, n))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(title)}</title>
<link rel="stylesheet" href="${attr(asset('codicon.css'))}" id="vscode-codicon-stylesheet" nonce="${n}">
<link rel="stylesheet" href="${attr(asset(`${name}.css`))}" nonce="${n}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${n}" src="${attr(asset(`${name}.js`))}"></script>
</body>
</html>`;
}
