import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { Locator } from '../../src/core/parse';
import { QuickLocator } from '../../src/core/quick-locate';

// The quick locator must give exactly the ranges of the full one (a node tree from a second parse),
// or give up: every path of every YAML file under examples/ and test/, plus paths that do not exist.

const root = path.resolve(__dirname, '../../..');
function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/**
 * Every path of the data, and a missing key or index below every collection; at most 20,000 (an
 * alias bomb among the fixtures expands to far more).
 */
function pathsOf(data: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length >= 20_000) return out;
  out.push(prefix);
  if (Array.isArray(data)) {
    data.forEach((v, i) => pathsOf(v, [...prefix, i], out));
    out.push([...prefix, data.length], [...prefix, 'no-such-key']);
  } else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) pathsOf(v, [...prefix, k], out);
    out.push([...prefix, 'no-such-key', 'below'], [...prefix, 0]);
  }
  return out;
}

/** Parses like parseRecord's fast path does; undefined when the quick locator must not be used. */
function cleanData(text: string): { data: unknown } | undefined {
  try {
    const docs: unknown[] = [];
    jsyaml.loadAll(text, d => { docs.push(d); }, { schema: jsyaml.CORE_SCHEMA });
    if (docs.slice(1).some(d => d !== null && d !== undefined)) return undefined;
    return { data: docs[0] };
  } catch { return undefined; }
}

function compare(name: string, text: string): { answered: number; paths: number } {
  const parsed = cleanData(text);
  if (!parsed) return { answered: 0, paths: 0 };
  const quick = new QuickLocator(text);
  let answered = 0;
  const full = new Locator(text), viaQuick = new Locator(text, true);
  const paths = pathsOf(parsed.data);
  for (const p of paths) {
    const q = quick.walk(p);
    if (!q) break; // gave up: the full locator answers from here on
    answered++;
    for (const target of ['key', 'value', 'entry'] as const) {
      const expected = full.locate(p, target);
      const got = viaQuick.locate(p, target);
      assert.deepEqual(got, expected, `${name}: ${JSON.stringify(p)} (${target})`);
    }
  }
  return { answered, paths: paths.length };
}

describe('quick locator', () => {
  it('gives the full locator\'s range for every path of every example and fixture, or gives up', function () {
    this.timeout(20000);
    let answered = 0, files = 0;
    for (const f of [...yamlFiles(path.join(root, 'examples')), ...yamlFiles(path.join(root, 'test'))]) {
      const r = compare(path.relative(root, f), fs.readFileSync(f, 'utf8'));
      answered += r.answered;
      if (r.answered) files++;
    }
    // it must actually answer for most records, or it saves nothing
    assert.ok(files >= 40 && answered >= 1000, `answered ${answered} paths in ${files} files`);
  });

  it('reads the block YAML that records are written in', () => {
    const text = [
      'apiVersion: aims/v1', 'kind: ModelCard', 'id: m-1', 'title: "Quoted: title"', "owner: 'o''brien'",
      'ml_use: [training, validation ,  test]', 'empty_flow: []',
      'datasets:', '  - d-1', '  - d-2', 'evaluation:', '  metrics:', '    - name: AUC', '      value: 0.9',
      '', '    - name: recall', '      value: 0.8', 'compact:', '- a', '- b', 'nested:', '  - - x', 'last: end  ', '',
    ].join('\n');
    const quick = new QuickLocator(text);
    for (const p of [['title'], ['owner'], ['ml_use', 1], ['ml_use', 2], ['empty_flow'], ['datasets', 1], ['evaluation'],
      ['evaluation', 'metrics', 1, 'value'], ['evaluation', 'metrics', 0], ['compact', 1], ['compact'], ['last'], ['missing', 'x'],
      ['evaluation', 'metrics', 5], ['ml_use', 7]]) {
      assert.ok(quick.walk(p), `answers ${JSON.stringify(p)}`);
      for (const target of ['key', 'value', 'entry'] as const) {
        assert.deepEqual(new Locator(text, true).locate(p, target), new Locator(text).locate(p, target), `${JSON.stringify(p)} ${target}`);
      }
    }
    // a nested compact sequence is outside the subset: it gives up rather than guess
    assert.equal(quick.walk(['nested', 0, 0]), undefined);
  });

  it('gives up on what it does not read, and the full locator answers', () => {
    for (const text of [
      'a: &x 1\nb: *x\n', 'a: !tag 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a: {b: 1}\n', 'a: plain\n  continued\n',
      'a:\n  b: 1\n  # trailing\nc: 2\n', 'a:\n\tb: 1\n', '"quoted key": 1\n', '? complex\n: 1\n', 'a: 1 # comment\n',
      '---\na: 1\n---\nb: 2\n', 'a: "open\n  close"\n', 'a:\n', '- x\n',
    ]) {
      const paths: (string | number)[][] = [['a'], ['a', 'b'], ['b'], ['quoted key'], [0]];
      const gaveUp = paths.some(p => new QuickLocator(text).walk(p) === undefined);
      assert.ok(gaveUp || text === '- x\n', `gives up somewhere on ${JSON.stringify(text)}`);
      for (const p of paths) {
        const parsed = cleanData(text);
        if (!parsed) continue;
        for (const target of ['key', 'value', 'entry'] as const) {
          assert.deepEqual(new Locator(text, true).locate(p, target), new Locator(text).locate(p, target), `${JSON.stringify(text)} ${JSON.stringify(p)} ${target}`);
        }
      }
    }
  });
});
