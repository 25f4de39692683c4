// The coverage panel's pure logic: filters, bar segments, cells, saved state (webview-ui/src/coverage/model.ts),
// the check of every message from the webview (protocol.ts), the SoA entry lookup (soaEntryPosition in
// src/core/coverage.ts) and the export text (soaFileText in src/core/export.ts), on the examples workspace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { computeCoverage, soaEntryPosition, type ControlCoverage, type CoverageReport } from '../../src/core/coverage';
import { SOA_FILE_EXTENSIONS, SOA_FORMATS, soaCsv, soaExportTitle, soaFileText, soaHtml, soaMarkdown } from '../../src/core/export';
import { Linter } from '../../src/core/linter';
import { openProject } from '../../src/core/project';
import {
  ANY_OWNER, CELL_VIEW, NO_OWNER, STATES, STATE_ICON, STATE_LABEL, barSegments, cellLabel, countsText, otherFindingsText, rowSummary, daysUntil, defaultFilter, evidenceView, findingParts,
  isDefaultFilter, isOverdue, matchesFilter, normalizeViewState, onlyState, ownerValue, ownersOf, reconcileOwner, shownText, toggleOnly, visibleGroups, type Filter,
} from '../../webview-ui/src/coverage/model';
import { isExtensionMessage, parseCoverageMessage } from '../../webview-ui/src/coverage/protocol';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const TODAY = '2026-11-22';

const filter = (patch: Partial<Filter> = {}): Filter => ({ ...defaultFilter(), ...patch });
const onlyStates = (...states: string[]): Filter['states'] =>
  Object.fromEntries(STATES.map(s => [s, states.includes(s)])) as Filter['states'];

