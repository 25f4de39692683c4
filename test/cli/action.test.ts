// The GitHub Action (action.yml) run as Actions runs it: its composite steps, with `${{ inputs.* }}`
// filled in from the inputs and their defaults, executed by `bash --noprofile --norc -eo pipefail` in
// a simulated runner environment (GITHUB_ACTIONS, GITHUB_WORKSPACE, GITHUB_ACTION_PATH,
// GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_BASE_REF) on a pull-request checkout: a repository whose
// main branch holds the examples and whose working tree changes the Statement of Applicability.
// Checks the annotations, the SARIF, the job summary with totals and coverage delta, the outputs and
// the fail level.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { EXAMPLES, read, REPO, tempDir, TODAY, useTempDirs, write } from './helpers';

interface Step { name?: string; id?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string>; 'working-directory'?: string }
interface Action { inputs: Record<string, { default?: string; description: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }

const action = YAML.parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
const hasGit = spawnSync('git', ['--version']).status === 0;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=aims-test', '-c', 'user.email=test@aims.invalid', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** `${{ inputs.name }}` replaced by the input's value; any other expression fails the test. */
function expand(s: string, inputs: Record<string, string>): string {
  return s.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^inputs\.([a-z-]+)$/.exec(expr);
    assert.ok(m && m[1] in action.inputs, `action.yml uses an expression the simulation does not know: ${expr}`);
    return inputs[m[1]];
  });
}

interface RunResult { steps: { name: string; code: number; stdout: string; stderr: string }[]; summary: string; outputs: Record<string, string> }

/** Runs the composite steps in order, stopping at the first that fails, as Actions does. */
function runAction(workspace: string, given: Record<string, string>): RunResult {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  const runner = tempDir('aims-runner-');
  const summaryFile = path.join(runner, 'step_summary.md'), outputFile = path.join(runner, 'output');
  fs.writeFileSync(summaryFile, ''); fs.writeFileSync(outputFile, '');
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|GITHUB_|RUNNER_|INPUT_)/i.test(k)) base[k] = v;
  Object.assign(base, {
    CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: REPO,
    GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature', RUNNER_TEMP: runner, AIMS_TODAY: TODAY,
  });
  const steps: RunResult['steps'] = [];
  for (const step of action.runs.steps) {
    assert.ok(step.run && !step.uses, `${step.name}: a run step`);
    assert.equal(step.shell, 'bash');
    const env = { ...base, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)])) };
    const cwd = path.resolve(workspace, expand(step['working-directory'] ?? '.', inputs));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, inputs)], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    steps.push({ name: step.name ?? '', code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  const outputs = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { steps, summary: fs.readFileSync(summaryFile, 'utf8'), outputs };
}

/** A pull-request checkout: main holds the examples; the working tree lowers A.2.2 to partial. */
function checkout(): string {
  const top = tempDir('aims-action-');
  fs.cpSync(EXAMPLES, top, { recursive: true });
  git(top, 'init', '-q', '-b', 'main');
  git(top, 'add', '-A');
  git(top, 'commit', '-q', '-m', 'base');
  git(top, 'update-ref', 'refs/remotes/origin/main', 'HEAD'); // what actions/checkout leaves with fetch-depth 0
  git(top, 'checkout', '-q', '-b', 'feature');
  const soa = 'aims/statement-of-applicability.yaml';
  const lines = read(top, soa).split('\n');
  const entry = lines.indexOf('  - id: A.2.2');
  const status = lines.findIndex((l, i) => i > entry && l.startsWith('    status: '));
  lines[status] = '    status: partial';
  write(top, soa, lines.join('\n'));
  return top;
}

describe('action.yml', () => {
  it('declares the inputs paths, working-directory, fail-level, sarif-file and base-ref, and composite bash steps', () => {
    assert.deepEqual(Object.keys(action.inputs).sort(), ['base-ref', 'fail-level', 'paths', 'sarif-file', 'working-directory']);
    assert.equal(action.inputs['fail-level'].default, 'error');
    assert.equal(action.inputs['sarif-file'].default, 'aims.sarif');
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.outputs).sort(), ['errors', 'sarif-file', 'warnings']);
  });
});

