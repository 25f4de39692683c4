#!/usr/bin/env node
// npm run test:ext: the extension-host tests inside a real VS Code, in two passes:
//   1. single-folder: out/test/extension/**/*.test.js on a fresh temporary copy of examples/;
//   2. multi-root:    out/test/extension-multiroot/**/*.test.js on a multi.code-workspace with three
//      folders: alpha/ (a copy of examples/), beta/ (a copy with one model card and one dataset fewer
//      and a corrected dataset reference, see makeMultiRoot) and docs-only/ (no aims/ folder).
// Uses @vscode/test-electron's runTests() unchanged; only the "VS Code executable" is our code-server
// runner (run-ext-tests.js), so nothing is downloaded from Microsoft. The same tests run on desktop
// VS Code where one is available:
//   AIMS_VSCODE_EXECUTABLE=/path/to/code npm run test:ext       # a local desktop VS Code
//   AIMS_VSCODE_EXECUTABLE=download npm run test:ext            # let @vscode/test-electron download one
// The workspaces are fresh temporary copies (the tests create, edit and delete records); they are not
// git repositories, and GIT_CEILING_DIRECTORIES keeps git from finding one above them.
// Both passes always run, each prints its own mocha summary ("N passing" / "N failing", counted by
// scripts/test-all.mjs); the exit code is 0 only when every pass that ran passed.
// Env: AIMS_TEST_GREP (only tests whose full title matches, in both passes; a pass in which no test
//      matches is skipped, but at least one test must match), AIMS_TEST_PASSES (comma-separated pass
//      names to run, default "single-folder,multi-root"), KEEP_TMP=1 (keep the workspace copies),
//      AIMS_VSCODE_TIMEOUT_S (global timeout of the runner, per pass, default 480).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '../..');
const runner = path.join(__dirname, 'run-ext-tests.js');
const examples = path.join(repo, 'examples');

function die(msg) {
  console.error(`test:ext: ERROR: ${msg}`);
  process.exit(1);
}

/** Edits a file of a copy; throws when the text to replace is not there (examples/ changed). */
function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}: update makeMultiRoot() in ${__filename}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/** The single-folder workspace: a copy of examples/. */
function makeSingle(tmp) {
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(examples, workspace, { recursive: true });
  return { open: workspace, describe: `copy of examples/ in ${workspace}`, env: { AIMS_TEST_WORKSPACE: workspace } };
}

/**
 * The multi-root workspace. alpha/ = examples/ unchanged. beta/ = examples/ with
 *   - aims/models/transaction-fraud-detector.yaml deleted (one model card),
 *   - aims/data/loan-performance-holdout-2025.yaml deleted (so the id exists only in alpha and
 *     beta's credit-risk-scorer has a dangling reference to it),
 *   - the typo 'loan-aplications-2024' in aims/models/credit-risk-scorer.yaml corrected (so that
 *     file's dangling reference differs between the folders),
 *   - the title of that model card changed.
 * docs-only/ = examples/docs/ only, no aims/. The tests read the three paths from the environment.
 * The workspace file's settings set aims.newRecord.openIn to text.
 */
function makeMultiRoot(tmp) {
  const dir = path.join(tmp, 'multi');
  const alpha = path.join(dir, 'alpha'), beta = path.join(dir, 'beta'), docsOnly = path.join(dir, 'docs-only');
  fs.cpSync(examples, alpha, { recursive: true });
  fs.cpSync(examples, beta, { recursive: true });
  fs.rmSync(path.join(beta, 'aims/models/transaction-fraud-detector.yaml'));
  fs.rmSync(path.join(beta, 'aims/data/loan-performance-holdout-2025.yaml'));
  const card = path.join(beta, 'aims/models/credit-risk-scorer.yaml');
  edit(card, '  - loan-aplications-2024\n', '  - loan-applications-2024\n');
  edit(card, 'title: Credit risk scorer for personal loans', 'title: Beta credit risk scorer for personal loans');
  fs.cpSync(path.join(examples, 'docs'), path.join(docsOnly, 'docs'), { recursive: true });
  const workspaceFile = path.join(dir, 'multi.code-workspace');
  // New Record opens the text editor here (the record form is tested in the single-folder pass)
  const settings = { 'aims.newRecord.openIn': 'text' };
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'alpha' }, { path: 'beta' }, { path: 'docs-only' }], settings }, null, 2) + '\n');
  return {
    open: workspaceFile,
    describe: `${workspaceFile} (alpha/, beta/, docs-only/)`,
    env: { AIMS_TEST_WORKSPACE_FILE: workspaceFile, AIMS_TEST_ALPHA: alpha, AIMS_TEST_BETA: beta, AIMS_TEST_DOCS_ONLY: docsOnly },
  };
}

