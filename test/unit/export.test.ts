// Statement of Applicability exports (src/core/export.ts) on the examples workspace: every format lists
// all 38 controls with the numbers computeCoverage reports; CSV follows RFC 4180 and parses back; the
// HTML is one self-contained, script-free file with every value escaped; Markdown cannot be broken or
// turned into HTML by a value.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CONTROL_IDS, getControl } from '../../src/core/catalogue';
import { computeCoverage, COVERAGE_STATES, type CoverageReport } from '../../src/core/coverage';
import { controlFindingsText, csvField, escapeHtml, SOA_CSV_HEADER, soaCsv, soaHtml, soaMarkdown, soaRows } from '../../src/core/export';
import { Linter } from '../../src/core/linter';
import { openProject } from '../../src/core/project';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const TODAY = '2026-11-22';

/** An RFC 4180 parser: quoted fields with doubled quotes, commas and line breaks inside, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') {
      assert.equal(field, '', 'a quote only opens a field');
      quoted = true; i++; continue;
    }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.notEqual(c, '\n', 'records end with CRLF');
    field += c; i++;
  }
  assert.equal(quoted, false, 'no open quote at the end');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function clone(r: CoverageReport): CoverageReport {
  return JSON.parse(JSON.stringify(r)) as CoverageReport;
}

/** The report with one control's SoA values replaced (groups share the control objects, as computeCoverage builds them). */
function withControl(r: CoverageReport, id: string, patch: Partial<CoverageReport['controls'][number]>): CoverageReport {
  const c = clone(r);
  const ctl = c.controls.find(x => x.id === id)!;
  Object.assign(ctl, patch);
  for (const g of c.groups) g.controls = g.controls.map(x => (x.id === id ? ctl : x));
  return c;
}

const NASTY = `<script>alert("x & 'y'")</script> | *bold* [link](http://x) \`code\`, "quoted", a\nnew line`;

