#!/usr/bin/env node
// Runs a TypeScript script: bundles it with esbuild into a temp file, then executes it with the given args.
//   node scripts/run-ts.mjs scripts/gen-docs.ts [--check]
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-run-'));
const out = path.join(dir, path.basename(entry).replace(/\.ts$/, '.cjs'));
buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning', external: ['esbuild'] });
const r = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit', cwd: process.cwd() });
fs.rmSync(dir, { recursive: true, force: true });
process.exit(r.status ?? 1);
