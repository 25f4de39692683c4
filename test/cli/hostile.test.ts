// Hostile and broken input through the real CLI (issue #10): each attack is a fixture next to a clean
// record; the run must finish with a clear finding for the attack and the rest of the workspace still
// reported. Outcomes only, never wall-clock times (the benchmark, scripts/bench-hostile.mjs, measures).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aims, useTempDirs, workspace, write, type JsonFinding } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const inputs = require('../../../test/fixtures/hostile/inputs.cjs') as {
  aliasBombKind(): string; aliasBombUnknownKey(): string; duplicateKeys(n?: number): string; unclosedBrackets(n?: number): string;
  backtrackingGlob(): { config: string; fileName: string }; binary(size?: number): Buffer; injection(): string;
  invalidUtf8(): Buffer; duplicateStatus(): string; mergeKey(): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string };

/** A clean neighbour: its findings must still be reported whatever the hostile file does. */
const OTHER = 'apiVersion: aims/v1\nkind: ModelCard\nid: other\ntitle: Other\nstatus: bogus\n';

function run(files: Record<string, string | Buffer>, args: string[] = ['lint', '--format', 'json']): { code: number; stdout: string; stderr: string; root: string } {
  const root = workspace({ 'aims/other.yaml': OTHER });
  for (const [rel, body] of Object.entries(files)) {
    if (typeof body === 'string') write(root, rel, body);
    else { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.writeFileSync(path.join(root, rel), body); }
  }
  return { ...aims(args, root), root };
}

function json(stdout: string): JsonFinding[] {
  return JSON.parse(stdout) as JsonFinding[];
}

function assertOtherReported(list: JsonFinding[]): void {
  assert.ok(list.some(f => f.file === 'aims/other.yaml' && f.ruleId === 'invalid-enum'), 'the rest of the workspace is still reported');
}

