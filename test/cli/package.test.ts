// The CLI as an npm package: `npm pack` (prepack builds dist/cli.js) gives a tarball with the CLI
// only; installed from it into an empty project with `npm install --offline`, `npx aims` works and
// reports exactly what the repository's CLI reports. The install pulls no other package.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aims, copyExamples, REPO, tempDir, TODAY, useTempDirs } from './helpers';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment without the settings an outer `npm test` passes down (npm_config_*, npm_package_*), except network and cache ones. */
function npmEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^npm_/i.test(k) && !/^npm_config_(cache|registry|userconfig|globalconfig|.*proxy|cafile|ca|strict_ssl)$/i.test(k)) continue;
    if (k === 'INIT_CWD' || k === 'NODE') continue;
    env[k] = v;
  }
  return { ...env, AIMS_TODAY: TODAY, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function run(cmd: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: 240_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI as an npm package (npm pack, npm install --offline, npx aims)', function () {
  this.timeout(300_000);
  useTempDirs();
  let tarball: string;
  let files: string[];
  let project: string;

  before(() => {
    const out = tempDir('aims-pack-');
    const r = run(npm, ['pack', '--json', '--pack-destination', out], REPO);
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(out, info[0].filename);
    files = info[0].files.map(f => f.path).sort();
    project = tempDir('aims-install-');
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'team-records', version: '1.0.0', private: true }, null, 2));
    const inst = run(npm, ['install', '--offline', '--save-dev', tarball], project);
    assert.equal(inst.code, 0, `npm install --offline ${tarball}:\n${inst.stderr}`);
  });

  it('the tarball holds the built CLI and nothing else', () => {
    assert.ok(fs.existsSync(tarball));
    assert.deepEqual(files, ['LICENSE', 'README.md', 'bin/aims.js', 'dist/cli.js', 'package.json']);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies?: object; scripts: Record<string, string>; bin: Record<string, string> };
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'the bundled CLI needs no package at run time');
    assert.match(pkg.scripts.prepack, /build\.mjs --production/);
    assert.deepEqual(pkg.bin, { aims: 'bin/aims.js' });
  });

  it('installs offline into an empty project without pulling any other package', () => {
    const installed = fs.readdirSync(path.join(project, 'node_modules')).filter(d => !d.startsWith('.')).sort();
    assert.deepEqual(installed, ['aims-lint']);
    assert.ok(fs.existsSync(path.join(project, 'node_modules/.bin/aims')));
  });

  it('npx aims --version and --help work from the installed package', () => {
    const version = run(npm, ['exec', '--offline', '--', 'aims', '--version'], project);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    const help = run(npm, ['exec', '--offline', '--', 'aims', '--help'], project);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^aims — lint ISO\/IEC 42001 AIMS records/);
  });

  it('npx aims lint gives what the repository CLI gives; npx aims init writes where it runs', () => {
    const ws = copyExamples();
    const viaNpx = run(npm, ['exec', '--offline', '--', 'aims', 'lint', '--format', 'json', '--root', ws], project);
    assert.equal(viaNpx.code, 1, viaNpx.stderr);
    const direct = aims(['lint', '--format', 'json', '--root', ws], project);
    assert.deepEqual(JSON.parse(viaNpx.stdout), JSON.parse(direct.stdout));
    const init = tempDir('aims-init-');
    const created = run(npm, ['exec', '--offline', '--prefix', project, '--', 'aims', 'init'], init);
    assert.equal(created.code, 0, created.stderr);
    assert.ok(fs.existsSync(path.join(init, 'aims/statement-of-applicability.yaml')), 'init wrote where it ran');
  });
});
