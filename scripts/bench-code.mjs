#!/usr/bin/env node
// Benchmark of the code scanner (not a test: it never fails on time).
//   node scripts/bench-code.mjs [--files 10000] [--runs 3]
// 1. A generated Python repository (default 10,000 files, about 50 MB, in .bench/code-<n>/, gitignored):
//    the whole scan as `aims lint` does it (walk, read, @lezer/python parse, find loads, resolve, match
//    against records, rule findings) against a floor of walk + read + the same parser alone.
// 2. The CodeLens of an open 2,000-line file: what the provider computes (scan of the document's text
//    and the record lookup of every load), timed in-process.
// Prints medians; the target is scan ≤ 2× floor and CodeLens ≤ 50 ms.
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > -1 ? process.argv[i + 1] : def; };
const N = Number(arg('--files', '10000'));
const runs = Number(arg('--runs', '3'));
const median = a => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

// the engine, bundled once (as the CLI bundles it)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-bench-code-'));
const entry = path.join(tmp, 'entry.ts');
fs.writeFileSync(entry, `export { Linter } from ${JSON.stringify(path.join(root, 'src/core/linter'))};
export { findCodeFiles, DEFAULT_CODE_CONFIG } from ${JSON.stringify(path.join(root, 'src/core/code/config'))};
export { scanCode } from ${JSON.stringify(path.join(root, 'src/core/code/scan'))};
export { identifierIndex } from ${JSON.stringify(path.join(root, 'src/core/code/match'))};
export { parser } from '@lezer/python';`);
buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(tmp, 'engine.cjs'), logLevel: 'warning', nodePaths: [path.join(root, 'node_modules')] });
const E = createRequire(import.meta.url)(path.join(tmp, 'engine.cjs'));

