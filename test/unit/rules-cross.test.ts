import * as assert from 'node:assert/strict';
import { CONTROL_IDS, type Role } from '../../src/core/catalogue';
import { applyFix } from '../../src/core/edit';
import { Linter } from '../../src/core/linter';
import type { Finding, Fix } from '../../src/core/model';
import { CROSS_RULES } from '../../src/core/rules/cross';
import { RULES } from '../../src/core/rules';
import { skeletonRecord } from '../../src/core/skeleton';

const TODAY = '2026-11-22';

// ---------------------------------------------------------------------------------------------
// Workspace builders. Records carry only what the cross-record rules read; the tests look at the
// findings of one rule at a time, so the schema rules' findings on these partial records do not matter.
// ---------------------------------------------------------------------------------------------

const header = (kind: string, id: string, status = 'approved'): string =>
  `apiVersion: aims/v1\nkind: ${kind}\nid: ${id}\nstatus: ${status}\n`;

/**
 * A model card. Lines: 3 id, 6 datasets[0] (column 5), 11 evaluation.metrics[0].dataset (column 16),
 * 12 impact_assessment (column 20) when there is one dataset.
 */
function model(id: string, o: { datasets?: string[]; metric?: string; ia?: string | null; status?: string } = {}): string {
  const datasets = o.datasets ?? ['loan-applications'];
  let t = header('ModelCard', id, o.status) + 'datasets:\n' + datasets.map(d => `  - ${d}\n`).join('');
  t += `evaluation:\n  metrics:\n    - name: AUC\n      value: 0.81\n      dataset: ${o.metric ?? datasets[0]}\n`;
  if (o.ia !== null) t += `impact_assessment: ${o.ia ?? `${id}-impact`}\n`;
  return t;
}

const dataset = (id: string, status = 'approved'): string => header('DataProvenance', id, status) + 'title: Loan applications\n';
/** An impact assessment; `system` is on line 5, value at column 9. */
const assessment = (id: string, system: string, status = 'approved'): string => header('ImpactAssessment', id, status) + `system: ${system}\n`;

interface Entry { id: string; applicable?: boolean; justification?: string; status?: string; evidence?: string[] }
const GOOD_REASON = 'We build every AI system in-house and use no third-party components.';

/**
 * A Statement of Applicability: `controls:` on line 5; entry k spans lines 6+5k (id, value column 9),
 * 7+5k (applicable, value column 17), 8+5k (justification), 9+5k (status, value column 13), 10+5k (evidence).
 */
function soa(entries: Entry[]): string {
  let t = header('Applicability', 'statement-of-applicability') + 'controls:\n';
  for (const e of entries) {
    t += `  - id: ${e.id}\n    applicable: ${e.applicable ?? true}\n    justification: ${JSON.stringify(e.justification ?? GOOD_REASON)}\n`;
    t += `    status: ${e.status ?? 'planned'}\n    evidence: [${(e.evidence ?? []).map(v => JSON.stringify(v)).join(', ')}]\n`;
  }
  return t;
}
const allEntries = (): Entry[] => CONTROL_IDS.map(id => ({ id }));
const entryLine = (k: number, offset = 0): number => 6 + 5 * k + offset;
const indexOf = (id: string): number => CONTROL_IDS.indexOf(id);

const SOA = 'aims/statement-of-applicability.yaml';
const CARD = 'aims/models/credit-risk.yaml';
const DATA = 'aims/data/loan-applications.yaml';
const IA = 'aims/assessments/credit-risk-impact.yaml';

function workspace(files: Record<string, string>, o: { roles?: Role[]; paths?: string[] } = {}): Linter {
  const paths = new Set(o.paths ?? []);
  const l = new Linter({ today: TODAY, roles: o.roles ?? [], pathExists: p => paths.has(p) });
  for (const [f, t] of Object.entries(files)) l.setFile(f, t);
  return l;
}

/** The clean core: a model card, its dataset and its impact assessment. */
const core = (): Record<string, string> => ({
  [CARD]: model('credit-risk'),
  [DATA]: dataset('loan-applications'),
  [IA]: assessment('credit-risk-impact', 'credit-risk'),
});

