// Helpers for the UI end-to-end tests (test/ui/*.test.ts, through their typed wrapper test/ui/ui-lib.ts;
// test/vscode/run-ui-tests.js runs each compiled file in its own process): the packaged VSIX installed
// into code-server (a real VS Code, installed by test/vscode/setup.sh), driven in Debian's Chromium by
// playwright-core. Nothing is downloaded. The code-server plumbing is shared with run-ext-tests.js
// (code-server.js).
//   startCodeServer({ vsix, workspace, port? }) -> { url, stop() }
//   launchBrowser() -> playwright Browser (headless Chromium, fresh profile)
//   runCommand(page, 'Category: Title', { optional?, opensPicker? })   command palette, clicks the exact row
//   setTheme(page, 'Dark Modern', 'vs-dark')       color theme through the palette
//   screenshot(page, name) -> path of test-results/ui/<test file>/<name>.png
// Env: AIMS_VSCODE_CACHE (default ~/.cache/aims-vscode-test), CHROMIUM (default /usr/bin/chromium),
//      AIMS_UI_TIMEOUT_S (hard limit for the process of one UI test file, default 300), KEEP_TMP=1.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  NODE24, ENTRY, CHROMIUM, CHROMIUM_ARGS,
  need, freePort, waitHealthy, codeServerEnv, writeProfile, serveArgs, loadPlaywright,
} = require('./code-server');

const REPO = path.resolve(__dirname, '../..');
// one folder per UI test file (test-results/ui/<file>/), so that running one file keeps the others' shots
const SUITE = path.basename(process.argv[1] || 'ui', '.js').replace(/\.test$/, '');
const SHOTS = path.join(REPO, 'test-results/ui', SUITE);
const TIMEOUT_S = Number(process.env.AIMS_UI_TIMEOUT_S || 300);

// ---- cleanup of everything started here, whatever happens to the test process ----
const servers = new Set();
const browsers = new Set();
function killAllSync() {
  for (const s of servers) { try { process.kill(-s.pid, 'SIGKILL'); } catch { /* gone */ } }
  servers.clear();
  for (const b of browsers) { try { b.process && b.process() && b.process().kill('SIGKILL'); } catch { /* gone */ } }
}
process.on('exit', () => {
  killAllSync();
  // a test process that ran out of work without setting its result (an await that never settled)
  if (process.exitCode === undefined) { console.error('ui: the UI test ended without a result'); process.exitCode = 1; }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { console.error(`ui: received ${sig}; stopping code-server and Chromium`); killAllSync(); process.exit(1); });
}
// A hung step (a selector that never appears is bounded by playwright's timeouts, but a hung
// browser or server is not) must not hang CI: hard limit for the whole process.
const watchdog = setTimeout(() => {
  console.error(`ui: TIMEOUT: the UI tests did not finish within ${TIMEOUT_S}s (AIMS_UI_TIMEOUT_S); stopping`);
  killAllSync();
  process.exit(1);
}, TIMEOUT_S * 1000);
watchdog.unref();

/** Installs the VSIX into a private profile and starts code-server on 127.0.0.1 with the workspace. */
async function startCodeServer({ vsix, workspace, port }) {
  need(NODE24, 'Node 24'); need(ENTRY, 'code-server');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} missing: run npm run package first`);
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-ui-cs-'));
  const userData = path.join(tmp, 'user-data'), extDir = path.join(tmp, 'extensions');
  const config = path.join(tmp, 'code-server.yaml');
  writeProfile(userData, config);
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });

  const inst = spawnSync(NODE24, [ENTRY, '--config', config, '--user-data-dir', userData, '--extensions-dir', extDir,
    '--install-extension', path.resolve(vsix), '--force'], { encoding: 'utf8', env: codeServerEnv(), timeout: 120_000 });
  const installed = fs.existsSync(extDir) && fs.readdirSync(extDir).some(d => d.startsWith('aims-tools.aims-lint-'));
  if (inst.status !== 0 || !installed) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${inst.status}${inst.error ? ', ' + inst.error.message : ''}):\n${inst.stdout}${inst.stderr}`);
  }
  port = port || await freePort();
  const log = path.join(tmp, 'code-server.log');
  const out = fs.openSync(log, 'a');
  // serveArgs includes --disable-workspace-trust, essential: in Restricted Mode an installed extension stays disabled
  const proc = spawn(NODE24, [...serveArgs(config, port), '--user-data-dir', userData, '--extensions-dir', extDir, workspace],
  { stdio: ['ignore', out, out], env: codeServerEnv(), detached: true }); // own process group
  fs.closeSync(out);
  proc.unref(); // never keeps the test process alive; the 'exit' handler above kills it
  servers.add(proc);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${url}/healthz`, 60_000, () => proc.exitCode !== null || proc.signalCode !== null);
  } catch (e) {
    killAllSync();
    throw new Error(`${e.message}; log: ${log}\n${fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}`);
  }
  console.log(`ui: code-server with ${path.basename(vsix)} up at ${url} after ${((Date.now() - t0) / 1000).toFixed(1)}s (its log is copied to test-results/ui/${SUITE}/code-server.log)`);
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return; stopped = true;
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
      if (proc.exitCode === null && proc.signalCode === null) {
        await new Promise(r => { const t = setTimeout(r, 5000); proc.once('exit', () => { clearTimeout(t); r(); }); });
      }
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
      servers.delete(proc);
      try { fs.copyFileSync(log, path.join(SHOTS, 'code-server.log')); } catch { /* no log */ }
      if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
      else console.log(`ui: code-server profile kept in ${tmp}`);
    },
  };
}

/** Headless Debian Chromium; playwright gives every launch a fresh temporary profile (--user-data-dir). */
async function launchBrowser() {
  need(CHROMIUM, 'Chromium');
  const { chromium } = loadPlaywright([REPO, __dirname]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: 60_000, args: CHROMIUM_ARGS });
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  return browser;
}

/**
 * Runs a command through the command palette (F1) by its exact title ("Category: Title"): the row whose
 * label is exactly that title is clicked instead of pressing Enter (the first row may be a "recently
 * used" other match), also when the row carries a keybinding ("Preferences: Color Theme, Ctrl+K Ctrl+T").
 * optional: a command that is not offered is skipped (e.g. "View: Close Panel" with no panel open).
 * opensPicker: the command opens a picker of its own in the same widget.
 */
async function runCommand(page, label, { optional = false, opensPicker = false } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>' + label);
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
  try {
    await row.waitFor({ timeout: optional ? 3000 : 30_000 });
  } catch (e) {
    await page.keyboard.press('Escape');
    if (optional) return;
    throw e;
  }
  await row.click();
  // a command that opens a picker of its own reuses the widget: wait for the palette's '>' to go instead
  if (opensPicker) await page.waitForFunction(() => !(document.querySelector('.quick-input-widget input.input') || {}).value?.startsWith('>'));
  else await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The color theme, through the palette like a user: label e.g. "Light Modern"; kind: vs | vs-dark | hc-black | hc-light. */
async function setTheme(page, label, kind) {
  await runCommand(page, 'Preferences: Color Theme', { opensPicker: true });
  await page.locator('.quick-input-widget input.input[placeholder^="Select Color Theme"]').waitFor();
  const input = page.locator('.quick-input-widget input.input');
  await input.fill(label);
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator(`.monaco-workbench.${kind}`).waitFor();
}

/** Saves a PNG of the page under test-results/ui/ and returns its path. */
async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, timeout: 15_000 });
  return path.relative(process.cwd(), file) || file;
}

module.exports = { startCodeServer, launchBrowser, runCommand, setTheme, screenshot };
