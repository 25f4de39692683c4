#!/usr/bin/env node
// npm test: every test layer in order, each one's output streamed, then one closing line
// "N passed, N failed" over all of them. A layer that cannot run counts as failed, never as skipped.
//   layers: generated files current → type check → unit + CLI (mocha) → extension host (real VS Code,
//   code-server) → UI end-to-end (installed VSIX in Chromium)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const reference = path.resolve(root, '../shared/reference/iso42001/annex-a.yaml');

const layers = [
  { name: 'generated files are current', cmd: npm, args: ['run', '-s', 'check:generated'], kind: 'check' },
  ...(fs.existsSync(reference) ? [{ name: 'catalogue matches the verified reference', cmd: process.execPath, args: ['scripts/gen-catalogue.mjs', '--check'], kind: 'check' }] : []),
  { name: 'type check', cmd: npm, args: ['run', '-s', 'typecheck'], kind: 'check' },
  { name: 'unit and CLI tests', cmd: npm, args: ['run', '-s', 'test:unit'], kind: 'mocha' },
  { name: 'extension-host tests in VS Code', cmd: npm, args: ['run', '-s', 'test:ext'], kind: 'mocha' },
  { name: 'UI end-to-end tests in VS Code', cmd: npm, args: ['run', '-s', 'test:ui'], kind: 'mocha' },
].filter(l => !only.length || only.some(o => l.name.includes(o)));

function run(layer) {
  return new Promise(resolve => {
    const child = spawn(layer.cmd, layer.args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', b => { out += b; process.stdout.write(b); });
    child.stderr.on('data', b => { out += b; process.stderr.write(b); });
    child.on('close', code => resolve({ code: code ?? 1, out }));
    child.on('error', e => resolve({ code: 1, out: String(e) }));
  });
}

function counts(out) {
  // mocha's spec/dot reporters ("12 passing", "1 failing") and our harness ("12 passed, 1 failed")
  let passed = 0, failed = 0, seen = false;
  const strip = out.replace(/\x1b\[[0-9;]*m/g, '');
  for (const m of strip.matchAll(/^\s*(\d+) passing\b/gm)) { passed += +m[1]; seen = true; }
  for (const m of strip.matchAll(/^\s*(\d+) failing\b/gm)) failed += +m[1];
  for (const m of strip.matchAll(/^\s*(?:\w+:\s*)?(\d+) passed, (\d+) failed\b/gm)) { passed += +m[1]; failed += +m[2]; seen = true; }
  return { passed, failed, seen };
}

const t0 = Date.now();
let passed = 0, failed = 0;
const summary = [];
for (const layer of layers) {
  console.log(`\n━━ ${layer.name} ━━`);
  const t = Date.now();
  const { code, out } = await run(layer);
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (layer.kind === 'check') {
    if (code === 0) passed++; else failed++;
    summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${layer.name} (${secs}s)`);
    continue;
  }
  const c = counts(out);
  passed += c.passed; failed += c.failed;
  if (code !== 0 && c.failed === 0) failed++; // crashed, or ran no test: a failing layer
  if (code === 0 && !c.seen) failed++;
  summary.push(`${code === 0 && c.seen ? 'ok  ' : 'FAIL'} ${layer.name}: ${c.passed} passed, ${c.failed} failed (${secs}s)`);
}
console.log(`\n━━ summary (${((Date.now() - t0) / 1000).toFixed(0)}s) ━━\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
