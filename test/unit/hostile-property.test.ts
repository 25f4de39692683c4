// Property-based test of the whole pipeline on generated broken and hostile records (issue #10):
// seeded, a few thousand cases per run. For every record: no exception; every lint format is valid for
// its medium (JSON and SARIF parse, GitHub annotations one per line, stylish free of control
// characters, Markdown without HTML, images or foreign links); and --fix is idempotent (a second run
// changes nothing) and leaves every line that no fixable finding points at byte-identical.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import githubFormatter from '../../src/cli/formatters/github';
import jsonFormatter from '../../src/cli/formatters/json';
import markdownFormatter from '../../src/cli/formatters/markdown';
import sarifFormatter from '../../src/cli/formatters/sarif';
import stylishFormatter from '../../src/cli/formatters/stylish';
import type { LintReport } from '../../src/cli/formatters/types';
import { fixFile } from '../../src/core/fix';
import { Linter } from '../../src/core/linter';
import type { Finding } from '../../src/core/model';
import { RULES } from '../../src/core/rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

const TODAY = '2026-11-22';
const FILE = 'aims/models/r.yaml';
/** Runs per `npm test`; AIMS_PROPERTY_RUNS and AIMS_PROPERTY_SEED widen a local search. */
const RUNS = Number(process.env.AIMS_PROPERTY_RUNS) || 2000;

const LINES = [
  'apiVersion: aims/v1', 'kind: ModelCard', 'kind: Modelcard', 'kind: DataProvenance', 'kind: Applicability', 'kind: [a, b]',
  'id: credit-risk', 'id: Bad_Id', 'title: Credit risk', 'status: draft', 'status: Approved', 'owner: risk-team', 'owner:',
  'reviewed: 2026-01-01', 'review_by: 2026-13-45', 'review_by: 2027-01-01', 'limitation:\n  - not calibrated',
  'intended_use: TBD', 'base: &b\n  owner: x\n  status: bogus', '<<: *b', 'ref: *nope', 'a: &a [x, *a]',
  '  - item', 'k: [a, b', 'k: "unclosed', '\t- tab', '---', '# comment', '- top level item', 'x: |\n  block\n  text',
  'lineage:\n  - event: created\n    date: 2025-01-01', 'controls:\n  - control: A.2.2\n    applicable: true', 'status: draft',
];

const line = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LINES) },
  // arbitrary text as a value, quoted (control characters, escape sequences, HTML, bidi overrides…)
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('title', 'owner', 'status', 'notes', 'kind'), fc.string({ unit: 'binary', maxLength: 40 })).map(([k, v]) => `${k}: ${JSON.stringify(v)}`) },
  // raw text: anything at all, including invalid YAML and odd line breaks
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('title: "<script>alert(1)</script>"', 'owner: "\\e[31m::error::x\\n::add-mask::s"', 'notes: "![x](https://evil.example/p.png)"', 'status: "\\u202eevil"') },
);
const record = fc.array(line, { minLength: 0, maxLength: 14 }).map(ls => ls.join('\n') + '\n');

function report(findings: Finding[]): LintReport {
  const counts = { error: 0, warning: 0, info: 0, fixable: 0 };
  for (const f of findings) { counts[f.severity]++; if (f.fix) counts.fixable++; }
  return { root: '/ws', base: '/ws', display: f => f, files: findings.length ? [{ file: FILE, findings }] : [], suppressed: [], counts, linted: 1, rules: RULES, version: '0.0.0-test' };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function checkFormats(findings: Finding[]): void {
  const r = report(findings);
  assert.equal((JSON.parse(jsonFormatter(r, { color: false })) as unknown[]).length, findings.length);
  const sarif = JSON.parse(sarifFormatter(r, { color: false })) as { runs: { results: unknown[] }[] };
  assert.equal(sarif.runs[0].results.length, findings.length);
  const gh = githubFormatter(r, { color: false });
  for (const l of gh.split('\n').filter(Boolean)) assert.match(l, /^::(error|warning|notice) file=[^\n:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^\n]*::[^\n]*$/);
  assert.ok(!CONTROL.test(gh), 'github: no control characters');
  const st = stylishFormatter(r, { color: false });
  assert.ok(!CONTROL.test(st), 'stylish: no control characters');
  const html = md.render(markdownFormatter(r, { color: false }));
  assert.ok(!/<(script|img|iframe)\b/i.test(html), 'markdown: no HTML from values');
  for (const m of html.matchAll(/<a href="([^"]*)"/g)) assert.match(m[1], /^https:\/\/github\.com\/aims-tools\/aims-lint\/blob\/main\/docs\/rules\/[a-z-]+\.md$/);
}

/** Whether `sub` occurs in `all` in order (not necessarily adjacent). */
function isSubsequence(sub: string[], all: string[]): boolean {
  let i = 0;
  for (const x of all) if (i < sub.length && x === sub[i]) i++;
  return i === sub.length;
}

describe('hostile input: property-based (fast-check)', function () {
  this.timeout(300_000);

  it(`${RUNS} generated records: no exception, valid output in every format, --fix idempotent and byte-exact elsewhere`, () => {
    fc.assert(fc.property(record, text => {
      const linter = new Linter({ today: TODAY });
      linter.setFile(FILE, text);
      const findings = linter.findingsFor(FILE);
      checkFormats(findings);

      // pass by pass (as --fix runs them): lines no fixable finding of the pass points at stay
      // byte-identical and in order
      let current = text;
      for (let pass = 0; pass < 10; pass++) {
        const touched = new Set<number>();
        for (const f of linter.findingsFor(FILE)) if (f.fix) for (let l = f.range!.start.line; l <= f.range!.end.line; l++) touched.add(l);
        const step = fixFile(linter, FILE, 1);
        if (step.applied === 0) { assert.equal(step.text, current, 'no fix applied, nothing changed'); break; }
        const kept = current.split('\n').filter((_, i) => !touched.has(i + 1));
        assert.ok(isSubsequence(kept, step.text.split('\n')), 'lines no fix pointed at are kept, byte-identical and in order');
        current = step.text;
      }
      const first = { text: current };

      const again = new Linter({ today: TODAY });
      again.setFile(FILE, first.text);
      const second = fixFile(again, FILE);
      assert.equal(second.text, first.text, 'a second --fix changes nothing');
      checkFormats(again.findingsFor(FILE));
    }), { seed: Number(process.env.AIMS_PROPERTY_SEED) || 20261207, numRuns: RUNS });
  });
});