const PASSES = [
  { name: 'single-folder', index: path.join(repo, 'out/test/extension/index.js'), make: makeSingle },
  { name: 'multi-root', index: path.join(repo, 'out/test/extension-multiroot/index.js'), make: makeMultiRoot },
];

/** Runs fn while copying everything written to stdout and stderr into a string (runTests streams the runner's output there). */
async function capture(fn) {
  let out = '';
  const o = process.stdout.write, e = process.stderr.write;
  process.stdout.write = function (chunk, ...rest) { out += String(chunk); return o.call(this, chunk, ...rest); };
  process.stderr.write = function (chunk, ...rest) { out += String(chunk); return e.call(this, chunk, ...rest); };
  try { return { result: await fn(), out }; } catch (err) { return { err, out }; } finally { process.stdout.write = o; process.stderr.write = e; }
}

(async () => {
  let runTests;
  try { ({ runTests } = require('@vscode/test-electron')); } catch (e) { die(`@vscode/test-electron is missing (npm ci): ${e.message}`); }
  const wanted = (process.env.AIMS_TEST_PASSES || PASSES.map(p => p.name).join(',')).split(',').map(s => s.trim()).filter(Boolean);
  for (const w of wanted) if (!PASSES.some(p => p.name === w)) die(`AIMS_TEST_PASSES: unknown pass '${w}' (known: ${PASSES.map(p => p.name).join(', ')})`);
  const passes = PASSES.filter(p => wanted.includes(p.name));
  for (const p of passes) if (!fs.existsSync(p.index)) die(`${p.index} missing: run npm run compile-tests first`);
  if (!fs.existsSync(path.join(repo, 'dist/extension.js'))) die('dist/extension.js missing: run npm run build first');

  let exe = process.env.AIMS_VSCODE_EXECUTABLE || runner;
  if (exe === 'download') exe = undefined;
  if (exe === runner) {
    try { fs.chmodSync(runner, 0o755); } catch { /* read-only checkout: spawn reports it */ }
  } else if (exe && !fs.existsSync(exe)) die(`AIMS_VSCODE_EXECUTABLE=${exe} does not exist`);
  const grep = process.env.AIMS_TEST_GREP;

  const results = [];
  for (const pass of passes) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `aims-ext-${pass.name}-`));
    let status = 'FAILED';
    try {
      const ws = pass.make(tmp);
      // a fresh profile for every pass (runTests would otherwise reuse .vscode-test/user-data)
      const userData = path.join(tmp, 'user-data');
      fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
      fs.copyFileSync(path.join(__dirname, 'user-settings.json'), path.join(userData, 'User/settings.json'));
      console.log(`\ntest:ext: ━━ ${pass.name} pass ━━ VS Code = ${exe ?? 'downloaded by @vscode/test-electron'}; workspace = ${ws.describe}`);
      const { err, out } = await capture(() => runTests({
        vscodeExecutablePath: exe,
        extensionDevelopmentPath: repo,
        extensionTestsPath: pass.index,
        launchArgs: [ws.open, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(tmp, 'extensions')}`, '--disable-extensions'],
        extensionTestsEnv: { GIT_CEILING_DIRECTORIES: tmp, ...ws.env },
      }));
      if (!err) status = 'ok';
      else if (grep && /^\[ext-tests\] finished: 0 run, 0 failed/m.test(out)) status = 'skipped';
      else console.error(`test:ext: ${pass.name} pass FAILED: ${err && err.message || err}`);
      if (status === 'skipped') {
        console.log(`test:ext: ${pass.name} pass: no test matches AIMS_TEST_GREP=${grep}; skipped`);
        // the runner keeps its logs after a non-zero exit; nothing to look at here
        const kept = /^\[runner\] logs, profile and screenshots kept in (\S+)$/m.exec(out);
        if (kept && !process.env.KEEP_TMP && path.basename(kept[1]).startsWith('aims-vscode-run-')) fs.rmSync(kept[1], { recursive: true, force: true });
      }
    } catch (e) {
      console.error(`test:ext: ${pass.name} pass FAILED: ${e && e.stack || e}`);
    } finally {
      if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
      else console.log(`test:ext: ${pass.name} workspace kept in ${tmp}`);
    }
    results.push({ name: pass.name, status });
  }
  console.log(`\ntest:ext: ${results.map(r => `${r.name} pass ${r.status}`).join('; ')}`);
  const failed = results.some(r => r.status === 'FAILED');
  if (!failed && !results.some(r => r.status === 'ok')) die(`AIMS_TEST_GREP=${grep} matches no test in any pass`);
  process.exit(failed ? 1 : 0);
})();
