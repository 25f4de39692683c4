#!/usr/bin/env node
// Runs VS Code extension-host tests (mocha + the real `vscode` API) inside code-server, a real
// VS Code installed from the npm registry by test/vscode/setup.sh. Nothing is downloaded.
//
// How: code-server starts with `--vscode-option enable-smoke-test-driver` (without it the built web
// client ignores the `payload` URL parameter and the run hangs). Chromium (playwright-core, Debian's
// /usr/bin/chromium) opens
//   /?folder=WS&payload=[["extensionDevelopmentPath","vscode-remote://HOST/abs/ext"],
//                        ["extensionTestsPath","vscode-remote://HOST/abs/ext/out/test/extension/index.js"]]
// (/?workspace=WS&payload=... when WS is a multi-root .code-workspace file)
// The Node extension host (server side, Node 24) loads the extension in development mode, require()s
// extensionTestsPath and calls its run(); when that settles the workbench calls
// window.codeAutomationExit(code), and it streams the extension host's console (mocha's reporter)
// through window.codeAutomationLog(type, args). Both are exposed here with page.exposeFunction.
//
// Usage (either form):
//   EXT_DIR=/abs/ext TESTS=/abs/tests/index.js WS=/abs/folder node run-ext-tests.js
//   run-ext-tests.js [FOLDER | FILE.code-workspace] --extensionDevelopmentPath=/abs/ext --extensionTestsPath=/abs/tests.js
//                    [--user-data-dir=D] [--extensions-dir=E]
// The second form is the command line @vscode/test-electron's runTests() produces, so this file is
// given to runTests({ vscodeExecutablePath: <this file>, ... }) unchanged (see runTest.js).
// Exit code: 0 only when the tests' run() resolved; 1 on failing tests, a crash of the extension
// host or of code-server, a missing module, or the global timeout.
// Env: AIMS_VSCODE_CACHE (folder setup.sh installed into; default ~/.cache/aims-vscode-test),
//      CHROMIUM (default /usr/bin/chromium), PORT (default: a free one),
//      AIMS_VSCODE_TIMEOUT_S (global timeout, default 480), VERBOSE=1 (all workbench/browser logs),
//      KEEP_TMP=1 (keep logs and profile even when the tests pass).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const {
  CACHE, NODE24, ENTRY, CHROMIUM, CHROMIUM_ARGS,
  need, freePort, waitHealthy, codeServerEnv, writeProfile, serveArgs, loadPlaywright,
} = require('./code-server');

const TIMEOUT_S = Number(process.env.AIMS_VSCODE_TIMEOUT_S || process.env.TIMEOUT_S || 480);
// printed by the mocha index (test/extension/index.ts, test/extension-multiroot/index.ts) when mocha
// has finished; a 0 without it is not a pass
const SENTINEL = /^\[ext-tests\] finished: /m;
let sentinelSeen = false;

