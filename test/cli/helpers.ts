// Helpers of the CLI scenario tests: they spawn the built CLI (`node bin/aims.js`, bundled by
// `npm run build` into dist/cli.js) on temporary workspaces, with today's date pinned by AIMS_TODAY.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const CLI = path.join(REPO, 'bin/aims.js');
export const EXAMPLES = path.join(REPO, 'examples');
/** The example workspace's records were last reviewed on 2026-11-22; its deliberate findings assume a later day. */
export const TODAY = '2026-12-01';

export interface Run { code: number; stdout: string; stderr: string }

/** Runs `node bin/aims.js ...args` in cwd; AIMS_TODAY pinned, no colors, no CI variables. */
export function aims(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Run {
  if (!fs.existsSync(path.join(REPO, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const base: Record<string, string | undefined> = { ...process.env, AIMS_TODAY: TODAY, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: clean({ ...base, ...env }), encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function clean(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

const made: string[] = [];

/** A new empty temporary folder, removed after the run (see cleanup()). */
export function tempDir(prefix = 'aims-cli-'): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

/** A temporary copy of examples/ (no .git: review-stale has no history to compare with). */
export function copyExamples(): string {
  const d = tempDir('aims-examples-');
  fs.cpSync(EXAMPLES, d, { recursive: true });
  return d;
}

/** A temporary workspace holding the given files (paths relative to the workspace root). */
export function workspace(files: Record<string, string>): string {
  const d = tempDir('aims-ws-');
  for (const [rel, text] of Object.entries(files)) write(d, rel, text);
  return d;
}

export function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

export function read(root: string, rel: string): string {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

/** Replaces exactly one occurrence of `from` in a file of the workspace. */
export function patch(root: string, rel: string, from: string | RegExp, to: string): void {
  const text = read(root, rel);
  const n = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, from.flags.includes('g') ? from.flags : from.flags + 'g')) ?? []).length;
  assert.equal(n, 1, `${rel}: expected exactly one ${String(from)} to patch`);
  fs.writeFileSync(path.join(root, rel), text.replace(from, to));
}

/**
 * The example workspace with its deliberate mistakes (examples/README.md) corrected: it lints
 * without findings. `keepOverdue` keeps the one warning (review-overdue).
 */
export function cleanExamples(opts: { keepOverdue?: boolean } = {}): string {
  const d = copyExamples();
  patch(d, 'aims/data/card-transactions-2025.yaml', /^contains_personal_data: true\n/m, 'contains_personal_data: true\nlegal_basis: Contract with the cardholder (GDPR art. 6(1)(b)) and the legal duty to monitor payments (art. 6(1)(c)).\n');
  patch(d, 'aims/models/credit-risk-scorer.yaml', 'loan-aplications-2024', 'loan-applications-2024');
  if (!opts.keepOverdue) patch(d, 'aims/data/credit-bureau-attributes-2024.yaml', /^review_by: 2026-09-30$/m, 'review_by: 2027-09-30');
  patch(d, 'aims/statement-of-applicability.yaml', /justification: N\/A$/m, 'justification: Our AI systems are used only by staff of our own lending and financial-crime teams, under their own procedures outside the scope of this AIMS.');
  patch(d, 'aims/models/transaction-fraud-detector.yaml', /^limitation:$/m, 'limitations:');
  // the chargebacks that src/train_fraud.py reads are recorded with the transactions they label
  patch(d, 'aims/data/card-transactions-2025.yaml', /^identifiers:\n/m, 'identifiers:\n  - s3://northwind-ml/fraud/chargebacks-2025/\n');
  patch(d, 'aims/assessments/transaction-fraud-detector-impact-assessment.yaml', /employment_effects: TBD$/m, 'employment_effects: No jobs are removed; analysts review fewer false alerts and are trained on the new alert reasons.');
  return d;
}

/** A lint finding as `--format json` prints it. */
export interface JsonFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  ruleId: string; severity: 'error' | 'warning' | 'info'; controls: string[]; message: string; fixable: boolean;
}

export function lintJson(root: string, args: string[] = []): JsonFinding[] {
  const r = aims(['lint', '--format', 'json', ...args], root);
  assert.ok(r.code === 0 || r.code === 1, `lint --format json exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonFinding[];
}

export function cleanup(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Registers the removal of this file's temporary folders after its tests. */
export function useTempDirs(): void {
  after(function () { this.timeout(60_000); cleanup(); });
}
