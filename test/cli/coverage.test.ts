// `aims coverage`: table, json, markdown and the SoA exports agree with each other and account for all 38 controls.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROLS, CONTROL_IDS, GROUPS } from '../../src/core/catalogue';
import { soaFileText } from '../../src/core/export';
import { aims, copyExamples, tempDir, TODAY, useTempDirs, workspace } from './helpers';

type State = 'covered' | 'partial' | 'missing' | 'excluded';
interface Coverage {
  total: number;
  counts: Record<State, number>;
  groups: { id: string; title: string; counts: Record<State, number>; controls: { id: string; title: string; state: State; owner?: string }[] }[];
  findings: { error: number; warning: number };
  soaFile?: string;
  controls: { id: string; state: State; scope: string; reason: string }[];
  systems: { id: string; controls: Record<string, { state: string; missing: string[] }> }[];
  datasets: { id: string }[];
  matrixControls: string[];
}
const STATES: State[] = ['covered', 'partial', 'missing', 'excluded'];

describe('aims coverage (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();
  let root: string;
  let cov: Coverage;
  let states: Map<string, State>;
  before(() => {
    root = copyExamples();
    const r = aims(['coverage', '--format', 'json'], root);
    assert.equal(r.code, 0, r.stderr);
    cov = JSON.parse(r.stdout) as Coverage;
    states = new Map(cov.groups.flatMap(g => g.controls).map(c => [c.id, c.state]));
  });

  it('json: the counts sum to 38, match the controls listed, and every control appears once', () => {
    assert.equal(cov.total, 38);
    assert.equal(STATES.reduce((n, s) => n + cov.counts[s], 0), 38);
    const controls = cov.groups.flatMap(g => g.controls);
    assert.deepEqual(controls.map(c => c.id), [...CONTROL_IDS]);
    for (const s of STATES) assert.equal(controls.filter(c => c.state === s).length, cov.counts[s], s);
    for (const g of cov.groups) {
      assert.equal(STATES.reduce((n, s) => n + g.counts[s], 0), g.controls.length, g.id);
      for (const s of STATES) assert.equal(g.controls.filter(c => c.state === s).length, g.counts[s], `${g.id} ${s}`);
    }
    assert.deepEqual(cov.groups.map(g => g.id), GROUPS.map(g => g.id));
    assert.equal(cov.soaFile, 'aims/statement-of-applicability.yaml');
    // the deliberate findings: A.9.2 is excluded with "N/A", so it is missing (examples/README.md)
    assert.equal(controls.find(c => c.id === 'A.9.2')!.state, 'missing');
    assert.ok(cov.counts.covered > 0 && cov.counts.partial > 0 && cov.counts.excluded > 0);
  });

  it('table: every control with its state, a line per group and the totals of the json', () => {
    const r = aims(['coverage'], root);
    assert.equal(r.code, 0);
    for (const c of CONTROLS) assert.match(r.stdout, new RegExp(`^  ${c.id.replace(/\./g, '\\.')}\\s+.*\\s${states.get(c.id)}\\s`, 'm'), c.id);
    for (const g of cov.groups) assert.ok(r.stdout.includes(`${g.id} ${g.title}`), g.id);
    assert.ok(r.stdout.includes(`${cov.counts.covered}/38 covered · ${cov.counts.partial} partial · ${cov.counts.missing} missing · ${cov.counts.excluded} excluded`));
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colors when not a terminal');
  });

  it('markdown: a row per control, group headings and the same totals', () => {
    const r = aims(['coverage', '--format', 'markdown'], root);
    assert.equal(r.code, 0);
    const rows = r.stdout.split('\n').filter(l => /^\| A\./.test(l));
    assert.deepEqual(rows.map(l => l.split(' | ')[0].slice(2)), [...CONTROL_IDS]);
    for (const row of rows) assert.equal(row.split(' | ')[2], states.get(row.split(' | ')[0].slice(2)));
    assert.ok(r.stdout.includes(`**${cov.counts.covered}/38 covered · ${cov.counts.partial} partial · ${cov.counts.missing} missing · ${cov.counts.excluded} excluded**`));
    for (const g of cov.groups) assert.ok(r.stdout.includes(`### ${g.id} ${g.title} — ${g.counts.covered}/${g.controls.length} covered`));
  });

  it('json and table: per-system and per-dataset results for the system- and data-level controls, the same in both', () => {
    assert.ok(cov.systems.length >= 2, 'the examples have several systems');
    assert.ok(cov.datasets.length >= 3);
    assert.ok(cov.matrixControls.length > 10);
    const table = aims(['coverage'], root).stdout;
    assert.match(table, /AI systems × controls \(\d+ in scope\)/);
    for (const s of cov.systems) {
      assert.deepEqual(Object.keys(s.controls), cov.matrixControls);
      for (const [id, cell] of Object.entries(s.controls)) {
        if (cell.state === 'gap') assert.ok(table.includes(`  ${s.id} · ${id}: ${cell.missing.join('; ')}`), `${s.id} × ${id} in the table`);
      }
    }
    // a partial system-level control names the systems that lack it
    const partial = cov.controls.find(c => c.scope === 'system' && c.state === 'partial');
    assert.ok(partial, 'the examples have a per-system gap');
    assert.match(partial!.reason, /\d of \d in-scope systems: /);
  });

  it('--output writes the report to a file', () => {
    const r = aims(['coverage', '--format', 'json', '--output', 'cov/coverage.json'], root);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^aims: wrote cov\/coverage\.json \(\d+ bytes\)\n$/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'cov/coverage.json'), 'utf8')), cov);
  });

  it('csv and html: the Statement of Applicability for auditors, with the same states as json', () => {
    const csv = aims(['coverage', '--format', 'csv'], root);
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(lines.length, 40, 'header, 38 Annex A controls and the organization-defined one');
    assert.match(lines[0], /^control,title,group,scope,applicable,state,why,/);
    for (const g of cov.groups) for (const c of g.controls) {
      const row = lines.find(l => l.startsWith(`${c.id},`));
      assert.ok(row && row.includes(`,${c.state},`), `${c.id} is ${c.state} in the csv`);
    }
    const html = aims(['coverage', '--format', 'html', '--output', 'soa.html'], root);
    assert.equal(html.code, 0, html.stderr);
    const page = fs.readFileSync(path.join(root, 'soa.html'), 'utf8');
    assert.match(page, /^<!DOCTYPE html>/i);
    assert.doesNotMatch(page, /<script|https?:\/\/[^"']*\.(js|css)/i, 'self-contained, no scripts');
    for (const id of CONTROL_IDS) assert.ok(page.includes(id), id);
    assert.ok(page.includes(`${cov.counts.covered}`));
  });

  it('soa-markdown, csv and html are byte-identical to the exports of the coverage panel (soaFileText)', () => {
    const report = JSON.parse(aims(['coverage', '--format', 'json'], root).stdout);
    for (const [format, ext] of [['soa-markdown', 'md'], ['csv', 'csv'], ['html', 'html']] as const) {
      const r = aims(['coverage', '--format', format, '--output', `soa.${ext}`], root);
      assert.equal(r.code, 0, r.stderr);
      const text = fs.readFileSync(path.join(root, `soa.${ext}`), 'utf8');
      const want = soaFileText(report, format === 'soa-markdown' ? 'markdown' : format, { rootName: path.basename(root), today: TODAY });
      assert.equal(text, want, format);
    }
    const md = aims(['coverage', '--format', 'soa-markdown'], root).stdout;
    // titled by the title: of the SoA in force, not by the folder name
    assert.match(md, /^# Statement of Applicability, Northwind Lending Decision Science AIMS\n/);
    for (const id of CONTROL_IDS) assert.ok(md.includes(id), id);
  });

  it('without a Statement of Applicability every control is missing, and the table says why', () => {
    const ws = workspace({ 'aims/.keep': '' });
    const json = JSON.parse(aims(['coverage', '--format', 'json'], ws).stdout) as Coverage;
    assert.deepEqual(json.counts, { covered: 0, partial: 0, missing: 38, excluded: 0 });
    assert.match(aims(['coverage'], ws).stdout, /^No Statement of Applicability/);
  });

  it('exit 2 for an unknown format or without aims/', () => {
    const bad = aims(['coverage', '--format', 'sarif'], root);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown coverage format 'sarif'; use one of table, json, markdown/);
    assert.equal(aims(['coverage'], tempDir()).code, 2);
  });
});
