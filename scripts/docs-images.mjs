#!/usr/bin/env node
// npm run docs:images: regenerates the README's screenshots (docs/images/*.png) by running the UI
// end-to-end files that take them with AIMS_DOC_IMAGES=1 (test/ui/ui-lib.ts docScreenshot copies each one
// from test-results/ui/ into docs/images/). `npm test` never writes there. Starts code-server: on a shared
// machine run it as `flock /tmp/aims-vscode.lock npm run docs:images`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let status = 0;
for (const grep of ['form', 'coverage']) {
  const r = spawnSync(npm, ['run', '-s', 'test:ui'], { cwd: root, stdio: 'inherit', env: { ...process.env, AIMS_DOC_IMAGES: '1', AIMS_UI_GREP: grep } });
  status ||= r.status ?? 1;
}
if (!status) console.log('docs/images/ updated: review the PNGs, then commit them.');
process.exit(status);