describe('Statement of Applicability exports', () => {
  let report: CoverageReport;
  before(() => {
    const project = openProject(EXAMPLES, { today: TODAY });
    report = computeCoverage(project.linter);
  });

  it('the examples give a report with every state', () => {
    assert.equal(report.total, 38);
    assert.equal(report.controls.length, 38);
    for (const s of COVERAGE_STATES) assert.ok(report.counts[s] > 0, s);
  });

  describe('CSV', () => {
    it('parses back to a header and 38 rows whose values and counts match computeCoverage', () => {
      const csv = soaCsv(report);
      assert.ok(csv.endsWith('\r\n'));
      const rows = parseCsv(csv);
      assert.deepEqual(report.orgControls.map(c => c.id), ['ORG-model-registry'], 'the examples define one control of their own');
      assert.equal(rows.length, 40);
      assert.deepEqual(rows[39].slice(0, 6), ['ORG-model-registry', 'Every production model is registered with its card and approval', 'ORG Organization-defined controls', 'organization', 'yes', 'covered']);
      const systems = report.systems.map(s => `system: ${s.id}`);
      assert.ok(systems.length >= 2, 'the examples have several systems');
      assert.deepEqual(rows[0], [...SOA_CSV_HEADER, ...systems]);
      assert.deepEqual(rows[0].slice(0, 13), ['control', 'title', 'group', 'scope', 'applicable', 'state', 'why', 'status', 'owner', 'justification', 'evidence', 'open findings', 'review due']);
      for (const r of rows) assert.equal(r.length, 13 + systems.length);
      assert.deepEqual(rows.slice(1, 39).map(r => r[0]), [...CONTROL_IDS]);
      for (const s of COVERAGE_STATES) assert.equal(rows.slice(1, 39).filter(r => r[5] === s).length, report.counts[s], s);
      const soa = soaRows(report);
      for (const [i, c] of report.controls.entries()) {
        const r = rows[i + 1];
        assert.equal(r[1], getControl(c.id)!.title);
        assert.ok(r[2].startsWith(`${c.group} `), r[2]);
        assert.equal(r[3], c.scope);
        assert.equal(r[4], c.applicable === undefined ? '' : c.applicable ? 'yes' : 'no');
        assert.equal(r[6], c.reason);
        assert.equal(r[7], c.status ?? '');
        assert.equal(r[8], c.owner ?? '', 'owners with commas survive the quoting');
        assert.equal(r[9], c.justification ?? '');
        assert.equal(r[10], soa[i].evidence.join('; '));
        assert.equal(r[11], controlFindingsText(c));
        assert.equal(r[12], c.reviewDue ?? '');
        report.systems.forEach((s, k) => {
          const cell = s.controls[c.id];
          assert.equal(r[13 + k], !cell ? '' : cell.state === 'gap' ? `gap: ${cell.missing.join('; ')}` : cell.state, `${c.id} × ${s.id}`);
        });
      }
      assert.ok(rows.some(r => r[8].includes(',')), 'the examples have a value with a comma');
    });

    it('quotes quotes, commas and line breaks (RFC 4180) and keeps formulas from running', () => {
      const r = withControl(report, 'A.5.2', { justification: NASTY, owner: '=HYPERLINK("http://evil")' });
      const rows = parseCsv(soaCsv(r));
      assert.equal(rows.length, 40);
      const row = rows.find(x => x[0] === 'A.5.2')!;
      assert.equal(row[9], NASTY);
      assert.equal(row[8], `'=HYPERLINK("http://evil")`);
      assert.equal(csvField('a"b'), '"a""b"');
      assert.equal(csvField('a,b'), '"a,b"');
      assert.equal(csvField('a\r\nb'), '"a\r\nb"');
      assert.equal(csvField('plain'), 'plain');
      assert.equal(csvField('-1', false), '-1');
      assert.equal(csvField('+x'), "'+x");
      assert.ok(soaCsv(report, { bom: true }).startsWith('\uFEFFcontrol,'));
      assert.ok(!soaCsv(report, { eol: '\n' }).includes('\r'));
    });
  });

  describe('Markdown', () => {
    it('has the totals of computeCoverage, a section per group and a row per control', () => {
      const md = soaMarkdown(report, { generatedOn: TODAY });
      assert.match(md, /^# Statement of Applicability\n/);
      assert.ok(md.includes(`Generated on ${TODAY} from aims/statement-of-applicability.yaml.`));
      for (const s of COVERAGE_STATES) {
        const label = s[0].toUpperCase() + s.slice(1);
        assert.match(md, new RegExp(`^\\| ${label} \\| ${report.counts[s]} \\|`, 'm'), s);
      }
      assert.match(md, /^\| \*\*Total\*\* \| \*\*38\*\* \|/m);
      for (const g of report.groups) assert.ok(md.includes(`\n## ${g.id} ${g.title}\n`), g.id);
      const rows = md.split('\n').filter(l => /^\| A\.\d/.test(l));
      assert.deepEqual(rows.map(l => l.split(' | ')[0].slice(2)), [...CONTROL_IDS]);
      for (const l of rows) assert.equal(l.split(/(?<!\\)\|/).length, 13, `11 cells: ${l}`);
      for (const s of COVERAGE_STATES) assert.equal(rows.filter(l => l.split(' | ')[3] === s[0].toUpperCase() + s.slice(1)).length, report.counts[s]);
    });

    it('escapes values: no HTML, no broken table, no accidental formatting', () => {
      const md = soaMarkdown(withControl(report, 'A.5.2', { justification: NASTY }));
      assert.ok(!md.includes('<script>'));
      const row = md.split('\n').find(l => l.startsWith('| A.5.2 |'))!;
      assert.ok(row, 'one line, the line break is gone');
      assert.equal(row.split(/(?<!\\)\|/).length, 13, 'the pipe is escaped');
      assert.ok(row.includes('\\<script\\>alert("x \\& \'y\'")\\</script\\> \\| \\*bold\\* \\[link\\](http\\://x) \\`code\\`, "quoted", a new line'), row);
      const titled = soaMarkdown(report, { title: 'SoA <b>#1</b>' });
      assert.match(titled, /^# SoA \\<b\\>\\#1\\<\/b\\>\n/);
    });
  });

  describe('HTML', () => {
    it('is one self-contained file: inline CSS, no scripts, no remote resources, light/dark and print styles', () => {
      const html = soaHtml(report, { title: 'Northwind Lending SoA', generatedOn: TODAY });
      assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
      assert.ok(html.trimEnd().endsWith('</html>'));
      assert.ok(!/<script/i.test(html), 'no script');
      assert.ok(!/<link\b|<img\b|<iframe\b|<object\b|<embed\b|\ssrc=|@import|url\(/i.test(html), 'no external resource');
      assert.ok(!/\son[a-z]+=/i.test(html), 'no event handlers');
      assert.ok(html.includes(`content="default-src 'none'; style-src 'unsafe-inline'"`), 'a CSP that forbids everything else');
      assert.match(html, /@media \(prefers-color-scheme: dark\)/);
      assert.match(html, /@media print/);
      assert.match(html, /<meta name="color-scheme" content="light dark">/);
      assert.equal((html.match(/<style>/g) ?? []).length, 1);
      // links only to evidence URLs, never loaded
      for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1], /^https?:\/\//);
    });

    it('shows the totals of computeCoverage, a bar and a table per group, every control once', () => {
      const html = soaHtml(report, { title: 'Northwind Lending SoA', generatedOn: TODAY });
      assert.ok(html.includes('<title>Northwind Lending SoA</title>'));
      assert.ok(html.includes(`Generated on ${TODAY}`));
      assert.ok(html.includes(`<li><b>38</b>Controls</li>`));
      for (const s of COVERAGE_STATES) assert.ok(html.includes(`<li class="${s}"><b>${report.counts[s]}</b>`), s);
      assert.equal((html.match(/<table>/g) ?? []).length, report.groups.length + 1, 'a table per group and one for the organization-defined controls');
      assert.match(html, /<h2 id="group-ORG">Organization-defined controls<\/h2>/);
      assert.match(html, /<table class="matrix">/);
      for (const s of report.systems) assert.ok(html.includes(`<th scope="row" class="id">${s.id}</th>`), s.id);
      assert.equal((html.match(/<div class="bar"/g) ?? []).length, report.groups.length + 1);
      for (const g of report.groups) assert.ok(html.includes(`>${g.id} ${escapeHtml(g.title)}</h2>`), g.id);
      const ids = [...html.matchAll(/<td class="id">([^<]+)<\/td>/g)].map(m => m[1]);
      assert.deepEqual(ids, [...CONTROL_IDS, 'ORG-model-registry']);
      for (const s of COVERAGE_STATES) assert.equal((html.match(new RegExp(`<tr class="${s}">`, 'g')) ?? []).length, report.counts[s] + report.orgControls.filter(c => c.state === s).length, s);
      // review dates before the generation date are marked
      const overdue = report.controls.filter(c => c.reviewDue && c.reviewDue < TODAY).length;
      assert.equal((html.match(/class="overdue"/g) ?? []).length, overdue);
    });

    it('escapes every value: a justification with <script>, & and quotes, titles, owners, evidence', () => {
      const nasty = withControl(report, 'A.5.2', {
        justification: `<script>alert("x & 'y'")</script>`,
        owner: 'Ops & "Risk" <team>',
        evidence: [{ value: '"><img src=x onerror=alert(1)>', type: 'unresolved', source: 'soa', counts: false }, { value: 'https://example.com/?a=1&b="2"', type: 'url', source: 'soa', counts: true }],
      });
      const html = soaHtml(nasty, { title: '<Audit> & "SoA"', generatedOn: '<today>' });
      assert.ok(!/<script/i.test(html));
      assert.ok(!/<img/i.test(html));
      assert.ok(html.includes('&lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;'));
      assert.ok(html.includes('Ops &amp; &quot;Risk&quot; &lt;team&gt;'));
      assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; (not counted: does not resolve)'));
      assert.ok(html.includes('href="https://example.com/?a=1&amp;b=&quot;2&quot;"'));
      assert.ok(html.includes('<title>&lt;Audit&gt; &amp; &quot;SoA&quot;</title>'));
      assert.ok(html.includes('Generated on &lt;today&gt;'));
    });
  });

  it('without a Statement of Applicability every format lists the 38 controls as missing', () => {
    const empty = computeCoverage(new Linter({ today: TODAY }));
    assert.equal(empty.counts.missing, 38);
    const csv = parseCsv(soaCsv(empty));
    assert.equal(csv.length, 39);
    assert.ok(csv.slice(1).every(r => r[5] === 'missing' && r[4] === ''));
    const md = soaMarkdown(empty);
    assert.ok(md.includes('no Statement of Applicability record was found'));
    assert.equal(md.split('\n').filter(l => /^\| A\.\d/.test(l)).length, 38);
    const html = soaHtml(empty);
    assert.equal([...html.matchAll(/<td class="id">/g)].length, 38);
    assert.ok(html.includes('<title>Statement of Applicability</title>'));
  });
});