describe('coverage panel: model', () => {
  let report: CoverageReport;
  let linter: Linter;
  before(() => {
    const project = openProject(EXAMPLES, { today: TODAY });
    linter = project.linter;
    report = computeCoverage(linter);
  });

  it('has the icons of the Controls view', () => {
    assert.deepEqual(STATE_ICON, { covered: 'pass-filled', partial: 'circle-large-outline', missing: 'error', excluded: 'circle-slash' });
  });

  describe('filters', () => {
    it('a summary tile shows only its state; the same tile again shows every state; owner and text stay', () => {
      const base: Filter = { ...defaultFilter(), owner: NO_OWNER, text: 'data' };
      const missing = toggleOnly(base, 'missing');
      assert.deepEqual(missing.states, { covered: false, partial: false, missing: true, excluded: false });
      assert.equal(onlyState(missing), 'missing');
      assert.equal(missing.owner, NO_OWNER);
      assert.equal(missing.text, 'data');
      assert.equal(onlyState(base), undefined);
      // another tile switches to that state alone
      assert.deepEqual(toggleOnly(missing, 'covered').states, { covered: true, partial: false, missing: false, excluded: false });
      // the pressed tile again: every state
      assert.deepEqual(toggleOnly(missing, 'missing').states, defaultFilter().states);
      const { shown, groups } = visibleGroups(report, toggleOnly(defaultFilter(), 'covered'));
      assert.equal(shown, report.counts.covered);
      assert.ok(groups.every(g => g.controls.every(c => c.state === 'covered')));
    });

    it('the default filter shows all 38 controls in groups A.2–A.10', () => {
      const { groups, shown } = visibleGroups(report, defaultFilter());
      assert.equal(shown, 38);
      assert.deepEqual(groups.map(g => g.group.id), ['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10']);
      assert.ok(isDefaultFilter(defaultFilter()));
      assert.equal(shownText(38, 38), 'All 38 controls');
      assert.equal(shownText(3, 38), '3 of 38 controls');
    });

    it('by state: the shown controls are exactly the report counts; empty groups are left out', () => {
      for (const s of STATES) {
        const { groups, shown } = visibleGroups(report, filter({ states: onlyStates(s) }));
        assert.equal(shown, report.counts[s], s);
        assert.ok(groups.every(g => g.controls.length > 0 && g.controls.every(c => c.state === s)));
        assert.deepEqual(groups.map(g => g.group.id), report.groups.filter(g => g.counts[s] > 0).map(g => g.id));
      }
      const two = visibleGroups(report, filter({ states: onlyStates('missing', 'excluded') }));
      assert.equal(two.shown, report.counts.missing + report.counts.excluded);
      assert.equal(visibleGroups(report, filter({ states: onlyStates() })).shown, 0);
      assert.equal(isDefaultFilter(filter({ states: onlyStates('covered') })), false);
    });

    it('by owner: any, one owner, or controls without owner', () => {
      const owners = ownersOf(report);
      assert.ok(owners.length >= 4, 'the examples have several owners');
      assert.deepEqual(owners, [...owners].sort((a, b) => a.localeCompare(b)));
      assert.equal(new Set(owners).size, owners.length);
      let sum = 0;
      for (const o of owners) {
        const { shown, groups } = visibleGroups(report, filter({ owner: ownerValue(o) }));
        assert.equal(shown, report.controls.filter(c => c.owner === o).length, o);
        assert.ok(groups.flatMap(g => g.controls).every(c => c.owner === o));
        sum += shown;
      }
      const none = visibleGroups(report, filter({ owner: NO_OWNER })).shown;
      assert.equal(sum + none, 38);
      assert.equal(visibleGroups(report, filter({ owner: ANY_OWNER })).shown, 38);
      // combined with a state
      const o = report.controls.find(c => c.state === 'partial' && c.owner)!.owner!;
      assert.equal(visibleGroups(report, filter({ owner: ownerValue(o), states: onlyStates('partial') })).shown,
        report.controls.filter(c => c.owner === o && c.state === 'partial').length);
    });

    it('an owner that disappeared from the report falls back to any', () => {
      const f = filter({ owner: ownerValue('Somebody Who Left') });
      assert.equal(reconcileOwner(f, report).owner, ANY_OWNER);
      const kept = filter({ owner: ownerValue(ownersOf(report)[0]) });
      assert.equal(reconcileOwner(kept, report), kept);
      assert.equal(reconcileOwner(filter({ owner: NO_OWNER }), report).owner, NO_OWNER);
    });

    it('by text: every word in id or title, case-insensitive', () => {
      const c: ControlCoverage = report.controls.find(x => x.id === 'A.7.5')!;
      assert.equal(c.title, 'Data provenance');
      assert.ok(matchesFilter(c, filter({ text: 'a.7.5' })));
      assert.ok(matchesFilter(c, filter({ text: '  PROVENANCE   data ' })));
      assert.ok(!matchesFilter(c, filter({ text: 'provenance policy' })));
      assert.equal(visibleGroups(report, filter({ text: 'A.10.' })).shown, 3);
      assert.equal(visibleGroups(report, filter({ text: 'data' })).shown, report.controls.filter(x => /data/i.test(x.title)).length);
      assert.equal(visibleGroups(report, filter({ text: 'no such control' })).shown, 0);
    });
  });

  describe('bar segments', () => {
    it('one segment per non-zero state, proportional, adding up to 100 %', () => {
      const segs = barSegments(report.counts, report.total);
      assert.deepEqual(segs.map(s => s.state), STATES.filter(s => report.counts[s] > 0));
      assert.equal(Math.round(segs.reduce((a, s) => a + s.percent, 0) * 100), 10_000);
      for (const s of segs) {
        assert.ok(Math.abs(s.percent - (report.counts[s.state] / 38) * 100) <= 0.011, `${s.state} ${s.percent}`);
        assert.equal(s.label, `${STATE_LABEL[s.state]}: ${report.counts[s.state]} of 38`);
      }
      for (const g of report.groups) {
        const gs = barSegments(g.counts, g.controls.length);
        assert.equal(Math.round(gs.reduce((a, s) => a + s.percent, 0) * 100), 10_000, g.id);
      }
    });

    it('thirds round to 100 exactly; a full bar is one segment; empty counts give no segment', () => {
      const thirds = barSegments({ covered: 1, partial: 1, missing: 1, excluded: 0 });
      assert.deepEqual(thirds.map(s => s.percent), [33.34, 33.33, 33.33]);
      assert.deepEqual(barSegments({ covered: 3, partial: 0, missing: 0, excluded: 0 }, 3).map(s => [s.state, s.percent]), [['covered', 100]]);
      assert.deepEqual(barSegments({ covered: 0, partial: 0, missing: 0, excluded: 0 }, 0), []);
      assert.deepEqual(barSegments({ covered: 0, partial: 0, missing: 0, excluded: 0 }), []);
      assert.equal(countsText({ covered: 3, partial: 1, missing: 0, excluded: 2 }), '3 covered, 1 partial, 0 missing, 2 excluded');
    });
  });

  describe('cells', () => {
    it('review dates before today are overdue; days until', () => {
      assert.equal(isOverdue('2026-09-30', TODAY), true);
      assert.equal(isOverdue('2026-11-22', TODAY), false);
      assert.equal(isOverdue('2027-05-31', TODAY), false);
      assert.equal(isOverdue(undefined, TODAY), false);
      assert.equal(isOverdue('soon', TODAY), false);
      assert.equal(daysUntil('2026-11-23', TODAY), 1);
      assert.equal(daysUntil('2026-11-20', TODAY), -2);
      assert.equal(daysUntil('2027-11-22', TODAY), 365);
      assert.equal(daysUntil('later', TODAY), undefined);
      // the examples have overdue evidence reviews
      assert.ok(report.controls.some(c => isOverdue(c.reviewDue, TODAY)));
    });

    it('finding counts as text', () => {
      assert.deepEqual(findingParts({ error: 0, warning: 0, info: 0 }), []);
      assert.deepEqual(findingParts({ error: 1, warning: 2, info: 1 }).map(p => p.text), ['1 error', '2 warnings', '1 info']);
    });

    it('evidence: records by title with the id, paths, http(s) URLs, unresolved text', () => {
      const all = report.controls.flatMap(c => c.evidence);
      const rec = all.find(e => e.type === 'record' && e.title && e.counts && !e.note)!;
      const v = evidenceView(rec);
      assert.equal(v.action, 'record');
      assert.equal(v.text, rec.title);
      assert.equal(v.detail, rec.value);
      assert.equal(v.counts, true);
      // evidence that does not count says why, in the detail and the accessible name
      const bad = all.find(e => e.type === 'record' && !e.counts && e.note)!;
      const b = evidenceView(bad);
      assert.equal(b.counts, false);
      assert.ok(b.detail!.endsWith(`not counted: ${bad.note}`), b.detail);
      assert.ok(b.description.endsWith(`(not counted: ${bad.note})`));
      const declared = evidenceView({ value: 'https://x.example/p', type: 'url', source: 'soa', counts: true, note: 'declared, not checked' });
      assert.deepEqual([declared.detail, declared.counts], ['declared, not checked', true]);
      assert.match(v.description, new RegExp(`^Open .* ${rec.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const p = evidenceView(all.find(e => e.type === 'path')!);
      assert.equal(p.action, 'path');
      const u = evidenceView({ value: 'https://northwind-lending.example/speak-up', type: 'url', source: 'soa', counts: true });
      assert.deepEqual([u.action, u.text, u.codicon], ['url', 'northwind-lending.example/speak-up', 'link-external']);
      assert.equal(evidenceView({ value: 'javascript:alert(1)', type: 'url', source: 'soa', counts: true }).action, 'none');
      const x = evidenceView({ value: 'nowhere', type: 'unresolved', source: 'soa', counts: false });
      assert.deepEqual([x.action, x.detail], ['none', 'does not resolve']);
      assert.equal(evidenceView({ value: 'm', type: 'record', source: 'soa', errors: 2, counts: false }).errors, 2);
    });
  });

  describe('saved view state', () => {
    it('restores what was saved and repairs what is broken', () => {
      const saved = { filter: { states: onlyStates('missing'), owner: ownerValue('Eva'), text: 'policy' }, expanded: ['A.2.2'] };
      assert.deepEqual(normalizeViewState(JSON.parse(JSON.stringify(saved))), saved);
      assert.deepEqual(normalizeViewState(undefined), { filter: defaultFilter(), expanded: [] });
      assert.deepEqual(normalizeViewState('nonsense'), { filter: defaultFilter(), expanded: [] });
      const broken = normalizeViewState({ filter: { states: { covered: 'no', missing: false }, owner: 42, text: ['x'] }, expanded: [1, 'A.3.2', null] });
      assert.deepEqual(broken, { filter: { ...defaultFilter(), states: { ...defaultFilter().states, missing: false } }, expanded: ['A.3.2'] });
      assert.equal(normalizeViewState({ filter: { owner: 'whatever' } }).filter.owner, ANY_OWNER);
    });
  });

  describe('messages from the webview', () => {
    it('accepts the well-formed ones and strips unknown fields', () => {
      assert.deepEqual(parseCoverageMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
      assert.deepEqual(parseCoverageMessage({ type: 'openSoaEntry', control: 'A.6.2.4' }), { type: 'openSoaEntry', control: 'A.6.2.4' });
      assert.deepEqual(parseCoverageMessage({ type: 'openEvidence', control: 'A.10.4', index: 0, value: 'docs/x.md', file: '/etc/passwd' }),
        { type: 'openEvidence', control: 'A.10.4', index: 0, value: 'docs/x.md' });
      for (const format of SOA_FORMATS) assert.deepEqual(parseCoverageMessage({ type: 'export', format }), { type: 'export', format });
      assert.deepEqual(parseCoverageMessage({ type: 'selectWorkspace', workspace: 'file:///w/a' }), { type: 'selectWorkspace', workspace: 'file:///w/a' });
      assert.deepEqual(parseCoverageMessage({ type: 'openCell', system: 'credit-risk-scorer', control: 'A.6.2.4', file: 'x' }), { type: 'openCell', system: 'credit-risk-scorer', control: 'A.6.2.4' });
      assert.deepEqual(parseCoverageMessage({ type: 'openSoaEntry', control: 'ORG-model-registry' }), { type: 'openSoaEntry', control: 'ORG-model-registry' });
    });

    it('matrix cells: text and symbol with the colour, an accessible name that says what is missing, a row summary', () => {
      const s = report.systems[0];
      const gapId = report.matrixControls.find(id => s.controls[id].state === 'gap')!;
      const label = cellLabel(s.id, gapId, 'T', s.controls[gapId]);
      assert.equal(label, `${s.id}, ${gapId} T: gap: ${s.controls[gapId].missing.join('; ')}`);
      assert.deepEqual(Object.keys(CELL_VIEW), ['met', 'gap', 'excluded']);
      for (const v of Object.values(CELL_VIEW)) assert.ok(v.text && v.symbol && v.codicon);
      assert.equal(rowSummary([{ state: 'met', missing: [] }, { state: 'gap', missing: ['x'] }, { state: 'excluded', missing: [] }]), '1 of 2 met');
      assert.equal(otherFindingsText({ error: 1, warning: 1, info: 0 }), '2 elsewhere');
      assert.equal(otherFindingsText({ error: 0, warning: 0, info: 0 }), '');
    });

    it('rejects everything else', () => {
      const bad: unknown[] = [
        undefined, null, 0, 'ready', [], ['ready'], {}, { type: 42 }, { type: 'READY' }, { type: 'eval', code: '1' },
        { type: 'openSoaEntry' }, { type: 'openSoaEntry', control: 7 }, { type: 'openSoaEntry', control: 'B.1' },
        { type: 'openSoaEntry', control: 'A.2.2; rm -rf' }, { type: 'openSoaEntry', control: '../A.2.2' },
        { type: 'openEvidence', control: 'A.2.2', index: -1, value: 'x' }, { type: 'openEvidence', control: 'A.2.2', index: 1.5, value: 'x' },
        { type: 'openEvidence', control: 'A.2.2', index: '0', value: 'x' }, { type: 'openEvidence', control: 'A.2.2', index: 0 },
        { type: 'openEvidence', control: 'A.2.2', index: 0, value: '' }, { type: 'openEvidence', control: 'A.2.2', index: 0, value: 'x'.repeat(5000) },
        { type: 'openEvidence', control: 'A.2.2', index: 1e9, value: 'x' }, { type: 'openEvidence', control: 'A.2.2', index: NaN, value: 'x' },
        { type: 'export' }, { type: 'export', format: 'pdf' }, { type: 'export', format: ['csv'] },
        { type: 'selectWorkspace' }, { type: 'selectWorkspace', workspace: '' }, { type: 'selectWorkspace', workspace: { id: 1 } },
        { type: 'openCell', system: '', control: 'A.6.2.4' }, { type: 'openCell', system: 'x', control: '../etc' }, { type: 'openCell', system: 'x'.repeat(300), control: 'A.6.2.4' },
        { type: 'openSoaEntry', control: 'ORG-' }, { type: 'openSoaEntry', control: 'ORG-a b' },
      ];
      for (const m of bad) assert.equal(parseCoverageMessage(m), undefined, JSON.stringify(m));
    });

    it('the webview checks the shape of what the extension sends', () => {
      assert.ok(isExtensionMessage({ type: 'report', report, workspaces: [{ id: 'file:///w', name: 'w' }], workspace: 'file:///w', today: TODAY }));
      assert.ok(isExtensionMessage({ type: 'empty', message: 'no aims/' }));
      assert.ok(!isExtensionMessage({ type: 'report', report: {}, workspaces: [], workspace: '', today: TODAY }));
      assert.ok(!isExtensionMessage({ type: 'other' }));
      assert.ok(!isExtensionMessage(null));
    });
  });

  describe('Statement of Applicability entry lookup', () => {
    it('finds the line of controls[index] for every listed control', () => {
      const text = linter.locator(report.soaFile!)!.text.split('\n');
      for (const c of report.controls) {
        const pos = soaEntryPosition(linter, report, c.id)!;
        assert.ok(pos, c.id);
        assert.equal(pos.file, report.soaFile);
        assert.equal(pos.listed, true);
        // the entry starts at the dash of the list item that holds this id
        const line = text[pos.line - 1];
        assert.match(line, new RegExp(`^\\s*- id: ${c.id.replace(/\./g, '\\.')}\\s*$`), `${c.id} → line ${pos.line}: ${line}`);
        assert.equal(line.slice(pos.column - 1, pos.column - 1 + 6), '- id: ');
      }
      assert.equal(soaEntryPosition(linter, report, 'A.99.1'), undefined);
    });

    it('points at controls: for a control the SoA does not list, and nowhere without an SoA', () => {
      const l = new Linter({ today: TODAY });
      const soa = 'apiVersion: aims/v1\nkind: Applicability\nid: soa\ntitle: SoA\nowner: me\nstatus: draft\nreviewed: 2026-01-01\nreview_by: 2027-01-01\n\ncontrols:\n  - id: A.2.2\n    applicable: true\n    status: planned\n';
      l.setFile('aims/soa.yaml', soa);
      const r = computeCoverage(l);
      assert.deepEqual(soaEntryPosition(l, r, 'A.2.2'), { file: 'aims/soa.yaml', line: 11, column: 3, listed: true });
      assert.deepEqual(soaEntryPosition(l, r, 'A.3.2'), { file: 'aims/soa.yaml', line: 10, column: 1, listed: false });
      const empty = new Linter({ today: TODAY });
      assert.equal(soaEntryPosition(empty, computeCoverage(empty), 'A.2.2'), undefined);
    });
  });

  describe('export text', () => {
    it('is the engine output with the CLI options (CSV with BOM, HTML and Markdown titled by the SoA)', () => {
      const o = { rootName: 'examples', today: TODAY };
      const title = 'Statement of Applicability, Northwind Lending Decision Science AIMS';
      assert.equal(report.soaTitle, title, 'the title: of the SoA in force');
      assert.equal(soaFileText(report, 'csv', o), soaCsv(report, { bom: true }));
      assert.equal(soaFileText(report, 'html', o), soaHtml(report, { title, generatedOn: TODAY }));
      assert.match(soaFileText(report, 'html', o), /<title>Statement of Applicability, Northwind Lending Decision Science AIMS<\/title>/);
      assert.equal(soaFileText(report, 'markdown', o), soaMarkdown(report, { title, generatedOn: TODAY }));
      // an SoA without a title (or none in force): the folder name
      const untitled = { ...report, soaTitle: undefined };
      assert.equal(soaExportTitle(untitled, 'examples'), 'Statement of Applicability — examples');
      assert.match(soaFileText(untitled, 'markdown', o), /^# Statement of Applicability — examples\n/);
      assert.deepEqual(SOA_FILE_EXTENSIONS, { markdown: 'md', csv: 'csv', html: 'html' });
    });
  });
});