function of(l: Linter, ruleId: string): Finding[] {
  return [...l.allFindings().values()].flat().filter(f => f.ruleId === ruleId);
}

function one(l: Linter, ruleId: string): Finding {
  const list = of(l, ruleId);
  assert.equal(list.length, 1, `exactly one ${ruleId} finding, got: ${list.map(f => `${f.file}:${f.range?.start.line} ${f.message}`).join(' | ')}`);
  return list[0];
}

function at(f: Finding, file: string, line: number, column: number): void {
  assert.equal(f.file, file);
  assert.deepEqual([f.range!.start.line, f.range!.start.column], [line, column], `position of: ${f.message}`);
}

function includes(f: Finding, ...parts: string[]): void {
  for (const p of parts) assert.ok(f.message.includes(p), `message ${JSON.stringify(f.message)} should include ${JSON.stringify(p)}`);
}

/** Applies a fix (or suggestion) to the finding's file, and creates the files it creates, in the linter. */
function apply(l: Linter, f: Finding, fix: Fix): void {
  const r = applyFix(l.text(f.file)!, fix);
  l.setFile(f.file, r.text);
  for (const c of r.createFiles) l.setFile(c.file, c.text);
}

describe('cross-record and SoA rules', () => {
  it('are registered in documentation order, after the record rules', () => {
    assert.deepEqual(CROSS_RULES.map(r => r.id), [
      'duplicate-id', 'dangling-reference', 'retired-reference', 'model-without-impact-assessment', 'impact-assessment-mismatch',
      'soa-multiple-in-force', 'soa-missing-control', 'soa-duplicate-control', 'soa-exclusion-justification', 'soa-inclusion-justification', 'soa-implemented-without-evidence',
      'soa-expected-control-excluded', 'soa-not-applicable-with-status',
    ]);
    const ids = RULES.map(r => r.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const r of CROSS_RULES) {
      assert.ok(ids.includes(r.id));
      assert.ok(r.docs.rationale && r.docs.howToFix && r.docs.bad && r.docs.good, `${r.id} has full docs`);
      for (const c of r.controls) assert.ok(CONTROL_IDS.includes(c), `${r.id}: ${c} is a catalogue control`);
      for (const b of r.annexB) assert.match(b, /^B\.\d+\.\d+(\.\d+)?$/);
    }
  });

  it('a clean workspace has no cross-record findings', () => {
    const l = workspace({ ...core(), [SOA]: soa(allEntries()) }, { roles: ['ai_producer', 'ai_provider'] });
    const cross = new Set(CROSS_RULES.map(r => r.id));
    assert.deepEqual([...l.allFindings().values()].flat().filter(f => cross.has(f.ruleId)).map(f => `${f.ruleId} ${f.message}`), []);
  });

  describe('duplicate-id', () => {
    it('reports every record that shares an id, with the others as related information', () => {
      const l = workspace({ ...core(), 'aims/data/loans-2025.yaml': dataset('loan-applications'), 'aims/data/loans-2026.yaml': dataset('loan-applications') });
      const list = of(l, 'duplicate-id');
      assert.deepEqual(list.map(f => f.file), [DATA, 'aims/data/loans-2025.yaml', 'aims/data/loans-2026.yaml']);
      const f = list[0];
      at(f, DATA, 3, 5);
      assert.equal(f.severity, 'error');
      includes(f, "The id 'loan-applications' is also used by aims/data/loans-2025.yaml (DataProvenance), aims/data/loans-2026.yaml (DataProvenance)", 'rename one');
      assert.deepEqual(f.related!.map(r => [r.file, r.path, r.range!.start.line, r.range!.start.column]), [
        ['aims/data/loans-2025.yaml', ['id'], 3, 5], ['aims/data/loans-2026.yaml', ['id'], 3, 5],
      ]);
      assert.deepEqual(list[1].related!.map(r => r.file), [DATA, 'aims/data/loans-2026.yaml']);
    });

    it('applies across kinds and disappears when one record is renamed', () => {
      const l = workspace({ ...core(), 'aims/models/other.yaml': model('credit-risk-impact', { ia: 'credit-risk-impact' }) });
      const list = of(l, 'duplicate-id');
      assert.equal(list.length, 2);
      includes(list[0], 'aims/models/other.yaml (ModelCard)');
      l.setFile('aims/models/other.yaml', model('churn', { ia: 'credit-risk-impact' }));
      assert.equal(of(l, 'duplicate-id').length, 0);
    });
  });

  describe('dangling-reference', () => {
    it('fixes a near miss of a dataset id and offers to create the missing record', () => {
      const l = workspace({ ...core(), [CARD]: model('credit-risk', { datasets: ['loan-aplications'], metric: 'loan-applications' }) });
      const f = one(l, 'dangling-reference');
      at(f, CARD, 6, 5);
      assert.equal(f.severity, 'error');
      assert.deepEqual(f.controls, ['A.4.3', 'A.7.2']);
      includes(f, "'loan-aplications' in datasets[0] names no record", "Did you mean 'loan-applications'?", 'Correct the id or create the DataProvenance record');
      assert.deepEqual(f.fix, { title: "Change to 'loan-applications'", ops: [{ op: 'set', path: ['datasets', 0], value: 'loan-applications' }] });
      assert.deepEqual(f.suggestions, [{
        title: "Create data provenance record 'loan-aplications' (aims/data/loan-aplications.yaml)",
        ops: [{ op: 'create-file', file: 'aims/data/loan-aplications.yaml', text: skeletonRecord('DataProvenance', 'loan-aplications', { today: TODAY }) }],
      }]);
      assert.equal(f.related, undefined);
      apply(l, f, f.fix!);
      assert.match(l.text(CARD)!, /^ {2}- loan-applications$/m);
      assert.equal(of(l, 'dangling-reference').length, 0);
    });

    it('resolves after the suggested record is created', () => {
      const l = workspace({ ...core(), [CARD]: model('credit-risk', { datasets: ['loan-applications', 'bureau-scores'] }) });
      const f = one(l, 'dangling-reference');
      at(f, CARD, 7, 5);
      assert.equal(f.fix, undefined, 'no close match, no fix');
      assert.equal(f.suggestions!.length, 1);
      apply(l, f, f.suggestions![0]);
      assert.ok(l.has('aims/data/bureau-scores.yaml'));
      assert.equal(of(l, 'dangling-reference').length, 0);
    });

    it('offers each candidate as a suggestion when several ids are close', () => {
      const l = workspace({ ...core(), 'aims/data/loans-2024.yaml': dataset('loans-2024'), 'aims/data/loans-2025.yaml': dataset('loans-2025'), [CARD]: model('credit-risk', { datasets: ['loans-2023'], metric: 'loans-2024' }) });
      const f = one(l, 'dangling-reference');
      includes(f, "Did you mean 'loans-2024' or 'loans-2025'?");
      assert.equal(f.fix, undefined);
      assert.deepEqual(f.suggestions!.map(s => s.title), ["Change to 'loans-2024'", "Change to 'loans-2025'", "Create data provenance record 'loans-2023' (aims/data/loans-2023.yaml)"]);
    });

    it('checks evaluation metric datasets and the impact assessment, and fills system in a created assessment', () => {
      const l = workspace({ [CARD]: model('credit-risk', { metric: 'holdout-2024', ia: 'credit-risk-ia' }), [DATA]: dataset('loan-applications') });
      const list = of(l, 'dangling-reference');
      assert.equal(list.length, 2);
      at(list[0], CARD, 11, 16);
      includes(list[0], "'holdout-2024' in evaluation.metrics[0].dataset names no record");
      assert.deepEqual(list[0].controls, ['A.6.2.4', 'A.7.4']);
      at(list[1], CARD, 12, 20);
      assert.deepEqual(list[1].controls, ['A.5.3']);
      const create = list[1].suggestions![0];
      assert.equal(create.title, "Create impact assessment record 'credit-risk-ia' (aims/assessments/credit-risk-ia.yaml)");
      const op = create.ops[0];
      assert.ok(op.op === 'create-file');
      assert.match(op.text, /^system: credit-risk$/m);
      assert.match(op.text, /^id: credit-risk-ia$/m);
      apply(l, list[1], create);
      assert.deepEqual(of(l, 'dangling-reference').map(f => f.path), [['evaluation', 'metrics', 0, 'dataset']]);
      assert.equal(of(l, 'model-without-impact-assessment').length, 0);
    });

    it('says which kind a reference of the wrong kind names and which is expected', () => {
      const l = workspace({ ...core(), [CARD]: model('credit-risk', { ia: 'loan-applications' }), [IA]: assessment('credit-risk-impact', 'loan-applications') });
      const list = of(l, 'dangling-reference');
      assert.equal(list.length, 2);
      at(list[0], IA, 5, 9);
      includes(list[0], `'loan-applications' in system is a DataProvenance record (${DATA}), but system must name a ModelCard record.`);
      at(list[1], CARD, 12, 20);
      includes(list[1], `'loan-applications' in impact_assessment is a DataProvenance record (${DATA}), but impact_assessment must name an ImpactAssessment record.`);
      assert.equal(list[1].suggestions, undefined, 'no record to create: the id is taken');
    });

    it('fixes a wrong-kind reference when exactly one record of the right kind is close', () => {
      const l = workspace({ ...core(), 'aims/models/credit-risk-impacts.yaml': model('credit-risk-impacts', { ia: 'credit-risk-impact' }), [CARD]: model('credit-risk', { ia: 'credit-risk-impacts' }) });
      const f = of(l, 'dangling-reference').find(x => x.file === CARD)!;
      includes(f, "Did you mean 'credit-risk-impact'?");
      assert.deepEqual(f.fix!.ops, [{ op: 'set', path: ['impact_assessment'], value: 'credit-risk-impact' }]);
    });

    it('accepts SoA evidence that is a record id, a URL or an existing path (./ and #fragment ignored)', () => {
      const entries = allEntries();
      entries[0].evidence = ['credit-risk', 'https://intranet.example.com/ai-policy', './docs/ai-policy.md#scope', 'docs/procedures/', 'docs/procedures'];
      const l = workspace({ ...core(), [SOA]: soa(entries) }, { paths: ['docs/ai-policy.md', 'docs/procedures'] });
      assert.equal(of(l, 'dangling-reference').length, 0);
    });

    it('reports SoA evidence that is neither a record id nor a path, naming the control', () => {
      const entries = allEntries();
      const k = indexOf('A.6.2.4');
      entries[k].evidence = ['docs/ai-polcy.md', 'credit-rsk'];
      const text = soa(entries);
      const l = workspace({ ...core(), [SOA]: text }, { paths: ['docs/ai-policy.md'] });
      const list = of(l, 'dangling-reference');
      assert.equal(list.length, 2);
      const line = entryLine(k, 4);
      at(list[0], SOA, line, 16);
      includes(list[0], "Evidence 'docs/ai-polcy.md' for A.6.2.4 (controls[18].evidence[0]) is neither a record id nor a file in the repository.", 'http(s) URL');
      assert.deepEqual(list[0].controls, ['A.6.2.4']);
      assert.equal(list[0].fix, undefined, 'a path is not matched against record ids');
      at(list[1], SOA, line, 36);
      includes(list[1], "Did you mean 'credit-risk'?");
      assert.deepEqual(list[1].fix!.ops, [{ op: 'set', path: ['controls', k, 'evidence', 1], value: 'credit-risk' }]);
      assert.equal(list[1].suggestions, undefined, 'evidence has no single kind to create');
      apply(l, list[1], list[1].fix!);
      assert.equal(of(l, 'dangling-reference').length, 1);
    });

    it('follows a rename in another file: setFile of only the dataset updates the model card', () => {
      const l = workspace(core());
      assert.equal(of(l, 'dangling-reference').length, 0);
      l.setFile(DATA, dataset('loan-application'));
      const list = of(l, 'dangling-reference');
      assert.deepEqual(list.map(f => [f.file, f.range!.start.line, f.range!.start.column]), [[CARD, 6, 5], [CARD, 11, 16]]);
      includes(list[0], "Did you mean 'loan-application'?");
      assert.equal(l.findingsFor(CARD).filter(f => f.ruleId === 'dangling-reference').length, 2);
      // the referencing card now counts these errors as its own
      assert.ok(l.records().find(r => r.file === CARD)!.errors >= 2);
      l.setFile(DATA, dataset('loan-applications'));
      assert.equal(of(l, 'dangling-reference').length, 0);
      assert.equal(l.findingsFor(CARD).filter(f => f.ruleId === 'dangling-reference').length, 0);
    });

    it('sees a deleted record as missing', () => {
      const l = workspace(core());
      l.deleteFile(IA);
      const f = one(l, 'dangling-reference');
      at(f, CARD, 12, 20);
      includes(f, "'credit-risk-impact' in impact_assessment names no record: there is no ImpactAssessment with this id.");
    });
  });

  describe('retired-reference', () => {
    it('warns when a record in use refers to a retired one', () => {
      const l = workspace({ ...core(), [DATA]: dataset('loan-applications', 'retired') });
      const list = of(l, 'retired-reference');
      assert.equal(list.length, 2);
      at(list[0], CARD, 6, 5);
      assert.equal(list[0].severity, 'warning');
      includes(list[0], `'loan-applications' in datasets[0] refers to a DataProvenance record that is retired (${DATA})`, 'replaced it');
      assert.deepEqual(list[0].controls, ['A.4.3', 'A.7.2']);
      assert.deepEqual(list[0].related!.map(r => [r.file, r.path, r.range!.start.line, r.range!.start.column]), [[DATA, ['status'], 4, 9]]);
      at(list[1], CARD, 11, 16);
      assert.equal(of(l, 'dangling-reference').length, 0, 'a retired record still resolves');
    });

    it('ignores references from retired records and covers SoA evidence', () => {
      const entries = allEntries();
      entries[indexOf('A.7.5')].evidence = ['loan-applications'];
      const l = workspace({
        [CARD]: model('credit-risk', { status: 'retired' }), [DATA]: dataset('loan-applications', 'retired'),
        [IA]: assessment('credit-risk-impact', 'credit-risk', 'retired'), [SOA]: soa(entries),
      });
      const f = one(l, 'retired-reference');
      at(f, SOA, entryLine(indexOf('A.7.5'), 4), 16);
      assert.deepEqual(f.controls, ['A.7.5']);
    });
  });

  describe('model-without-impact-assessment', () => {
    it('accepts an assessment that names the card, or one the card names', () => {
      const a = workspace({ ...core(), [CARD]: model('credit-risk', { ia: null }) });
      assert.equal(of(a, 'model-without-impact-assessment').length, 0);
      const b = workspace({ ...core(), [IA]: assessment('credit-risk-impact', 'other-model') });
      assert.equal(of(b, 'model-without-impact-assessment').length, 0, 'the card names it (impact-assessment-mismatch reports the system)');
    });

    it('reports a card that no assessment covers, at its id, and offers to create and link one', () => {
      const l = workspace({ [CARD]: model('credit-risk', { ia: null }), [DATA]: dataset('loan-applications') });
      const f = one(l, 'model-without-impact-assessment');
      at(f, CARD, 3, 5);
      assert.equal(f.severity, 'error');
      assert.deepEqual(f.controls, ['A.5.2', 'A.5.3']);
      includes(f, "No impact assessment covers model 'credit-risk'", 'system: credit-risk');
      const s = f.suggestions![0];
      assert.equal(s.title, "Create impact assessment 'credit-risk-impact-assessment' (aims/assessments/credit-risk-impact-assessment.yaml) and link it");
      assert.equal(s.ops[0].op, 'create-file');
      assert.deepEqual(s.ops[1], { op: 'set', path: ['impact_assessment'], value: 'credit-risk-impact-assessment' });
      apply(l, f, s);
      assert.match(l.text('aims/assessments/credit-risk-impact-assessment.yaml')!, /^system: credit-risk$/m);
      assert.match(l.text(CARD)!, /^impact_assessment: credit-risk-impact-assessment$/m);
      assert.equal(of(l, 'model-without-impact-assessment').length, 0);
      assert.equal(of(l, 'dangling-reference').length, 0);
    });

    it('points at impact_assessment when it names no assessment', () => {
      const l = workspace({ [CARD]: model('credit-risk', { ia: 'credit-risk-ia' }), [DATA]: dataset('loan-applications') });
      const f = one(l, 'model-without-impact-assessment');
      at(f, CARD, 12, 20);
      includes(f, "'credit-risk-ia' is not an ImpactAssessment record");
      assert.equal(f.suggestions, undefined, 'dangling-reference offers to create it');
    });
  });

  describe('impact-assessment-mismatch', () => {
    it('warns when the named assessment is about another system, and offers the model\'s own assessment', () => {
      const churn = 'aims/models/churn.yaml';
      const l = workspace({ ...core(), [churn]: model('churn', { ia: 'credit-risk-impact' }), 'aims/assessments/churn-impact.yaml': assessment('churn-impact', 'churn') });
      const f = one(l, 'impact-assessment-mismatch');
      at(f, churn, 12, 20);
      assert.equal(f.severity, 'warning');
      includes(f, "impact_assessment names 'credit-risk-impact', but that assessment is about system 'credit-risk', not 'churn'.", "'churn-impact' assesses 'churn'.");
      assert.deepEqual(f.related!.map(r => [r.file, r.path, r.range!.start.line, r.range!.start.column]), [[IA, ['system'], 5, 9]]);
      assert.deepEqual(f.suggestions, [{ title: "Change to 'churn-impact'", ops: [{ op: 'set', path: ['impact_assessment'], value: 'churn-impact' }] }]);
      apply(l, f, f.suggestions![0]);
      assert.equal(of(l, 'impact-assessment-mismatch').length, 0);
    });

    it('is silent when the assessment names the card', () => {
      assert.equal(of(workspace(core()), 'impact-assessment-mismatch').length, 0);
    });
  });

  describe('soa-missing-control', () => {
    it('reports one finding listing the missing controls, with a suggestion that appends them', () => {
      const entries = allEntries().filter(e => e.id !== 'A.6.2.4' && e.id !== 'A.10.4');
      const l = workspace({ [SOA]: soa(entries) });
      const f = one(l, 'soa-missing-control');
      at(f, SOA, 5, 1);
      assert.equal(f.severity, 'error');
      assert.deepEqual(f.controls, ['A.6.2.4', 'A.10.4']);
      includes(f, 'does not list 2 of the 38 Annex A controls: A.6.2.4, A.10.4.');
      assert.equal(f.fix, undefined, 'not a safe fix');
      const blank = { applicable: true, justification: '', status: 'not-started', owner: '', evidence: [] };
      assert.deepEqual(f.suggestions, [{ title: 'Add the 2 missing controls', ops: [{ op: 'append', path: ['controls'], values: [{ id: 'A.6.2.4', ...blank }, { id: 'A.10.4', ...blank }] }] }]);
      apply(l, f, f.suggestions![0]);
      assert.equal(of(l, 'soa-missing-control').length, 0);
    });

    it('counts a misspelled id that unknown-control repairs, and leaves a missing controls key to required-field', () => {
      const entries = allEntries();
      entries[indexOf('A.7.5')].id = 'a.7.5';
      assert.equal(of(workspace({ [SOA]: soa(entries) }), 'soa-missing-control').length, 0);
      const l = workspace({ [SOA]: header('Applicability', 'soa') });
      assert.equal(of(l, 'soa-missing-control').length, 0);
      assert.ok(of(l, 'required-field').some(f => f.path[0] === 'controls'));
    });

    it('treats an empty list as all 38 missing', () => {
      const f = one(workspace({ [SOA]: header('Applicability', 'soa') + 'controls: []\n' }), 'soa-missing-control');
      includes(f, 'does not list 38 of the 38');
      assert.equal(f.suggestions![0].title, 'Add the 38 missing controls');
    });
  });

  describe('soa-duplicate-control', () => {
    it('reports the second entry, related to the first', () => {
      const entries = allEntries();
      entries.push({ id: 'A.7.5', applicable: false });
      const l = workspace({ [SOA]: soa(entries) });
      const f = one(l, 'soa-duplicate-control');
      at(f, SOA, entryLine(38), 9);
      assert.deepEqual(f.controls, ['A.7.5']);
      includes(f, `A.7.5 is listed more than once in the Statement of Applicability (first at controls[${indexOf('A.7.5')}])`, 'Merge');
      assert.deepEqual(f.related!.map(r => [r.file, r.path, r.range!.start.line]), [[SOA, ['controls', indexOf('A.7.5'), 'id'], entryLine(indexOf('A.7.5'))]]);
      assert.deepEqual(f.suggestions![0].ops, [{ op: 'delete', path: ['controls', 38] }]);
    });
  });

  describe('soa-exclusion-justification', () => {
    it('requires a substantive justification for an excluded control', () => {
      const entries = allEntries();
      entries[indexOf('A.10.2')] = { id: 'A.10.2', applicable: false, justification: 'N/A' };
      entries[indexOf('A.10.3')] = { id: 'A.10.3', applicable: false, justification: 'Not needed here' };
      entries[indexOf('A.10.4')] = { id: 'A.10.4', applicable: false, justification: '' };
      entries[indexOf('A.8.5')] = { id: 'A.8.5', applicable: false }; // GOOD_REASON
      entries[indexOf('A.8.4')] = { id: 'A.8.4', applicable: true, justification: 'N/A' }; // not excluded: not this rule
      const l = workspace({ [SOA]: soa(entries) });
      const list = of(l, 'soa-exclusion-justification');
      assert.deepEqual(list.map(f => f.controls), [['A.10.2'], ['A.10.3'], ['A.10.4']]);
      at(list[0], SOA, entryLine(indexOf('A.10.2'), 2), 5);
      includes(list[0], "A.10.2 is excluded with the placeholder 'N/A' as justification.", 'at least 5 words');
      includes(list[1], "A.10.3 is excluded with a justification too short to explain the decision ('Not needed here')");
      includes(list[2], 'A.10.4 is excluded without a justification.');
      assert.ok(list.every(f => f.severity === 'error'));
    });

    it('uses the threshold of 5 words and 30 characters', () => {
      const check = (justification: string): number => {
        const entries = allEntries();
        entries[0] = { id: 'A.2.2', applicable: false, justification };
        return of(workspace({ [SOA]: soa(entries) }), 'soa-exclusion-justification').length;
      };
      assert.equal(check('Covered by the group-level policy.'), 0, '5 words, 34 characters');
      assert.equal(check('Covered by group policy'), 1, '4 words');
      assert.equal(check('a b c d e f g h i j'), 1, '10 words but 19 characters');
      assert.equal(check('not relevant'), 1);
    });
  });

  describe('soa-inclusion-justification', () => {
    it('requires a substantive justification for an applicable control, with the thresholds of exclusions', () => {
      const entries = allEntries();
      entries[indexOf('A.7.4')] = { id: 'A.7.4', justification: 'TBD' };
      entries[indexOf('A.7.5')] = { id: 'A.7.5', justification: 'Needed for data' };
      entries[indexOf('A.7.6')] = { id: 'A.7.6', justification: '' };
      entries[indexOf('A.10.2')] = { id: 'A.10.2', applicable: false, justification: 'N/A' }; // excluded: not this rule
      const l = workspace({ [SOA]: soa(entries) });
      const list = of(l, 'soa-inclusion-justification');
      assert.deepEqual(list.map(f => f.controls), [['A.7.4'], ['A.7.5']], 'an empty justification is left to required-field');
      at(list[0], SOA, entryLine(indexOf('A.7.4'), 2), 5);
      includes(list[0], "A.7.4 is applicable with the placeholder 'TBD' as justification.", 'clause 6.1.3');
      includes(list[1], "A.7.5 is applicable with a justification too short to explain the decision ('Needed for data')");
      assert.equal(of(l, 'placeholder-text').length, 0, 'the placeholder is reported once, by this rule');
    });
  });

  describe('soa-multiple-in-force', () => {
    it('reports two Statements of Applicability in force on both files, each naming the other; a retired one is not in force', () => {
      const other = 'aims/soa-2025.yaml';
      const second = soa(allEntries()).replace('id: statement-of-applicability', 'id: soa-2025');
      const l = workspace({ [SOA]: soa(allEntries()), [other]: second });
      const list = of(l, 'soa-multiple-in-force');
      assert.deepEqual(list.map(f => f.file), [other, SOA]);
      includes(list[0], `Another Statement of Applicability is in force: ${SOA} (statement-of-applicability).`);
      includes(list[1], `${other} (soa-2025)`);
      assert.deepEqual(list[1].related!.map(r => r.file), [other]);
      at(list[1], SOA, 2, 7);
      const retired = workspace({ [SOA]: soa(allEntries()), [other]: second.replace('status: approved', 'status: retired') });
      assert.equal(of(retired, 'soa-multiple-in-force').length, 0);
    });
  });

  describe('soa-implemented-without-evidence', () => {
    it('reports an implemented control with no evidence, at its evidence key', () => {
      const entries = allEntries();
      const k = indexOf('A.2.2');
      entries[k] = { id: 'A.2.2', status: 'implemented' };
      entries[indexOf('A.2.3')] = { id: 'A.2.3', status: 'implemented', evidence: ['credit-risk'] };
      entries[indexOf('A.2.4')] = { id: 'A.2.4', status: 'implemented', applicable: false };
      const l = workspace({ ...core(), [SOA]: soa(entries) });
      const f = one(l, 'soa-implemented-without-evidence');
      at(f, SOA, entryLine(k, 4), 5);
      assert.deepEqual(f.controls, ['A.2.2']);
      includes(f, 'A.2.2 is marked implemented but lists no evidence.');
      assert.deepEqual(f.suggestions, [{ title: 'Set the status of A.2.2 to partial', ops: [{ op: 'set', path: ['controls', k, 'status'], value: 'partial' }] }]);
    });
  });

  describe('soa-expected-control-excluded', () => {
    const excluding = (id: string): string => {
      const entries = allEntries();
      entries[indexOf(id)] = { id, applicable: false };
      return soa(entries);
    };

    it('warns when the configured roles expect an excluded control, naming the roles', () => {
      const l = workspace({ [SOA]: excluding('A.7.5') }, { roles: ['ai_producer', 'ai_customer', 'ai_partner'] });
      const f = one(l, 'soa-expected-control-excluded');
      at(f, SOA, entryLine(indexOf('A.7.5'), 1), 17);
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.controls, ['A.7.5']);
      includes(f, 'A.7.5 is excluded, but it is expected for an organization in the roles AI producer, AI partner (config roles).');
    });

    it('is silent without roles or when no role expects the control', () => {
      assert.equal(of(workspace({ [SOA]: excluding('A.7.5') }), 'soa-expected-control-excluded').length, 0);
      assert.equal(of(workspace({ [SOA]: excluding('A.7.5') }, { roles: ['ai_customer'] }), 'soa-expected-control-excluded').length, 0);
    });
  });

  describe('soa-not-applicable-with-status', () => {
    it('warns about an excluded control that is implemented or partial', () => {
      const entries = allEntries();
      const k = indexOf('A.8.5');
      entries[k] = { id: 'A.8.5', applicable: false, status: 'implemented' };
      entries[indexOf('A.8.4')] = { id: 'A.8.4', applicable: false, status: 'not-started' };
      const l = workspace({ [SOA]: soa(entries) });
      const f = one(l, 'soa-not-applicable-with-status');
      at(f, SOA, entryLine(k, 3), 13);
      assert.equal(f.severity, 'warning');
      includes(f, 'A.8.5 is excluded (applicable: false) but its status is implemented.');
      assert.deepEqual(f.suggestions!.map(s => s.ops), [
        [{ op: 'set', path: ['controls', k, 'applicable'], value: true }],
        [{ op: 'set', path: ['controls', k, 'status'], value: 'not-started' }],
      ]);
    });
  });
});
