// The rule list as a whole: every rule is documented (its page under docs/rules/, its row in the
// README's rule table), maps only to controls of the Annex A catalogue, and is tested — by a fixture
// folder (rules-fixtures.test.ts) or, for the cross-record and SoA rules, by rules-cross.test.ts. A rule
// added without docs or tests fails here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROL_IDS } from '../../src/core/catalogue';
import { rulePage, rulesTable } from '../../src/core/docs';
import { RULES } from '../../src/core/rules';
import { CROSS_RULES } from '../../src/core/rules/cross';
import { CODE_RULES } from '../../src/core/rules/code';
import { FIXTURES, fixtureFolders, ROOT } from './fixtures';

const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** The text of a `## title` section of a Markdown page, up to the next heading or rule. */
function section(page: string, title: string): string | undefined {
  const m = new RegExp(`^## ${title}\\n([\\s\\S]*?)(?=^## |^---$|(?![\\s\\S]))`, 'm').exec(page);
  return m?.[1].trim();
}

function readmeTable(): string {
  const m = /<!-- rules:start -->\r?\n([\s\S]*?)\r?\n?<!-- rules:end -->/.exec(read('README.md'));
  assert.ok(m, 'README.md has <!-- rules:start --> and <!-- rules:end --> markers');
  return m[1].trim();
}

describe('rule catalogue', () => {
  const crossSource = read('test/unit/rules-cross.test.ts');
  const codeSource = read('test/unit/code-rules.test.ts');
  const folders = new Set(fixtureFolders());
  const ids = RULES.map(r => r.id);

  it('rule ids are unique kebab-case', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('the README rule table lists every rule, in catalogue order, as generated (npm run docs)', () => {
    const table = readmeTable();
    const listed = [...table.matchAll(/^\| \[`([a-z-]+)`\]\(docs\/rules\/([a-z-]+)\.md\) \|/gm)].map(m => {
      assert.equal(m[1], m[2], `the row of ${m[1]} links its own page`);
      return m[1];
    });
    assert.deepEqual(listed, ids);
    assert.equal(table, rulesTable(RULES));
  });

  it('docs/rules has a page for every rule and no other', () => {
    const pages = fs.readdirSync(path.join(ROOT, 'docs/rules')).filter(f => f.endsWith('.md')).map(f => f.slice(0, -3)).sort();
    assert.deepEqual(pages, [...ids].sort());
  });

  it('there is a fixture folder for every file, schema and content rule, and none for other rules', () => {
    const cross = new Set([...CROSS_RULES, ...CODE_RULES].map(r => r.id));
    assert.deepEqual([...folders].sort(), ids.filter(id => !cross.has(id)).sort());
  });

  for (const r of RULES) {
    describe(r.id, () => {
      it('has a current docs page with a rationale, what to do, and its controls', () => {
        const file = `docs/rules/${r.id}.md`;
        assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} exists`);
        const page = read(file);
        assert.equal(page, rulePage(r), `${file} is generated from the rule's metadata (run npm run docs)`);
        assert.ok(r.title.trim() && r.docs.rationale.trim() && r.docs.howToFix.trim(), 'title, rationale and howToFix are written');
        assert.ok(section(page, 'Why it matters'), `${file}: "Why it matters" is not empty`);
        const howTo = section(page, 'How to fix');
        assert.ok(howTo && howTo.length >= 20, `${file}: "How to fix" says what to do`);
        assert.equal(!!r.docs.bad, !!section(page, 'Example'), `${file}: an example exactly when the rule has one`);
        for (const c of r.controls) assert.ok(page.includes(c), `${file} names ${c}`);
      });

      it('maps only to controls of the Annex A catalogue, and to their Annex B guidance', () => {
        for (const c of r.controls) assert.ok(CONTROL_IDS.includes(c), `${c} is one of the ${CONTROL_IDS.length} Annex A controls`);
        assert.equal(new Set(r.controls).size, r.controls.length, 'no control twice');
        const guidance = new Set(CONTROL_IDS.map(c => c.replace(/^A\./, 'B.')));
        for (const b of r.annexB) assert.ok(guidance.has(b), `${b} is the guidance of an Annex A control`);
      });

      it('is tested: a fixture folder, or a describe block in rules-cross.test.ts', () => {
        if (CODE_RULES.includes(r)) {
          assert.ok(codeSource.includes(`describe('${r.id}'`), `code-rules.test.ts has describe('${r.id}', ...)`);
          assert.ok(!folders.has(r.id), `${r.id} is tested in code-rules.test.ts, not with fixtures`);
          return;
        }
        if (CROSS_RULES.includes(r)) {
          assert.ok(crossSource.includes(`describe('${r.id}'`), `rules-cross.test.ts has describe('${r.id}', ...)`);
          assert.ok(!folders.has(r.id), `${r.id} is tested in rules-cross.test.ts, not with fixtures`);
          return;
        }
        assert.ok(folders.has(r.id), `test/fixtures/rules/${r.id}/ exists`);
        const files = fs.readdirSync(path.join(FIXTURES, r.id));
        // a rule declared fixable is tested with the text its fixes produce
        if (r.fixable === 'fix' || r.fixable === 'fix-and-suggestion') assert.ok(files.some(f => f.endsWith('.fixed.yaml')), `${r.id} has a fix: a *.fixed.yaml fixture`);
        if (r.fixable === 'suggestion' || r.fixable === 'fix-and-suggestion') assert.ok(files.some(f => f.endsWith('.suggested.yaml')), `${r.id} has quick fixes: a *.suggested.yaml fixture`);
      });
    });
  }
});
