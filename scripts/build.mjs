#!/usr/bin/env node
// Bundles the CLI, the extension and the webviews with esbuild. Dependencies are bundled: the VSIX and
// `npx aims` need no node_modules at run time.   node scripts/build.mjs [--watch] [--production]
//   dist/cli.js, dist/extension.js          node, CommonJS
//   dist/webview/{form,coverage}.{js,css}    browser bundles of webview-ui/ (with @vscode-elements/elements)
//   dist/webview/codicon.{css,ttf}           the codicon font the elements' icons need (copied)
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true, sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning',
  define: { AIMS_VERSION: JSON.stringify(pkg.version) }, legalComments: 'none',
};
// xmlbuilder2 / libxmljs2: optional plug-ins of @cyclonedx/cyclonedx-library for XML, which we do not
// write; the library loads them on demand and only then reports them missing.
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', external: ['xmlbuilder2', 'libxmljs2'] };
// Webview bundles are always minified: they ship in the VSIX, and nothing debugs them from dist/.
const browser = { ...common, platform: 'browser', target: 'es2022', format: 'iife', minify: true, sourcemap: false };
const entries = [
  { ...node, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', ...node.external] },
  ...['form', 'coverage'].map(name => ({ ...browser, entryPoints: [`webview-ui/src/${name}/main.ts`], outfile: `dist/webview/${name}.js` })),
  ...['form', 'coverage'].map(name => ({ ...browser, entryPoints: [`webview-ui/src/${name}/${name}.css`], outfile: `dist/webview/${name}.css` })),
];

function copyCodicons() {
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/webview/${f}`);
}

copyCodicons();
if (process.argv.includes('--watch')) {
  for (const e of entries) await (await esbuild.context(e)).watch();
} else {
  await Promise.all(entries.map(e => esbuild.build(e)));
}