// ---- the generated repository ----
function pyFile(i) {
  const lines = [`"""Module ${i}: feature engineering and training helpers (generated for the benchmark)."""`, 'from __future__ import annotations', '',
    'import os', 'import numpy as np', 'import pandas as pd', i % 7 === 0 ? 'from transformers import AutoModel, AutoTokenizer' : 'import joblib', '',
    `BUCKET = "s3://bench-lake/team-${i % 50}"`, `TABLE = "warehouse.events_${i % 200}"`, `LOCAL = os.path.join("data", "part-${i}.csv")`, ''];
  for (let f = 0; lines.join('\n').length < 4800; f++) {
    lines.push(`def transform_${f}(df: pd.DataFrame, day: str) -> pd.DataFrame:`,
      `    """Adds rolling features for window ${f}."""`,
      `    out = df.copy()`,
      `    out["mean_${f}"] = out["amount"].rolling(${f + 3}).mean()`,
      `    out["std_${f}"] = out["amount"].rolling(${f + 3}).std().fillna(0.0)`,
      `    out["ratio_${f}"] = np.where(out["std_${f}"] > 0, out["mean_${f}"] / out["std_${f}"], 0.0)`,
      f % 3 === 0 ? `    extra = pd.read_parquet(f"{BUCKET}/features/{day}.parquet")` : f % 3 === 1 ? `    extra = pd.read_sql(f"SELECT * FROM {TABLE} WHERE day = '{day}'", None)` : `    extra = pd.read_csv(LOCAL)`,
      `    return out.merge(extra, on="id", how="left")`, '');
  }
  lines.push(i % 7 === 0 ? 'MODEL = AutoModel.from_pretrained("bench-org/encoder-base")' : `MODEL = joblib.load("artifacts/model-${i % 20}.joblib")`, '');
  return lines.join('\n');
}
const corpus = path.join(root, '.bench', `code-${N}`);
const stamp = path.join(corpus, '.generator');
const gen = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').length.toString();
if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== gen) {
  fs.rmSync(corpus, { recursive: true, force: true });
  for (let i = 0; i < N; i++) {
    const dir = path.join(corpus, 'src', `pkg${Math.floor(i / 100)}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `mod_${i}.py`), pyFile(i));
  }
  fs.mkdirSync(path.join(corpus, 'aims', 'data'), { recursive: true });
  for (let t = 0; t < 25; t++) {
    fs.writeFileSync(path.join(corpus, 'aims', 'data', `team-${t}.yaml`), `apiVersion: aims/v1\nkind: DataProvenance\nid: team-${t}\ntitle: Team ${t} lake\nstatus: approved\nidentifiers:\n  - s3://bench-lake/team-${t}/\n  - warehouse.events_${t}\n`);
  }
  fs.writeFileSync(stamp, gen);
}
const records = fs.readdirSync(path.join(corpus, 'aims', 'data')).map(f => [`aims/data/${f}`, fs.readFileSync(path.join(corpus, 'aims', 'data', f), 'utf8')]);

function floor() {
  const files = E.findCodeFiles(corpus, E.DEFAULT_CODE_CONFIG);
  let bytes = 0;
  for (const f of files) { const t = fs.readFileSync(path.join(corpus, f), 'utf8'); bytes += t.length; E.parser.parse(t); }
  return { files: files.length, bytes };
}
function scan() {
  const files = E.findCodeFiles(corpus, E.DEFAULT_CODE_CONFIG);
  const linter = new E.Linter({ today: '2026-11-22' });
  for (const [f, t] of records) linter.setFile(f, t);
  for (const f of files) linter.setCodeFile(f, fs.readFileSync(path.join(corpus, f), 'utf8'));
  let findings = 0, loads = 0;
  for (const s of linter.codeScans()) loads += s.loads.length;
  for (const l of linter.allFindings().values()) findings += l.length;
  return { files: files.length, loads, findings };
}
const time = fn => { const t = process.hrtime.bigint(); const r = fn(); return [Number(process.hrtime.bigint() - t) / 1e6, r]; };
// warm both paths on a slice, then alternate
floor(); scan();
const tf = [], ts = [];
let info;
for (let r = 0; r < runs; r++) {
  const [a, fi] = time(floor); tf.push(a);
  const [b, si] = time(scan); ts.push(b);
  info = { ...fi, ...si };
}
const mf = median(tf), ms = median(ts);
console.log(`code scan of ${info.files} files (${(info.bytes / 1e6).toFixed(1)} MB), ${runs} runs, medians:`);
console.log(`  floor  walk + read + @lezer/python parse   ${mf.toFixed(0).padStart(7)} ms`);
console.log(`  scan   walk + read + scan + match + rules  ${ms.toFixed(0).padStart(7)} ms  (${info.loads} loads, ${info.findings} findings)`);
console.log(`  ratio  scan / floor                        ${(ms / mf).toFixed(2).padStart(7)}   (target ≤ 2)`);

// ---- CodeLens of a 2,000-line file ----
const big = [];
for (let i = 0; big.length < 2000; i++) big.push(...pyFile(i).split('\n'));
const text = big.slice(0, 2000).join('\n');
const lensLinter = new E.Linter({ today: '2026-11-22' });
for (const [f, t] of records) lensLinter.setFile(f, t);
// what provideCodeLenses computes once the document is scanned: the record of every load
const lookups = () => { const index = E.identifierIndex(lensLinter.records()); return lensLinter.codeScan('src/big.py').loads.map(l => index.lookup(l)).length; };
const measure = (fn, n = 21) => { for (let i = 0; i < 3; i++) fn(); const t = []; for (let i = 0; i < n; i++) t.push(time(fn)[0]); return [median(t), Math.max(...t)]; };
let k = 0;
// a keystroke: the editor keeps the tree, so the scan re-parses the changed region only
const edited = () => { k++; lensLinter.setCodeFile('src/big.py', text.replace('def ', `def x${k}`), true); return lookups(); };
const fresh = () => { k++; lensLinter.deleteCodeFile('src/big.py'); lensLinter.setCodeFile('src/big.py', text + `\n# ${k}`); return lookups(); };
const [fm, fx] = measure(fresh);
const [em, ex] = measure(edited);
const [lm, lx] = measure(lookups);
const n = lookups();
console.log(`CodeLens of a 2,000-line file (${(text.length / 1e3).toFixed(0)} KB, ${n} loads), medians (max) in ms, target ≤ 50:`);
console.log(`  first open (full parse + scan + lookups)  ${fm.toFixed(1).padStart(6)} (${fx.toFixed(1)})`);
console.log(`  after a keystroke (incremental parse)     ${em.toFixed(1).padStart(6)} (${ex.toFixed(1)})`);
console.log(`  scanned already (lookups only)            ${lm.toFixed(1).padStart(6)} (${lx.toFixed(1)})`);
fs.rmSync(tmp, { recursive: true, force: true });
