#!/usr/bin/env node
// npm run bench: times `aims lint` as a whole process on deterministic corpora of 1,000, 5,000 and
// 20,000 records and prints medians, ranges and ratios. A script, not a test: it never fails on time.
//   node scripts/bench.mjs [--sizes 1000,5000,20000] [--runs 5]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './gen-corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > -1 ? process.argv[i + 1] : def; };
const sizes = arg('--sizes', '1000,5000,20000').split(',').map(Number);
const runs = Number(arg('--runs', '5'));
const cli = path.join(root, 'bin/aims.js');
if (!fs.existsSync(path.join(root, 'dist/cli.js'))) { console.error('dist/cli.js missing: run npm run build first'); process.exit(2); }

const median = a => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const time = (cmd, args, cwd) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, AIMS_TODAY: '2026-11-22' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
};

// the floor: node start + read every file + js-yaml parse, in one process
const floorScript = `const fs=require('fs'),p=require('path'),y=require(${JSON.stringify(path.join(root, 'node_modules/js-yaml'))});
const walk=d=>fs.readdirSync(d,{withFileTypes:true}).flatMap(e=>e.isDirectory()?walk(p.join(d,e.name)):[p.join(d,e.name)]);
let n=0;for(const f of walk('aims')){y.load(fs.readFileSync(f,'utf8'),{schema:y.CORE_SCHEMA});n++}`;

console.log(`aims lint benchmark — ${os.cpus().length} cores, node ${process.version}, ${runs} runs per size (median [min–max])\n`);
const rows = [];
for (const n of sizes) {
  const dir = path.join(root, '.bench', `corpus-${n}`);
  if (!fs.existsSync(path.join(dir, 'aims'))) generateCorpus(n, dir);
  const bytes = fs.readdirSync(path.join(dir, 'aims'), { recursive: true }).map(f => path.join(dir, 'aims', f)).filter(f => fs.statSync(f).isFile()).reduce((s, f) => s + fs.statSync(f).size, 0);
  time(process.execPath, [cli, 'lint', '--format', 'json'], dir); // warm the file cache
  const lint = [], floor = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const r = time(process.execPath, [cli, 'lint', '--format', 'json'], dir);
    lint.push(r.ms);
    findings = JSON.parse(r.out).length;
    floor.push(time(process.execPath, ['-e', floorScript], dir).ms);
  }
  rows.push({ n, bytes, lint, floor, findings });
  const m = median(lint), f = median(floor);
  console.log(`${String(n).padStart(6)} records ${(bytes / 1e6).toFixed(1).padStart(5)} MB  aims lint ${m.toFixed(0).padStart(5)} ms [${Math.min(...lint).toFixed(0)}–${Math.max(...lint).toFixed(0)}]  ` +
    `${(m / n * 1000).toFixed(0)} µs/record  floor (node+read+js-yaml) ${f.toFixed(0)} ms  ratio ${(m / f).toFixed(2)}×  findings ${findings}`);
}
if (rows.length > 1) {
  const a = rows[0], b = rows[rows.length - 1];
  console.log(`\ngrowth ${a.n}→${b.n} records (×${(b.n / a.n).toFixed(0)}): time ×${(median(b.lint) / median(a.lint)).toFixed(2)}`);
}
const targets = { 5000: 1000, 20000: 4000 };
for (const r of rows) if (targets[r.n]) console.log(`target ${r.n} records ≤ ${targets[r.n]} ms: median ${median(r.lint).toFixed(0)} ms — ${median(r.lint) <= targets[r.n] ? 'met' : 'NOT met'}`);