(hasGit ? describe : describe.skip)('action.yml under a simulated GitHub Actions runner', function () {
  this.timeout(180_000);
  useTempDirs();

  it('annotates, writes SARIF, a job summary with totals and the coverage delta, the outputs, and fails on errors', () => {
    const ws = checkout();
    const before = git(ws, 'status', '--porcelain=v1');
    const r = runAction(ws, {});
    assert.equal(r.steps.length, 2);
    assert.equal(r.steps[0].code, 0, `build step: ${r.steps[0].stderr}`);
    const lint = r.steps[1];
    assert.equal(lint.code, 1, `the step fails on error findings (fail-level error): ${lint.stderr}`);
    // annotations: one workflow command per finding, repository-relative paths
    const json = JSON.parse(spawnSync(process.execPath, [path.join(REPO, 'bin/aims.js'), 'lint', '--format', 'json'], { cwd: ws, encoding: 'utf8', env: { ...process.env, AIMS_TODAY: TODAY } }).stdout) as { file: string; severity: string; line: number }[];
    const commands = lint.stdout.split('\n').filter(l => l.startsWith('::error ') || l.startsWith('::warning ') || l.startsWith('::notice '));
    assert.equal(commands.length, json.length);
    assert.ok(commands.some(c => /^::error file=aims\/statement-of-applicability\.yaml,line=\d+,/.test(c)), commands.join('\n'));
    // SARIF for upload-sarif
    const sarif = JSON.parse(read(ws, 'aims.sarif')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, json.length);
    // outputs
    const errors = json.filter(f => f.severity === 'error').length, warnings = json.filter(f => f.severity === 'warning').length;
    assert.deepEqual(r.outputs, { errors: String(errors), warnings: String(warnings), 'sarif-file': 'aims.sarif' });
    // the job summary: totals, findings by rule, and what the pull request does to coverage
    assert.match(r.summary, /^## AIMS records$/m);
    assert.ok(r.summary.includes(`**${errors} errors, ${warnings} warnings, `), r.summary);
    assert.match(r.summary, /^\| \[`soa-exclusion-justification`\]\(https:\/\/github\.com\/aims-tools\/aims-lint\/blob\/main\/docs\/rules\/soa-exclusion-justification\.md\) \| 1 \|$/m);
    assert.match(r.summary, /^### ISO\/IEC 42001 Annex A coverage compared with `origin\/main`$/m);
    assert.match(r.summary, /^\| covered \| \d+ \| \d+ \| -1 \|$/m);
    assert.match(r.summary, /^\| A\.2\.2 AI policy \| covered \| \*\*partial\*\* \| /m);
    // nothing in the checkout changed but the SARIF file
    assert.equal(git(ws, 'status', '--porcelain=v1'), before + '?? aims.sarif\n');
  });

  it('fail-level never passes, warning fails on warnings; paths, sarif-file and base-ref are honoured; a bad fail-level is an error', () => {
    const ws = checkout();
    const never = runAction(ws, { 'fail-level': 'never', 'sarif-file': 'reports/aims.sarif', paths: 'aims/data' });
    assert.equal(never.steps[1].code, 0, never.steps[1].stdout);
    assert.ok(fs.existsSync(path.join(ws, 'reports/aims.sarif')));
    assert.equal(never.outputs['sarif-file'], 'reports/aims.sarif');
    assert.ok(never.steps[1].stdout.split('\n').filter(l => l.startsWith('::')).every(l => l.includes('file=aims/data/')), 'only aims/data annotated');
    const warning = runAction(ws, { 'fail-level': 'warning', paths: 'aims/data/credit-bureau-attributes-2024.yaml', 'sarif-file': '' });
    assert.equal(warning.outputs.errors, '0');
    assert.notEqual(warning.outputs.warnings, '0');
    assert.equal(warning.outputs['sarif-file'], '');
    assert.equal(warning.steps[1].code, 1);
    // an explicit base: the same revision as the working tree's HEAD gives no change of state
    git(ws, 'stash', '-q');
    const same = runAction(ws, { 'base-ref': 'main', 'fail-level': 'never' });
    assert.match(same.summary, /compared with `main`/);
    assert.match(same.summary, /^No control changed its state\.$/m);
    const bad = runAction(ws, { 'fail-level': 'sometimes' });
    assert.equal(bad.steps[1].code, 2);
    assert.match(bad.steps[1].stdout, /^::error title=aims::fail-level must be error, warning or never, not 'sometimes'$/m);
  });
});
