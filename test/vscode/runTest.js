#!/usr/bin/env node
// npm run test:ext: the extension-host tests (out/test/extension/**/*.test.js) inside a real VS Code.
// Uses @vscode/test-electron's runTests() unchanged; only the "VS Code executable" is our code-server
// runner (run-ext-tests.js), so nothing is downloaded from Microsoft. The same tests run on desktop
// VS Code where one is available:
//   AIMS_VSCODE_EXECUTABLE=/path/to/code npm run test:ext       # a local desktop VS Code
//   AIMS_VSCODE_EXECUTABLE=download npm run test:ext            # let @vscode/test-electron download one
// The workspace is a fresh temporary copy of examples/ (the tests create, edit and delete records);
// it is not a git repository, and GIT_CEILING_DIRECTORIES keeps git from finding one above it.
// Env: AIMS_TEST_GREP (only tests whose title matches), KEEP_TMP=1 (keep the workspace copy),
//      AIMS_VSCODE_TIMEOUT_S (global timeout of the runner, default 480).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '../..');
const runner = path.join(__dirname, 'run-ext-tests.js');
const testsIndex = path.join(repo, 'out/test/extension/index.js');

function die(msg) {
  console.error(`test:ext: ERROR: ${msg}`);
  process.exit(1);
}

(async () => {
  let runTests;
  try { ({ runTests } = require('@vscode/test-electron')); } catch (e) { die(`@vscode/test-electron is missing (npm ci): ${e.message}`); }
  if (!fs.existsSync(testsIndex)) die(`${testsIndex} missing: run npm run compile-tests first`);
  if (!fs.existsSync(path.join(repo, 'dist/extension.js'))) die('dist/extension.js missing: run npm run build first');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-ext-'));
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(path.join(repo, 'examples'), workspace, { recursive: true });
  // a fresh profile for every run (runTests would otherwise reuse .vscode-test/user-data)
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'user-settings.json'), path.join(userData, 'User/settings.json'));

  let exe = process.env.AIMS_VSCODE_EXECUTABLE || runner;
  if (exe === 'download') exe = undefined;
  if (exe === runner) {
    try { fs.chmodSync(runner, 0o755); } catch { /* read-only checkout: spawn reports it */ }
  } else if (exe && !fs.existsSync(exe)) die(`AIMS_VSCODE_EXECUTABLE=${exe} does not exist`);

  console.log(`test:ext: VS Code = ${exe ?? 'downloaded by @vscode/test-electron'}; workspace = copy of examples/ in ${workspace}`);
  let code = 1;
  try {
    await runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: repo,
      extensionTestsPath: testsIndex,
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(tmp, 'extensions')}`, '--disable-extensions'],
      extensionTestsEnv: { GIT_CEILING_DIRECTORIES: tmp, AIMS_TEST_WORKSPACE: workspace },
    });
    code = 0;
  } catch (e) {
    console.error(`test:ext: FAILED: ${e && e.message || e}`);
  } finally {
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`test:ext: workspace kept in ${workspace}`);
  }
  process.exit(code);
})();