describe('hostile input (CLI)', function () {
  this.timeout(120_000);
  useTempDirs();

  describe('limits', () => {
    it('an alias bomb as the value of kind: one input-limit finding, the rest reported, small output', () => {
      const r = run({ 'aims/bomb.yaml': inputs.aliasBombKind() });
      assert.equal(r.code, 1, r.stderr);
      const list = json(r.stdout);
      const own = list.filter(f => f.file === 'aims/bomb.yaml');
      assert.deepEqual(own.map(f => f.ruleId), ['input-limit']);
      assert.match(own[0].message, /aliases expand this document to more than 100,000 nodes/);
      assert.ok(r.stdout.length < 50_000, `output stays small (${r.stdout.length} characters)`);
      assertOtherReported(list);
    });

    it('an alias bomb under an unknown key of a valid record: reported, not expanded', () => {
      const r = run({ 'aims/bomb.yaml': inputs.aliasBombUnknownKey() });
      const own = json(r.stdout).filter(f => f.file === 'aims/bomb.yaml');
      assert.deepEqual(own.map(f => f.ruleId), ['input-limit']);
      assert.ok(r.stdout.length < 50_000);
    });

    it('20,000 duplicate keys: findings capped at 200 plus one that counts the rest, each at the later key', () => {
      const r = run({ 'aims/dup.yaml': inputs.duplicateKeys() });
      const list = json(r.stdout);
      const own = list.filter(f => f.file === 'aims/dup.yaml');
      assert.equal(own.filter(f => f.ruleId === 'duplicate-key').length, 199);
      assert.ok(own.length <= 201, `at most maxFindingsPerFile + 1 findings (${own.length})`);
      const more = own.filter(f => f.ruleId === 'input-limit' && /more YAML errors/.test(f.message));
      assert.equal(more.length, 1);
      assert.match(more[0].message, /19,800 more YAML errors in this file are not shown/);
      // the first status: is line 4; every finding points at a later one
      assert.ok(own.filter(f => f.ruleId === 'duplicate-key').every(f => f.line > 4));
      assertOtherReported(list);
    });

    it('10,000 unclosed brackets: findings capped, each at its bracket', () => {
      const r = run({ 'aims/brackets.yaml': inputs.unclosedBrackets() });
      const own = json(r.stdout).filter(f => f.file === 'aims/brackets.yaml');
      assert.ok(own.length <= 201, String(own.length));
      assert.ok(own.some(f => f.ruleId === 'input-limit' && /more YAML errors/.test(f.message)));
      const first = own.find(f => f.ruleId === 'yaml-syntax')!;
      assert.equal(first.line, 3);
      assert.equal(first.column, 5, 'at the [ of k0: [a, b');
    });

    it('a 200 KB binary file named .yaml: one finding, not 100,000', () => {
      const r = run({ 'aims/blob.yaml': inputs.binary() });
      const own = json(r.stdout).filter(f => f.file === 'aims/blob.yaml');
      assert.ok(own.length <= 2, own.map(f => f.message).join('\n'));
      assert.ok(own.some(f => f.ruleId === 'input-limit'));
    });

    it('a file over limits.maxFileBytes is reported, not parsed, and the limit is configurable', () => {
      const big = 'apiVersion: aims/v1\nkind: ModelCard\nid: big\nnotes: "' + 'x'.repeat(5000) + '"\n';
      const r = run({ 'aims/big.yaml': big, 'aims/aims.config.yaml': 'limits:\n  maxFileBytes: 4096\n' });
      const own = json(r.stdout).filter(f => f.file === 'aims/big.yaml');
      assert.deepEqual(own.map(f => f.ruleId), ['input-limit']);
      assert.match(own[0].message, /over the limit of 4 KiB/);
    });

    it('a backtracking config glob against a 40-character file name: the run completes and matches as minimatch', () => {
      const { config, fileName } = inputs.backtrackingGlob();
      const r = run({ 'aims/aims.config.yaml': config.replace('include:\n', 'include:\n  - "other.yaml"\n'), [`aims/${fileName}`]: 'kind: x\n', 'aims/aaaaaaaaaaaaab.yaml': 'kind: y\n' });
      assert.equal(r.code, 1, r.stderr);
      const files = new Set(json(r.stdout).map(f => f.file));
      assert.deepEqual([...files].sort(), ['aims/aaaaaaaaaaaaab.yaml', 'aims/other.yaml'], 'a…ab.yaml matches, the long a…a.yaml does not');
    });

    it('extended globs and brace ranges in the config are a configuration error (exit 2), not a slow match', () => {
      for (const glob of ['+(a|b).yaml', '{1..100000}.yaml']) {
        const r = run({ 'aims/aims.config.yaml': `include:\n  - "${glob}"\n` }, ['lint']);
        assert.equal(r.code, 2, glob);
        assert.match(r.stderr, /aims\.config\.yaml:2:\d+: 'include' pattern .* not supported/);
      }
    });
  });

  describe('output that cannot inject', () => {
    const files = { 'aims/inject.yaml': inputs.injection() };

    it('stylish: no record value starts a line or carries control characters', () => {
      const r = run(files, ['lint']);
      assert.equal(r.code, 1);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(r.stdout), 'no control characters (no color: NO_COLOR)');
      for (const line of r.stdout.split('\n')) assert.ok(!/^\s*::/.test(line), `no workflow command line: ${line}`);
      assert.ok(r.stdout.includes('bogus\\n::error file=x.yaml'), 'the value is shown, its line breaks inert');
    });

    it('github: every line is one of our annotations; values cannot add commands', () => {
      const r = run(files, ['lint', '--format', 'github']);
      const lines = r.stdout.split('\n').filter(Boolean);
      assert.ok(lines.length >= 2);
      for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^\n]*::/);
      assert.ok(!/[\u0000-\u001f\u007f]/.test(r.stdout.replace(/\n/g, '')));
      assert.ok(!r.stdout.includes('\n::add-mask::') && !r.stdout.includes('\n::stop-commands::'));
    });

    it('markdown (lint and coverage): no HTML, image or link from a record value', () => {
      const soa = 'apiVersion: aims/v1\nkind: Applicability\nid: soa\ntitle: SoA\nowner: "<img src=x onerror=alert(1)> ![t](https://evil.example/t.png)"\nstatus: approved\nreviewed: 2026-01-01\nreview_by: 2027-01-01\ncontrols:\n  - control: A.2.2\n    applicable: true\n    status: implemented\n    owner: "<script>alert(1)</script>"\n    evidence: ["[x](javascript:alert(1))"]\n';
      const lint = run({ ...files, 'aims/soa.yaml': soa }, ['lint', '--format', 'markdown']);
      const cov = aims(['coverage', '--format', 'markdown'], lint.root);
      const md = new MarkdownIt({ html: true, linkify: true });
      for (const out of [lint.stdout, cov.stdout]) {
        const html = md.render(out);
        assert.ok(!/<(script|img)\b/i.test(html), html);
        for (const m of html.matchAll(/<a href="([^"]*)"/g)) assert.match(m[1], /^https:\/\/github\.com\/aims-tools\/aims-lint\/blob\/main\/docs\/rules\//, 'only our rule links');
      }
      assert.ok(lint.stdout.includes('&lt;script&gt;') || lint.stdout.includes('\\[t\\]'), 'the values are shown, escaped');
    });

    it('sarif stays valid JSON with the value as inert text', () => {
      const r = run(files, ['lint', '--format', 'sarif']);
      const log = JSON.parse(r.stdout) as { runs: { results: { message: { text: string } }[] }[] };
      const texts = log.runs[0].results.map(x => x.message.text);
      assert.ok(texts.some(t => t.includes('bogus\\n::error')));
      assert.ok(texts.every(t => !/[\u0000-\u001f]/.test(t)));
    });
  });

  describe('--fix changes only what it was asked to', () => {
    it('a file that is not valid UTF-8 is reported with the byte position and never rewritten', () => {
      const bytes = inputs.invalidUtf8();
      const r = run({ 'aims/latin1.yaml': bytes }, ['lint', '--fix', '--format', 'json']);
      assert.ok(fs.readFileSync(path.join(r.root, 'aims/latin1.yaml')).equals(bytes), 'byte-identical');
      const own = json(r.stdout).filter(f => f.file === 'aims/latin1.yaml');
      const note = own.find(f => f.ruleId === 'input-limit')!;
      assert.match(note.message, new RegExp(`byte ${bytes.indexOf(0xe9)} `));
      assert.ok(own.every(f => !f.fixable), 'nothing counted as fixable');
    });

    it('two status: keys: the finding is at the later key, --fix never overwrites the first value', () => {
      const text = inputs.duplicateStatus();
      const r = run({ 'aims/two.yaml': text }, ['lint', '--fix', '--format', 'json']);
      assert.equal(fs.readFileSync(path.join(r.root, 'aims/two.yaml'), 'utf8'), text, 'unchanged');
      const own = json(r.stdout).filter(f => f.file === 'aims/two.yaml');
      const dup = own.find(f => f.ruleId === 'duplicate-key')!;
      assert.equal(dup.line, 7, 'the later status:');
      const enumFinding = own.find(f => f.ruleId === 'invalid-enum');
      assert.equal(enumFinding?.line, 7, 'the value checked is the later one, where it is');
      assert.ok(own.every(f => !f.fixable));
    });

    it('what is counted as fixable is what --fix fixes', () => {
      const broken = 'apiVersion: aims/v1\nkind: ModelCard\nid: x\ntitle: "unclosed\nowner: a\n';
      const fixable = 'apiVersion: aims/v1\nkind: Modelcard\nid: y\n';
      const before = run({ 'aims/broken.yaml': broken, 'aims/fixable.yaml': fixable });
      const counted = json(before.stdout).filter(f => f.fixable).length;
      const fixed = aims(['lint', '--fix', '--format', 'json'], before.root);
      const applied = Number(/applied (\d+) fix/.exec(fixed.stderr)?.[1] ?? 0);
      assert.equal(applied, counted, fixed.stderr);
      assert.equal(fs.readFileSync(path.join(before.root, 'aims/broken.yaml'), 'utf8'), broken);
      assert.equal(json(fixed.stdout).filter(f => f.fixable).length, 0, 'nothing fixable is left');
    });
  });

  describe('no silent pass', () => {
    const code2 = (files: Record<string, string>, re: RegExp): void => {
      const root = workspace(files);
      const r = aims(['lint'], root);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, re);
    };
    it('aims is a file', () => code2({ aims: 'not a folder' }, /aims is a file, not a folder/));
    it('aims/ is empty', () => code2({ 'aims/.keep': '' }, /aims\/ holds no record files/));
    it('the config excludes every record', () => code2({ 'aims/a.yaml': OTHER, 'aims/aims.config.yaml': 'exclude: ["**"]\n' }, /match none of the 1 YAML file under aims\//));
    it('the config turns every rule off', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { RULES } = require('../../src/core/rules') as typeof import('../../src/core/rules');
      code2({ 'aims/a.yaml': OTHER, 'aims/aims.config.yaml': `rules:\n${RULES.map(x => `  ${x.id}: off`).join('\n')}\n` }, /every rule is turned off/);
    });
    it('a path that holds no record', () => {
      const root = workspace({ 'aims/a.yaml': OTHER, 'aims/empty/.keep': '' });
      const r = aims(['lint', 'aims/empty'], root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no record file under 'aims\/empty'/);
    });
    it('merge keys are resolved: merged values are validated, << is no unknown key', () => {
      const r = run({ 'aims/merged.yaml': inputs.mergeKey() });
      const own = json(r.stdout).filter(f => f.file === 'aims/merged.yaml');
      assert.ok(own.some(f => f.ruleId === 'invalid-enum' && /bogus/.test(f.message)), own.map(f => f.ruleId).join());
      assert.ok(!own.some(f => f.ruleId === 'unknown-key' && /<</.test(f.message)));
      assert.ok(!own.some(f => f.ruleId === 'required-field' && /owner/.test(f.message)), 'the merged owner counts');
    });
  });
});
