#!/usr/bin/env node
// Bundles the CLI and the extension with esbuild. Dependencies are bundled: the VSIX and `npx aims`
// need no node_modules at run time.   node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const common = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: production ? false : 'linked',
  minify: production, logLevel: 'warning', define: { AIMS_VERSION: JSON.stringify(pkg.version) }, legalComments: 'none',
};
const entries = [
  { entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
];
if (process.argv.includes('--watch')) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map(e => esbuild.build({ ...common, ...e })));
}
