#!/usr/bin/env node
// npm run test:ui: runs every UI end-to-end file (out/test/ui/*.test.js) one after another, each in
// its own process with its own code-server and Chromium, streaming their output. Each file prints its
// own "N passed, N failed" line and saves its screenshots in test-results/ui/<file>/; this runner exits 1 when any file fails or prints no such line.
//   AIMS_UI_GREP=form   run only files whose name contains "form"
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dir = path.resolve(__dirname, '../../out/test/ui');
if (!fs.existsSync(dir)) { console.error(`test:ui: ${dir} missing: run npm run compile-tests first`); process.exit(1); }
const grep = process.env.AIMS_UI_GREP;
const files = fs.readdirSync(dir).filter(f => f.endsWith('.test.js') && (!grep || f.includes(grep))).sort();
if (!files.length) { console.error('test:ui: no UI test files found'); process.exit(1); }
let bad = 0;
for (const f of files) {
  console.log(`\n── ${f}`);
  const r = spawnSync(process.execPath, [path.join(dir, f)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout ?? '');
  const summary = /^\s*(\d+) passed, (\d+) failed\s*$/m.exec(r.stdout ?? '');
  if (r.status !== 0 || !summary) { bad++; if (!summary) console.log(`test:ui: ${f} ended (exit ${r.status ?? r.signal}) without a result line`); }
}
process.exit(bad ? 1 : 0);
