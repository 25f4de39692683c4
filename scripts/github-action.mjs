#!/usr/bin/env node
// The step of action.yml: runs the aims CLI of this checkout in the current folder and
//   - prints the findings as workflow commands (inline annotations on the pull request),
//   - writes the SARIF report for github/codeql-action/upload-sarif,
//   - appends a job summary to $GITHUB_STEP_SUMMARY: totals and the change in control coverage against
//     the base revision (aims coverage --compare), when there is one,
//   - sets the outputs errors, warnings and sarif-file in $GITHUB_OUTPUT,
//   - fails the step according to the fail level.
// Inputs come as AIMS_INPUT_* variables (action.yml maps them); everything else is what Actions provides.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/aims.js');
const env = process.env;
const input = name => (env[`AIMS_INPUT_${name}`] ?? '').trim();

function aims(args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...env, NO_COLOR: '1' } });
  return { code: r.status ?? 2, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}
const escData = s => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Text for the summary (Markdown): no HTML, one line. */
const md = s => String(s).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const append = (file, text) => { if (file) fs.appendFileSync(file, text); };

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) append(env.GITHUB_OUTPUT, `${name}=${String(value).replace(/[\r\n]+/g, ' ')}\n`);
}

const failLevel = input('FAIL_LEVEL') || 'error';
if (!['error', 'warning', 'never'].includes(failLevel)) {
  console.log(`::error title=aims::fail-level must be error, warning or never, not '${escData(failLevel)}'`);
  process.exit(2);
}
const paths = input('PATHS').split(/\s+/).filter(Boolean);
const sarifFile = input('SARIF_FILE');

// 1. inline annotations
const annotations = aims(['lint', '--format', 'github', ...paths]);
if (annotations.code === 2) {
  console.log(`::error title=aims::${escData(annotations.stderr.trim())}`);
  append(env.GITHUB_STEP_SUMMARY, `## AIMS records\n\naims could not lint: ${md(annotations.stderr.trim())}\n`);
  process.exit(2);
}
process.stdout.write(annotations.stdout);

// 2. SARIF
if (sarifFile) {
  const s = aims(['lint', '--format', 'sarif', '--output', sarifFile, ...paths]);
  if (s.code === 2) console.log(`::warning title=aims::no SARIF written: ${escData(s.stderr.trim())}`);
}

// 3. totals
const findings = JSON.parse(aims(['lint', '--format', 'json', ...paths]).stdout || '[]');
const count = sev => findings.filter(f => f.severity === sev).length;
const totals = { error: count('error'), warning: count('warning'), info: count('info') };
const files = new Set(findings.map(f => f.file)).size;
const summary = ['## AIMS records', ''];
summary.push(totals.error + totals.warning + totals.info === 0
  ? 'No findings.'
  : `**${totals.error} error${totals.error === 1 ? '' : 's'}, ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, ${totals.info} info** in ${files} file${files === 1 ? '' : 's'} (inline annotations on their lines${sarifFile ? `; SARIF in \`${md(sarifFile)}\`` : ''}).`);
summary.push('');
const byRule = new Map();
for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
if (byRule.size) {
  summary.push('| Rule | Findings |', '|---|---:|');
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) summary.push(`| [\`${rule}\`](https://github.com/aims-tools/aims-lint/blob/main/docs/rules/${rule}.md) | ${n} |`);
  summary.push('');
}

// 4. coverage and its change against the base
let base = input('BASE_REF');
if (!base && env.GITHUB_BASE_REF) base = `origin/${env.GITHUB_BASE_REF}`;
if (base) {
  let delta = aims(['coverage', '--compare', base, '--format', 'markdown']);
  if (delta.code === 2 && /knows no commit/.test(delta.stderr) && base.startsWith('origin/')) {
    // a shallow checkout: fetch the base branch once
    spawnSync('git', ['fetch', '--no-tags', '--depth=1', 'origin', `${base.slice('origin/'.length)}:refs/remotes/${base}`], { stdio: 'ignore' });
    delta = aims(['coverage', '--compare', base, '--format', 'markdown']);
  }
  if (delta.code === 0) summary.push(delta.stdout.trim(), '');
  else {
    console.log(`::warning title=aims::no coverage comparison with ${escData(base)}: ${escData(delta.stderr.trim())}`);
    summary.push(`Coverage comparison with \`${md(base)}\` unavailable: ${md(delta.stderr.trim())}`, '');
  }
} else {
  const cov = aims(['coverage', '--format', 'json']);
  if (cov.code === 0) {
    const c = JSON.parse(cov.stdout).counts;
    summary.push(`### ISO/IEC 42001 Annex A coverage`, '', `${c.covered} covered · ${c.partial} partial · ${c.missing} missing · ${c.excluded} excluded (no base revision to compare with).`, '');
  }
}
append(env.GITHUB_STEP_SUMMARY, summary.join('\n') + '\n');

setOutput('errors', totals.error);
setOutput('warnings', totals.warning);
setOutput('sarif-file', sarifFile && fs.existsSync(sarifFile) ? sarifFile : '');

const failed = failLevel === 'error' ? totals.error > 0 : failLevel === 'warning' ? totals.error + totals.warning > 0 : false;
if (failed) console.log(`aims: failing the step: ${totals.error} errors, ${totals.warning} warnings (fail-level ${failLevel}).`);
process.exit(failed ? 1 : 0);
