#!/usr/bin/env node
// node scripts/bench-hostile.mjs: times whole `aims lint` runs (node start to exit) on each hostile
// input of issue #10, placed in a workspace next to a normal record, and prints the median and
// min–max time, the peak RSS, whether the run finished with a report, and whether the normal record
// was still reported. Target (docs/security.md): every input ≤ 2 s and ≤ 300 MB. A script, not a
// test: it never fails on time; it exits 1 only when a run crashed or lost the rest of the report.
//   node scripts/bench-hostile.mjs [--runs 5] [--cli dist/cli.js]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const inputs = require(path.join(root, 'test/fixtures/hostile/inputs.cjs'));
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > -1 ? process.argv[i + 1] : def; };
const runs = Number(arg('--runs', '5'));
const cli = path.resolve(arg('--cli', path.join(root, 'dist/cli.js')));
if (!fs.existsSync(cli)) { console.error(`${path.relative(root, cli)} missing: run npm run build first`); process.exit(2); }
const gnuTime = ['/usr/bin/time', '/bin/time'].find(t => spawnSync(t, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0);

const OTHER = 'apiVersion: aims/v1\nkind: ModelCard\nid: other\ntitle: Other\nstatus: bogus\n';
const glob = inputs.backtrackingGlob();
const CASES = {
  'alias bomb as kind (552 B)': { 'aims/bomb.yaml': inputs.aliasBombKind() },
  'alias bomb under an unknown key': { 'aims/bomb.yaml': inputs.aliasBombUnknownKey() },
  '20,000 duplicate keys (320 KB)': { 'aims/dup.yaml': inputs.duplicateKeys() },
  '10,000 unclosed [ lines': { 'aims/brackets.yaml': inputs.unclosedBrackets() },
  'backtracking config glob, 40-char name': { 'aims/aims.config.yaml': glob.config.replace('include:\n', 'include:\n  - "other.yaml"\n'), [`aims/${glob.fileName}`]: 'kind: x\n' },
  '200 KB binary file named .yaml': { 'aims/blob.yaml': inputs.binary() },
  'injection in values (stylish)': { 'aims/inject.yaml': inputs.injection() },
  'invalid UTF-8, --fix': { 'aims/latin1.yaml': inputs.invalidUtf8(), args: ['--fix'] },
  '2 MB file (over maxFileBytes)': { 'aims/big.yaml': 'apiVersion: aims/v1\nkind: ModelCard\nid: big\nnotes: "' + 'x'.repeat(2 * 1024 * 1024) + '"\n' },
};

const median = a => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
let bad = 0;
console.log(`aims lint on hostile inputs: ${runs} runs each, ${os.cpus().length} cores, node ${process.version}\n`);
console.log(`${'input'.padEnd(42)} ${'median ms'.padStart(9)} ${'min–max'.padStart(13)} ${'peak MB'.padStart(8)}  exit  rest reported`);
for (const [name, files] of Object.entries(CASES)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-bench-hostile-'));
  const extra = files.args ?? [];
  const write = () => {
    fs.rmSync(path.join(dir, 'aims'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'aims'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'aims/other.yaml'), OTHER);
    for (const [rel, body] of Object.entries(files)) if (rel !== 'args') fs.writeFileSync(path.join(dir, rel), body);
  };
  const ms = [], rss = [];
  let code, reported = true;
  for (let i = 0; i < runs; i++) {
    write();
    const args = [cli, 'lint', '--root', dir, '--format', 'json', ...extra];
    const [cmd, argv] = gnuTime ? [gnuTime, ['-f', '@@rss %M', process.execPath, ...args]] : [process.execPath, args];
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000, env: { ...process.env, AIMS_TODAY: '2026-11-22', NO_COLOR: '1' } });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    const m = /@@rss (\d+)\s*$/.exec(r.stderr ?? '');
    if (m) rss.push(Number(m[1]) / 1024);
    code = r.status ?? r.signal;
    try { reported &&= JSON.parse(r.stdout).some(f => f.file === 'aims/other.yaml'); } catch { reported = false; }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (code !== 1 || !reported) bad++;
  const over = median(ms) > 2000 || Math.max(...rss) > 300 ? '  ← over the target' : '';
  console.log(`${name.padEnd(42)} ${median(ms).toFixed(0).padStart(9)} ${`${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`.padStart(13)} ${(rss.length ? Math.max(...rss).toFixed(0) : '?').padStart(8)}  ${String(code).padStart(4)}  ${reported ? 'yes' : 'NO'}${over}`);
}
process.exit(bad ? 1 : 0);