const t0 = Date.now();
const stamp = (m) => console.log(`[runner +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const fail = (m) => { console.error(`[runner] ERROR: ${m}`); process.exit(1); };

for (const [f, what] of [[NODE24, 'Node 24'], [ENTRY, 'code-server'], [CHROMIUM, 'Chromium']]) {
  try { need(f, what); } catch (e) { fail(e.message); }
}
let chromium;
try {
  ({ chromium } = loadPlaywright([process.cwd(), __dirname, CACHE]));
} catch (e) { fail(e.message); }

// ---- arguments: env vars or VS Code CLI style (as passed by @vscode/test-electron) ----
const devPaths = [], positional = [];
let testsPath = process.env.TESTS, userDataArg, extDirArg;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const m = /^--([^=]+)=(.*)$/.exec(a);
  // both --name=value and --name value
  const key = m ? m[1] : (a.startsWith('--') ? a.slice(2) : undefined);
  const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(key);
  const val = m ? m[2] : (takesValue ? argv[++i] : undefined);
  if (key === 'extensionDevelopmentPath') devPaths.push(val);
  else if (key === 'extensionTestsPath') testsPath = val;
  else if (key === 'user-data-dir') userDataArg = val;
  else if (key === 'extensions-dir') extDirArg = val;
  else if (a.startsWith('-')) { /* --no-sandbox, --disable-updates, --skip-welcome, ...: irrelevant here */ }
  else positional.push(a);
}
if (!devPaths.length) devPaths.push(process.env.EXT_DIR || process.cwd());
const EXT_DIRS = devPaths.map(p => path.resolve(p));
if (!testsPath) fail('no tests given: pass --extensionTestsPath=/abs/path/index.js or TESTS=...');
const TESTS = path.resolve(testsPath);
if (!fs.existsSync(TESTS) && !fs.existsSync(TESTS + '.js')) fail(`extensionTestsPath ${TESTS} does not exist (compile the tests first)`);
for (const d of EXT_DIRS) if (!fs.existsSync(path.join(d, 'package.json'))) fail(`extensionDevelopmentPath ${d} has no package.json`);
const WS = path.resolve(positional[0] || process.env.WS || fs.mkdtempSync(path.join(os.tmpdir(), 'aims-ws-')));
if (!fs.existsSync(WS)) fail(`workspace folder ${WS} does not exist`);
// a multi-root workspace: a .code-workspace file (opened with ?workspace= instead of ?folder=)
const IS_WORKSPACE_FILE = path.extname(WS) === '.code-workspace' && fs.statSync(WS).isFile();
if (!IS_WORKSPACE_FILE && !fs.statSync(WS).isDirectory()) fail(`${WS} is neither a folder nor a .code-workspace file`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-vscode-run-'));
let cs, csExited = false, browser, cleaningUp = false;

async function cleanup() {
  if (cleaningUp) return; cleaningUp = true;
  if (browser) await Promise.race([browser.close().catch(() => {}), new Promise(r => setTimeout(r, 5000))]);
  if (cs && cs.pid) {
    // kill the whole group: code-server + extension host + file watcher + pty host children
    const killGroup = (sig) => { try { process.kill(-cs.pid, sig); } catch { /* already gone */ } };
    killGroup('SIGTERM');
    if (!csExited) await new Promise(r => { cs.once('exit', r); setTimeout(r, 5000); });
    await new Promise(r => setTimeout(r, 300));
    killGroup('SIGKILL');
  }
}
async function finish(code) {
  // hard stop in case cleanup itself hangs
  setTimeout(() => { console.error('[runner] cleanup hung; exiting'); process.exit(code || 1); }, 20000).unref();
  await cleanup();
  if (code === 0 && !process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`[runner] logs, profile and screenshots kept in ${tmp}`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { stamp(`received ${sig}; stopping code-server`); finish(1); });
}

(async () => {
  const PORT = Number(process.env.PORT) || await freePort();
  const userData = path.resolve(userDataArg || path.join(tmp, 'user-data'));
  const extensionsDir = path.resolve(extDirArg || path.join(tmp, 'extensions'));
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Quiet UI (user-settings.json): no welcome page, no chat/AI, no telemetry, no trust prompts, no update checks.
  const csConfig = path.join(tmp, 'code-server.yaml');
  writeProfile(userData, csConfig);
  const args = [...serveArgs(csConfig, PORT),
    // REQUIRED: the web client honours ?payload= extensionDevelopmentPath/extensionTestsPath only
    // when it is a dev build or developmentOptions.enableSmokeTestDriver is set (by this flag).
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', userData, '--extensions-dir', extensionsDir, WS];
  // The extension host is a child of code-server and inherits this env (extensionTestsEnv works).
  // Variables of an outer VS Code (its terminal) would confuse code-server: drop them.
  const env = codeServerEnv();
  cs = spawn(NODE24, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true }); // own process group
  const csLogFile = path.join(tmp, 'code-server.log');
  const csLog = fs.createWriteStream(csLogFile);
  cs.stdout.on('data', b => csLog.write(b)); cs.stderr.on('data', b => csLog.write(b));
  let resolveDone; const done = new Promise(r => { resolveDone = r; });
  cs.on('error', e => resolveDone({ error: `cannot start code-server: ${e.message}` }));
  cs.on('exit', (code, sig) => { csExited = true; resolveDone({ error: `code-server exited (${code ?? sig}) before the tests finished; see ${csLogFile}` }); });

  // one global deadline for everything: start-up, loading the workbench and the tests themselves
  let timer; const timeout = new Promise(r => { timer = setTimeout(() => r({ error: `TIMEOUT: the run did not finish within ${TIMEOUT_S}s (AIMS_VSCODE_TIMEOUT_S)` }), TIMEOUT_S * 1000); });
  let exitCode = 1, page;
  const flow = (async () => {
    await waitHealthy(`http://127.0.0.1:${PORT}/healthz`, 60000, () => csExited);
    stamp(`code-server up on 127.0.0.1:${PORT}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    browser.on('disconnected', () => resolveDone({ error: 'Chromium disconnected' }));
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('crash', () => resolveDone({ error: 'the workbench page crashed' }));
    await page.exposeFunction('codeAutomationExit', (code) => resolveDone({ code }));
    // Receives the workbench log *and* the extension host's console output (mocha's reporter) as
    // console-style argument arrays ("%s" formats); formatted like @vscode/test-web does.
    const noise = /getaddrinfo ENOTFOUND|authentication provider .github.|^Resolv|^Creating a socket|^Updating additional builtin|^\[(AccountPolicyGate|AgentHost|Service Worker|reconnection)|open-vsx\.org/;
    // A crashed extension host still ends in codeAutomationExit(0) after a while: catch it here,
    // and trust a 0 only after the test index printed its closing sentinel line.
    const crash = /Extension host \(.*\) terminated unexpectedly|Extension host terminated unexpectedly|\[remote-connection\]\[ExtensionHost\].*(socket close event|reconnect)/;
    const onLine = (type, line) => {
      if (crash.test(line)) resolveDone({ error: `the extension host crashed or lost its connection: ${line}` });
      if (SENTINEL.test(line)) sentinelSeen = true;
      if (process.env.VERBOSE || !noise.test(line)) (type === 'error' ? console.error : console.log)(line);
    };
    await page.exposeFunction('codeAutomationLog', (type, a) => {
      try { onLine(type, util.format(...(Array.isArray(a) ? a : [a]))); } catch { onLine(type, String(a)); }
    });
    page.on('console', m => {
      const t = m.text();
      if (crash.test(t)) resolveDone({ error: `the extension host crashed: ${t}` });
      if (process.env.VERBOSE) console.log('  [browser]', t);
    });
    const auth = `127.0.0.1:${PORT}`;
    const payload = EXT_DIRS.map(d => ['extensionDevelopmentPath', `vscode-remote://${auth}${d}`]);
    payload.push(['extensionTestsPath', `vscode-remote://${auth}${TESTS}`]);
    const url = `http://${auth}/?${IS_WORKSPACE_FILE ? 'workspace' : 'folder'}=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    stamp(`opening VS Code ${EXT_DIRS.length > 1 ? 'with extensions' : 'with extension'} ${EXT_DIRS.join(', ')}; tests ${TESTS}; ${IS_WORKSPACE_FILE ? 'workspace file' : 'folder'} ${WS}`);
    await page.goto(url, { timeout: 60000 });
    const r = await done;
    if (r.code === undefined || Number(r.code) !== 0) return r;
    for (let i = 0; i < 20 && !sentinelSeen; i++) await new Promise(res => setTimeout(res, 100));
    return sentinelSeen ? r : { error: 'VS Code reported success, but the test index never printed its closing line "[ext-tests] finished: ..." (extension host crashed, or run() is not a mocha index like test/extension/index.ts)' };
  })().catch(e => ({ error: String(e && e.stack || e) }));
  const result = await Promise.race([flow, done.then(r => (r.error ? r : flow)), timeout]);
  clearTimeout(timer);
  if (result.error) {
    stamp(`ERROR: ${result.error}`);
    if (page) await page.screenshot({ path: path.join(tmp, 'failure.png'), timeout: 10000 }).catch(() => {});
  } else {
    exitCode = Number(result.code) === 0 ? 0 : 1;
    stamp(`extension tests finished with exit code ${result.code}`);
  }
  if (exitCode !== 0) {
    try {
      const log = fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').trim().split('\n').slice(-15);
      console.log(`[runner] last lines of code-server.log:\n${log.map(l => '    ' + l).join('\n')}`);
    } catch { /* no log */ }
  }
  await finish(exitCode);
})().catch(e => { console.error(e); finish(1); });
