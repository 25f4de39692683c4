// Hostile and broken input in the engine (issue #10): limits that hold wherever the engine runs
// (parser, linter, worker threads, record form), linear parsing and locating, safe config globs.
// Outcomes only, never wall-clock times (scripts/bench-hostile.mjs measures).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { minimatch } from 'minimatch';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { compileGlob, findRecordFiles } from '../../src/core/discover';
import { formState } from '../../src/core/form';
import { decodeUtf8, exceedsNodes } from '../../src/core/limits';
import { Linter } from '../../src/core/linter';
import { Locator, parseRecord } from '../../src/core/parse';
import { parallelAnalyzer } from '../../src/core/pool';
import { openProject } from '../../src/core/project';
import { RULES } from '../../src/core/rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const inputs = require('../../../test/fixtures/hostile/inputs.cjs') as {
  aliasBombKind(): string; aliasBombUnknownKey(): string; duplicateKeys(n?: number): string; unclosedBrackets(n?: number): string;
  mergeKey(): string; duplicateStatus(): string;
};

const TODAY = '2026-11-22';
const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'aims-hostile-'));

describe('hostile input (engine)', () => {
  it('a record that is not valid UTF-8 (the editor passes the note) is reported and none of its findings carries a fix', () => {
    const text = 'apiVersion: aims/v1\nkind: DataProvenance\nid: latin1\ntitle: Caf\uFFFD data\nowner: Data team\nstatus: Approved\n';
    const clean = new Linter({ today: TODAY });
    clean.setFile('aims/data/latin1.yaml', text);
    assert.ok(clean.findingsFor('aims/data/latin1.yaml').some(f => f.ruleId === 'invalid-enum' && f.fix), 'decoded cleanly, the enum finding has its fix');
    const linter = new Linter({ today: TODAY });
    assert.equal(linter.setFile('aims/data/latin1.yaml', text, { invalidUtf8At: 33 }), true);
    const found = linter.findingsFor('aims/data/latin1.yaml');
    assert.ok(found.some(f => f.ruleId === 'input-limit' && /not valid UTF-8 \(byte 33\b/.test(f.message)));
    assert.ok(found.some(f => f.ruleId === 'invalid-enum'), 'still checked as decoded');
    assert.ok(found.every(f => !f.fix && !f.suggestions?.length), 'no fix for a file that is never rewritten');
    // the same text without the note (saved as UTF-8) is analysed again and gets its fixes back
    assert.equal(linter.setFile('aims/data/latin1.yaml', text), true);
    assert.ok(linter.findingsFor('aims/data/latin1.yaml').some(f => f.ruleId === 'invalid-enum' && f.fix));
  });

  describe('alias expansion', () => {
    it('an alias bomb is reported and its data dropped, in the parser and in the record form', () => {
      for (const text of [inputs.aliasBombKind(), inputs.aliasBombUnknownKey()]) {
        const p = parseRecord('aims/bomb.yaml', text);
        assert.equal(p.data, undefined);
        assert.deepEqual(p.problems.map(x => x.code), ['limit']);
        const state = formState(text);
        assert.equal(state.editable, false);
        assert.equal(state.data, undefined);
        assert.ok(JSON.stringify(state).length < 10_000, 'the form state is small');
      }
    });

    it('exceedsNodes: shared subtrees counted as often as they occur, cycles over any limit, long strings by size', () => {
      const leaf = ['x'];
      let v: unknown = leaf;
      for (let i = 0; i < 30; i++) v = [v, v];
      assert.equal(exceedsNodes(v, 1e6), true, '2^30 leaves');
      assert.equal(exceedsNodes({ a: [1, 2, 3] }, 10), false);
      const cyc: Record<string, unknown> = {};
      cyc.self = cyc;
      assert.equal(exceedsNodes(cyc, 1e9), true);
      const long = 'y'.repeat(64 * 1000);
      assert.equal(exceedsNodes(Array(200).fill(long), 100_000), true, '200 aliases of a 64 KB string');
      const p = parseRecord('aims/cycle.yaml', 'apiVersion: aims/v1\nkind: ModelCard\na: &a\n  b: *a\n');
      assert.equal(p.data, undefined);
      assert.match(p.problems[0].message, /aliases expand/);
    });

    it('an unknown kind is quoted in bounded form, never stringified whole', () => {
      const linter = new Linter({ today: TODAY, limits: { maxAliasNodes: 10_000_000 } });
      // 8^7 = 2 million leaves: under the raised limit, so the rule sees the value
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 7; i++) lines.push(`a${i}: &a${i} [${Array(8).fill(`*a${i - 1}`).join(', ')}]`);
      linter.setFile('aims/k.yaml', `apiVersion: aims/v1\n${lines.join('\n')}\nkind: *a6\nid: k\n`);
      const f = linter.findingsFor('aims/k.yaml').find(x => x.ruleId === 'unknown-kind')!;
      assert.ok(f, 'reported');
      assert.ok(f.message.length < 400, f.message);
    });
  });

  describe('linear parsing and locating', () => {
    it('20,000 duplicate keys: each later key reported once, capped, the data has the last value', () => {
      const text = inputs.duplicateKeys();
      const p = parseRecord('aims/dup.yaml', text);
      const dups = p.problems.filter(x => x.code === 'duplicate-key');
      assert.equal(dups.length, 199);
      assert.equal(p.problems.length, 200);
      assert.match(p.problems[199].message, /19,800 more YAML errors/);
      assert.equal((p.data as Record<string, unknown>).status, 'draft9');
      assert.equal(text.slice(dups[0].startOffset, dups[0].endOffset), 'status');
      assert.ok(dups[0].startOffset > text.indexOf('status:'), 'the later key');
    });

    it('10,000 unclosed brackets: every error points at its own bracket', () => {
      const text = inputs.unclosedBrackets(2000);
      const p = parseRecord('aims/b.yaml', text, { maxFileBytes: 1e7, maxAliasNodes: 1e5, maxFindingsPerFile: 5000 });
      const syntax = p.problems.filter(x => x.code === 'syntax');
      assert.ok(syntax.length >= 1000, String(syntax.length));
      assert.ok(syntax.every(x => text[x.startOffset] === '['), 'at a [');
    });

    it('the locator agrees with the data on duplicate keys: the later one', () => {
      const text = inputs.duplicateStatus();
      const r = new Locator(text).locate(['status']);
      assert.equal(r.start.line, 7);
    });

    it('a long flow sequence is located item by item', () => {
      const items = Array.from({ length: 5000 }, (_, i) => `i${i}`);
      const text = `apiVersion: aims/v1\nkind: ModelCard\nid: seq\nlist: [${items.join(', ')}\n`;
      const loc = new Locator(text);
      const r = loc.locate(['list', 4999]);
      assert.ok(r.start.line >= 1);
    });
  });

  describe('merge keys', () => {
    it('are resolved before validation; the merged keys count', () => {
      const linter = new Linter({ today: TODAY });
      linter.setFile('aims/m.yaml', inputs.mergeKey());
      const found = linter.findingsFor('aims/m.yaml');
      assert.ok(found.some(f => f.ruleId === 'invalid-enum' && /bogus/.test(f.message)));
      assert.ok(!found.some(f => f.ruleId === 'unknown-key' && f.path[0] === '<<'));
      assert.ok(!found.some(f => f.ruleId === 'required-field' && f.path[0] === 'owner'));
    });
  });

  describe('reading files', () => {
    it('an unreadable file is reported, not skipped', () => {
      const linter = new Linter({ today: TODAY });
      linter.setFileFromDisk('aims/gone.yaml', path.join(tmp(), 'no-such-file.yaml'));
      const f = linter.findingsFor('aims/gone.yaml');
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, 'input-limit');
      assert.match(f[0].message, /could not be read \(ENOENT\)/);
      assert.equal(linter.analysis('aims/gone.yaml')?.readOnly, true);
    });

    it('decodeUtf8: the byte offset of the first invalid byte', () => {
      assert.equal(decodeUtf8(Buffer.from('héllo')).invalidAt, undefined);
      assert.equal(decodeUtf8(Buffer.concat([Buffer.from('abc'), Buffer.from([0xe9]), Buffer.from('d')])).invalidAt, 3);
      assert.equal(decodeUtf8(Buffer.from([0x61, 0xc0, 0x80])).invalidAt, 1, 'overlong');
      assert.equal(decodeUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80])).invalidAt, 1, 'surrogate');
      assert.equal(decodeUtf8(Buffer.from([0xe2, 0x82])).invalidAt, 0, 'cut short');
    });
  });

  describe('config', () => {
    const ids = RULES.map(r => r.id);
    it('limits are read and checked', () => {
      assert.deepEqual(parseConfig('limits:\n  maxFileBytes: 2048\n  maxFindingsPerFile: 5\n', 'aims/aims.config.yaml', ids).limits, { maxFileBytes: 2048, maxFindingsPerFile: 5 });
      assert.throws(() => parseConfig('limits:\n  maxFileByte: 1\n', 'c', ids), (e: ConfigError) => /did you mean 'maxFileBytes'/.test(e.detail));
      assert.throws(() => parseConfig('limits:\n  maxFileBytes: 0\n', 'c', ids), (e: ConfigError) => /whole number ≥ 1/.test(e.detail));
    });

    it('maxFindingsPerFile caps own and cross-record findings together, with one finding for the rest', () => {
      const linter = new Linter({ today: TODAY, limits: { maxFindingsPerFile: 5 } });
      linter.setFile('aims/x.yaml', 'apiVersion: aims/v1\nkind: ModelCard\nid: Bad_Id\n');
      const list = linter.findingsFor('aims/x.yaml');
      assert.equal(list.length, 6);
      assert.match(list.find(f => f.ruleId === 'input-limit')!.message, /more findings in this file are not shown \(limits\.maxFindingsPerFile is 5\)/);
    });

    it('globs that would backtrack are matched linearly, as minimatch would match them', () => {
      const m = compileGlob('**/*a*a*a*a*a*a*a*a*a*a*a*a*b.yaml');
      assert.equal(m('x/' + 'a'.repeat(4000) + '.yaml'), false);
      assert.equal(m('x/' + 'a'.repeat(12) + 'b.yaml'), true);
      const deep = compileGlob('**/a/**/a/**/a/**/a/**/b.yaml');
      assert.equal(deep(Array(300).fill('a').join('/') + '/c.yaml'), false);
    });

    it('compileGlob agrees with minimatch (dot: false) on generated patterns and paths', () => {
      const seg = fc.stringMatching(/^(\*\*|[ab.*?]{1,4}|\[ab\]|\{a,b\}[ab*]?)$/);
      const pattern = fc.array(seg, { minLength: 1, maxLength: 4 }).map(s => s.join('/'));
      const pathSeg = fc.stringMatching(/^[ab.]{1,4}$/);
      const file = fc.array(pathSeg, { minLength: 1, maxLength: 4 }).map(s => s.join('/'));
      fc.assert(fc.property(pattern, file, (p, f) => compileGlob(p)(f) === minimatch(f, p, { dot: false, noext: true })), { seed: 42, numRuns: 3000 });
    });

    it('extended globs and brace ranges are configuration errors', () => {
      assert.throws(() => parseConfig('include: ["+(a|b).yaml"]\n', 'c', ids), (e: ConfigError) => /extended globs/.test(e.detail));
      assert.throws(() => parseConfig('exclude: ["{1..99999}"]\n', 'c', ids), (e: ConfigError) => /brace ranges/.test(e.detail));
      assert.doesNotThrow(() => parseConfig('include: ["**/*.{yaml,yml}", "!x/**"]\n', 'c', ids));
    });

    it('findRecordFiles with the default config still finds every record', () => {
      const root = tmp();
      fs.mkdirSync(path.join(root, 'aims/a/.hidden'), { recursive: true });
      for (const f of ['aims/x.yaml', 'aims/a/y.yml', 'aims/a/.hidden/z.yaml', 'aims/a/n.txt', 'aims/.dot.yaml']) fs.writeFileSync(path.join(root, f), '');
      assert.deepEqual(findRecordFiles(root, DEFAULT_CONFIG), ['aims/a/y.yml', 'aims/x.yaml']);
    });
  });

  describe('worker threads', function () {
    this.timeout(60_000);
    it('a file a worker is stuck on is reported after limits.fileTimeoutMs, the rest of the workspace analyzed', () => {
      const root = tmp();
      fs.mkdirSync(path.join(root, 'aims'));
      for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(root, `aims/r${String(i).padStart(2, '0')}.yaml`), `apiVersion: aims/v1\nkind: ModelCard\nid: r${i}\nstatus: bogus\n`);
      fs.writeFileSync(path.join(root, 'aims/r05-slow.yaml'), 'apiVersion: aims/v1\nkind: ModelCard\nid: slow\n');
      fs.writeFileSync(path.join(root, 'aims/aims.config.yaml'), 'limits:\n  fileTimeoutMs: 300\n');
      // a worker script that never returns from reading the slow file (what a pathological input would do)
      const script = path.join(root, 'stuck-worker.js');
      const pool = path.resolve(__dirname, '../../src/core/pool.js');
      fs.writeFileSync(script, `const fs = require('node:fs');\nconst open = fs.openSync;\nfs.openSync = function (p, ...rest) { if (String(p).endsWith('slow.yaml')) for (;;) {} return open.call(this, p, ...rest); };\nrequire(${JSON.stringify(pool)});\n`);
      const project = openProject(root, { today: TODAY, analyze: parallelAnalyzer({ workers: 1, minFilesPerWorker: 1, script, mainThread: false }) });
      const slow = project.linter.findingsFor('aims/r05-slow.yaml');
      assert.equal(slow.length, 1, slow.map(f => f.message).join('\n'));
      assert.match(slow[0].message, /took longer than 300 ms on a worker thread/);
      for (let i = 0; i < 12; i++) {
        const file = `aims/r${String(i).padStart(2, '0')}.yaml`;
        assert.ok(project.linter.findingsFor(file).some(f => f.ruleId === 'invalid-enum'), `${file} analyzed`);
      }
    });
  });
});
