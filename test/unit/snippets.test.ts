import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { Linter } from '../../src/core/linter';
import { KINDS } from '../../src/core/model';
import { KIND_SPECS } from '../../src/core/schema';
import { snippets, snippetsFile } from '../../src/core/snippets';

const repo = path.resolve(__dirname, '../../..');

/** Expands a snippet body as VS Code would when the user accepts every default (first choice). */
function expand(body: string[], vars: Record<string, string>): string {
  let t = body.join('\n');
  for (let i = 0; i < 5; i++) {
    t = t
      .replace(/\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}/g, (_m, _n, choices: string) => choices.split(/(?<!\\),/)[0].replace(/\\(.)/g, '$1'))
      .replace(/\$\{([A-Z_]+)\}/g, (_m, v: string) => vars[v] ?? '')
      .replace(/\$\{\d+:((?:\\.|[^{}\\]|\{[^{}]*\})*)\}/g, (_m, def: string) => def)
      .replace(/\$\d+/g, '');
  }
  return t.replace(/\\([$}\\])/g, '$1');
}

const VARS = { CURRENT_YEAR: '2026', CURRENT_MONTH: '11', CURRENT_DATE: '20', TM_FILENAME_BASE: 'credit-risk-scorer' };

describe('snippets', () => {
  it('snippets/aims.code-snippets is the generated file (npm run docs)', () => {
    assert.equal(fs.readFileSync(path.join(repo, 'snippets/aims.code-snippets'), 'utf8'), snippetsFile());
  });

  it('has a record snippet for every kind, with unique prefixes', () => {
    const all = Object.values(snippets());
    for (const k of KINDS) assert.ok(all.some(s => s.body.includes(`kind: ${k}`)), `a snippet for ${k}`);
    const prefixes = all.flatMap(s => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
  });

  for (const kind of KINDS) {
    it(`the ${kind} snippet, accepted as is, is a record with every required key and valid values`, () => {
      const snip = Object.values(snippets()).find(s => s.body.includes(`kind: ${kind}`))!;
      const text = expand(snip.body, VARS) + '\n';
      assert.doesNotMatch(text, /\$\{|\$\d/, 'every tab stop expanded');
      const data = YAML.parse(text) as Record<string, unknown>;
      assert.equal(data.kind, kind);
      assert.equal(data.id, 'credit-risk-scorer');
      const l = new Linter({ today: '2026-11-20' });
      l.setFile(`aims/${KIND_SPECS[kind].folder}/x.yaml`, text);
      const bad = l.findingsFor(`aims/${KIND_SPECS[kind].folder}/x.yaml`)
        .filter(f => ['yaml-syntax', 'required-field', 'invalid-type', 'invalid-enum', 'invalid-date', 'unknown-key', 'invalid-id', 'unknown-control'].includes(f.ruleId));
      assert.deepEqual(bad.map(f => `${f.ruleId}: ${f.message}`), []);
    });
  }

  it('item snippets expand to one well-formed list item', () => {
    for (const [name, s] of Object.entries(snippets())) {
      if (s.body.some(l => l.startsWith('kind: '))) continue;
      const data = YAML.parse(expand(s.body, VARS)) as unknown;
      assert.ok(Array.isArray(data) && data.length === 1 && typeof data[0] === 'object', name);
    }
  });
});
