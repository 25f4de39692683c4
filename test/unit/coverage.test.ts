// Coverage as an auditor would try it: small crafted workspaces, one per way coverage used to overstate
// what is in place (issue "Coverage an auditor can trust"), each asserting the state of the controls concerned.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { CONTROL_IDS } from '../../src/core/catalogue';
import { computeCoverage, EVIDENCE_PROFILES, makePathKind, profileOf, type ControlCoverage, type CoverageReport, type PathKind } from '../../src/core/coverage';
import { soaCsv, soaHtml, soaMarkdown } from '../../src/core/export';
import { Linter } from '../../src/core/linter';
import type { Finding } from '../../src/core/model';
import { openProject } from '../../src/core/project';
import { coverageMarkdown, coverageTable } from '../../src/cli/formatters/coverage';

const TODAY = '2026-11-22';
const env = { apiVersion: 'aims/v1', owner: 'Ada Park, AI Governance Lead', reviewed: '2026-11-01', review_by: '2027-11-01' };

function card(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...env, kind: 'ModelCard', id, title: `System ${id}`, status: 'approved', version: '1.0.0',
    intended_use: 'Ranks incoming support tickets by urgency for the support team.',
    out_of_scope_uses: ['Any decision about a person.'], limitations: ['Works on English text only.'],
    rationale: 'Tickets wait too long; the team asked for triage help.', model_type: 'Gradient-boosted trees', ml_approach: 'supervised',
    datasets: ['tickets'],
    evaluation: { metrics: [{ name: 'AUC', value: 0.8, dataset: 'tickets' }], release_criteria: ['AUC at least 0.75 on the holdout.'] },
    deployment: { environment: 'production, EU region', approved_by: 'Ada Park', approved_on: '2026-10-01', release_criteria_met: true },
    monitoring: { metrics: ['weekly AUC above 0.7'] }, logging: { events: ['every scored ticket'], retention: '13 months for audit.' },
    human_oversight: 'Agents can re-rank any ticket; a lead reviews the queue daily.', impact_assessment: `${id}-ia`,
    tooling: ['scikit-learn 1.5'], compute: { training: 'one CPU node', inference: 'shared service', location: 'cloud' },
    security_threats: ['data poisoning through crafted tickets'], user_information: { documentation: 'docs/user-guide.md' },
    external_reporting: 'support@example.com',
    ...over,
  };
}

function dataset(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...env, kind: 'DataProvenance', id, title: `Dataset ${id}`, status: 'approved',
    source: { name: 'Helpdesk export', supplier: 'internal' }, license: 'Internal data, register entry 12.',
    acquisition: { method: 'internal', date: '2026-01-10' }, contains_personal_data: false,
    categories: ['customer content'], ml_use: ['training'], labelling: 'Labelled by two support leads.',
    quality: { requirements: 'No duplicate tickets; labels agree in 95 % of a sample.', results: [{ dimension: 'label agreement', value: 0.96 }] },
    preparation: ['deduplicate', 'strip signatures'], lineage: [{ event: 'created', date: '2026-01-10', by: 'data team' }],
    retention: 'Deleted 24 months after export.', known_bias: ['Few tickets in languages other than English.'],
    ...over,
  };
}

function assessment(id: string, system: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...env, kind: 'ImpactAssessment', id, title: `Impact of ${system}`, status: 'approved', system,
    assessed_on: '2026-09-01', assessor: 'Ada Park', intended_use: 'Triage of support tickets.', foreseeable_misuse: ['Ranking staff by ticket outcomes.'],
    affected_groups: [{ name: 'customers', vulnerable: false }],
    impacts: [
      { scope: 'individual', area: 'fairness', description: 'Non-English tickets may wait longer.', effect: 'negative', likelihood: 'possible', severity: 'minor', mitigation: 'Language check routes them to a person.' },
      { scope: 'society', area: 'employment', description: 'Frees agent time for complex cases.', effect: 'positive', likelihood: 'likely', severity: 'minor' },
    ],
    predictable_failures: [{ failure: 'A critical ticket ranked low.', effect: 'Late answer.', mitigation: 'Keyword override.' }],
    human_oversight: 'Agents see the rank and may change it.', employment_effects: 'No job losses; agents spend less time sorting.',
    retention_period: 'Ten years after the system is retired.',
    ...over,
  };
}

const JUSTIFY = 'Our support triage system needs this control for its customers.';
type Entry = { id: string; applicable?: boolean; status?: string; evidence?: string[]; justification?: string; title?: string };

/** The evidence an entry cites by default: the document for organization controls, the records otherwise. */
function defaultEvidence(id: string): string[] {
  const scope = profileOf(id)?.scope ?? 'organization';
  if (scope === 'organization') return ['docs/policy.md'];
  if (scope === 'dataset') return ['tickets'];
  return id.startsWith('A.5.') ? ['triage-ia'] : ['triage'];
}

function soa(over: Record<string, unknown> = {}, entries?: Entry[]): Record<string, unknown> {
  const list: Entry[] = entries ?? CONTROL_IDS.map(id => ({ id }));
  return {
    ...env, kind: 'Applicability', id: 'soa', title: 'Statement of Applicability', status: 'approved', scope: 'Support triage AI.',
    controls: list.map(e => ({ id: e.id, ...(e.title ? { title: e.title } : {}), applicable: e.applicable ?? true, justification: e.justification ?? JUSTIFY, status: e.status ?? 'implemented', owner: 'Ada Park', evidence: e.evidence ?? defaultEvidence(e.id) })),
    ...over,
  };
}

const y = (o: Record<string, unknown>): string => YAML.stringify(o);

interface Ws { linter: Linter; report: CoverageReport; findings: Map<string, Finding[]> }

/** A workspace in memory; `paths` are the repository paths that exist, with their kind (default: docs/policy.md is a file). */
function ws(files: Record<string, Record<string, unknown>>, paths: Record<string, PathKind> = { 'docs/policy.md': 'file' }, prefix?: string): Ws {
  const linter = new Linter({ today: TODAY, pathExists: p => p in paths, pathKind: p => paths[p] ?? 'missing', orgControlPrefix: prefix });
  for (const [f, o] of Object.entries(files)) linter.setFile(f, y(o));
  const findings = linter.allFindings();
  return { linter, findings, report: computeCoverage(linter, findings) };
}

const healthy = (): Record<string, Record<string, unknown>> => ({
  'aims/models/triage.yaml': card('triage'),
  'aims/data/tickets.yaml': dataset('tickets'),
  'aims/assessments/triage-ia.yaml': assessment('triage-ia', 'triage'),
  'aims/statement-of-applicability.yaml': soa(),
});

const ctl = (r: CoverageReport, id: string): ControlCoverage => r.controls.find(c => c.id === id)!;
const errorsOf = (w: Ws): Finding[] => [...w.findings.values()].flat().filter(f => f.severity === 'error');

describe('coverage an auditor can trust', () => {
  it('every one of the 38 controls has exactly one evidence profile, with something that can evidence it', () => {
    assert.deepEqual(EVIDENCE_PROFILES.map(p => p.control), [...CONTROL_IDS]);
    for (const p of EVIDENCE_PROFILES) {
      assert.ok(p.documents || p.records.length > 0, `${p.control} has no way to be evidenced`);
      assert.ok(p.what.length > 20, p.control);
      if (p.scope !== 'organization') assert.ok(p.records.every(r => r.fields.length > 0), `${p.control}: a per-system alternative checks fields`);
    }
  });

  it('the healthy baseline is clean and covers all 38 controls, with every system and dataset met', () => {
    const w = ws(healthy());
    assert.deepEqual(errorsOf(w).map(f => `${f.file} ${f.ruleId} ${f.message}`), []);
    assert.equal(w.report.counts.covered, 38, w.report.controls.filter(c => c.state !== 'covered').map(c => `${c.id}: ${c.reason}`).join('\n'));
    assert.deepEqual(w.report.systems.map(s => s.id), ['triage']);
    assert.ok(Object.values(w.report.systems[0].controls).every(c => c.state === 'met'));
    assert.deepEqual(w.report.datasets.map(d => [d.id, d.usedBy]), [['tickets', ['triage']]]);
    assert.equal(w.report.matrixControls.length, EVIDENCE_PROFILES.filter(p => p.scope !== 'organization').length);
  });

  it('one DataProvenance record cited as the evidence of all 38 controls covers none of them', () => {
    const w = ws({ 'aims/data/tickets.yaml': dataset('tickets'), 'aims/statement-of-applicability.yaml': soa({}, CONTROL_IDS.map(id => ({ id, evidence: ['tickets'] }))) });
    assert.equal(w.report.counts.covered, 0);
    const policy = ctl(w.report, 'A.2.2');
    assert.equal(policy.state, 'partial');
    assert.equal(policy.evidence[0].counts, false);
    assert.match(policy.evidence[0].note!, /a DataProvenance is not evidence of A\.2\.2/);
    assert.match(ctl(w.report, 'A.6.2.8').reason, /no in-scope AI system/);
    // data-level controls are not met either: no system uses the dataset
    assert.match(ctl(w.report, 'A.7.5').reason, /no in-scope AI system/);
  });

  for (const [value, kind, why] of [
    ['.', 'root', /repository root/], ['aims', 'folder', /a folder/], ['docs/empty.md', 'empty', /an empty file/],
    ['docs/link-to-etc', 'outside', /outside the repository/],
  ] as const) {
    it(`evidence '${value}' (${kind}) does not cover a control, and is reported`, () => {
      const entries = CONTROL_IDS.map(id => (id === 'A.2.2' ? { id, evidence: [value] } : { id }));
      const w = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, entries) }, { 'docs/policy.md': 'file', [value]: kind });
      const c = ctl(w.report, 'A.2.2');
      assert.equal(c.state, 'partial');
      assert.match(c.reason, why);
      const f = errorsOf(w).find(x => x.ruleId === 'dangling-reference');
      assert.ok(f, 'dangling-reference reports it');
      assert.match(f!.message, why);
      assert.deepEqual(f!.controls, ['A.2.2']);
    });
  }

  it('on disk: only a non-empty regular file inside the repository is a document (folders, the root, empty files and symlinks out are not)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-cov-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-out-'));
    try {
      fs.mkdirSync(path.join(root, 'docs'));
      fs.writeFileSync(path.join(root, 'docs/policy.md'), '# Policy\n');
      fs.writeFileSync(path.join(root, 'docs/empty.md'), '');
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'x');
      fs.symlinkSync(outside, path.join(root, 'docs/out'));
      fs.symlinkSync(path.join(root, 'docs/policy.md'), path.join(root, 'docs/policy-link.md'));
      const kind = makePathKind(root);
      assert.equal(kind('docs/policy.md'), 'file');
      assert.equal(kind('docs/policy-link.md'), 'file', 'a symlink that stays inside counts');
      assert.equal(kind('docs/empty.md'), 'empty');
      assert.equal(kind('docs'), 'folder');
      assert.equal(kind(''), 'root');
      assert.equal(kind('docs/..'), 'root');
      assert.equal(kind('docs/out'), 'outside');
      assert.equal(kind('docs/out/secret.txt'), 'outside');
      assert.equal(kind('../x'), 'outside');
      assert.equal(kind('docs/nope.md'), 'missing');
      // the same through a project opened from disk
      fs.mkdirSync(path.join(root, 'aims'));
      const entries = CONTROL_IDS.map(id => ({ id, evidence: id === 'A.2.2' ? ['docs/out/secret.txt'] : id === 'A.2.3' ? ['docs/policy-link.md'] : defaultEvidence(id) }));
      for (const [f, o] of Object.entries({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, entries) })) {
        fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
        fs.writeFileSync(path.join(root, f), y(o));
      }
      const p = openProject(root, { today: TODAY });
      const r = computeCoverage(p.linter);
      assert.equal(ctl(r, 'A.2.2').state, 'partial');
      assert.equal(ctl(r, 'A.2.3').state, 'covered');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a URL counts as declared, not checked, and says so in the report and every export', () => {
    const url = 'https://unreachable.invalid/policy';
    const entries = CONTROL_IDS.map(id => (id === 'A.2.2' ? { id, evidence: [url] } : { id }));
    const w = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, entries) });
    const c = ctl(w.report, 'A.2.2');
    assert.equal(c.state, 'covered');
    assert.match(c.reason, /declared by URL, not checked/);
    assert.equal(c.evidence[0].note, 'declared, not checked');
    for (const text of [soaMarkdown(w.report), soaCsv(w.report), soaHtml(w.report), coverageMarkdown(w.report)]) assert.ok(text.includes('declared, not checked'));
  });

  it('a record with error-level findings does not count, whether cited by id, by path or through its own controls', () => {
    const broken = card('triage', { limitations: '' }); // required-field error
    for (const cite of ['triage', 'aims/models/triage.yaml', './aims/models/triage.yaml']) {
      const entries = CONTROL_IDS.map(id => (id === 'A.6.2.7' ? { id, evidence: [cite] } : { id }));
      const w = ws({ ...healthy(), 'aims/models/triage.yaml': broken, 'aims/statement-of-applicability.yaml': soa({}, entries) });
      const c = ctl(w.report, 'A.6.2.7');
      assert.equal(c.state, 'partial', cite);
      assert.match(c.reason, /0 of 1 in-scope system: triage has \d+ errors? \(required-field\), has no limitations/, cite);
      assert.ok(c.evidence.some(e => e.file === 'aims/models/triage.yaml' && !e.counts), cite);
      assert.ok(c.findings.error > 0, 'the error sits in its evidence');
    }
    // an organization control cited by a record's own controls list: kind not accepted, and unhealthy
    const w = ws({ ...healthy(), 'aims/data/tickets.yaml': dataset('tickets', { status: 'draft', controls: ['A.2.2'] }) });
    const item = ctl(w.report, 'A.2.2').evidence.find(e => e.source === 'record')!;
    assert.equal(item.counts, false);
  });

  it('a draft SoA puts nothing in covered and says why; so does one past its review date', () => {
    for (const [over, why] of [[{ status: 'draft' }, /is draft, not approved/], [{ review_by: '2026-01-01' }, /past its review date \(2026-01-01\)/]] as const) {
      const w = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa(over) });
      assert.equal(w.report.counts.covered, 0);
      assert.match(w.report.soaNote!, why);
      assert.equal(ctl(w.report, 'A.2.2').state, 'partial');
      assert.match(ctl(w.report, 'A.2.2').reason, why);
      assert.match(coverageTable(w.report, false), why);
      assert.match(soaMarkdown(w.report), why);
    }
  });

  it('retired evidence and evidence past its review_by do not count', () => {
    const retired = ws({ ...healthy(), 'aims/data/tickets.yaml': dataset('tickets', { status: 'retired' }) });
    assert.equal(ctl(retired.report, 'A.7.5').state, 'partial');
    assert.match(ctl(retired.report, 'A.7.5').reason, /tickets is retired/);
    const stale = ws({ ...healthy(), 'aims/assessments/triage-ia.yaml': assessment('triage-ia', 'triage', { review_by: '2026-06-30' }) });
    assert.equal(ctl(stale.report, 'A.5.3').state, 'partial');
    assert.match(ctl(stale.report, 'A.5.3').reason, /triage: triage-ia is past its review date \(2026-06-30\)/);
    // a retired ModelCard is out of scope: not a gap
    const out = ws({ ...healthy(), 'aims/models/old.yaml': card('old', { status: 'retired', evaluation: { metrics: [], release_criteria: [] } }) });
    assert.deepEqual(out.report.systems.map(s => s.id), ['triage']);
    assert.equal(ctl(out.report, 'A.6.2.4').state, 'covered');
  });

  it('two Applicability records in force: an error on both files naming each other, and no control covered', () => {
    const w = ws({ ...healthy(), 'aims/soa-2025.yaml': soa({ id: 'soa-2025' }) });
    const list = [...w.findings.values()].flat().filter(f => f.ruleId === 'soa-multiple-in-force');
    assert.deepEqual(list.map(f => f.file).sort(), ['aims/soa-2025.yaml', 'aims/statement-of-applicability.yaml']);
    assert.ok(list.find(f => f.file === 'aims/soa-2025.yaml')!.message.includes('aims/statement-of-applicability.yaml'));
    assert.ok(list.find(f => f.file === 'aims/statement-of-applicability.yaml')!.message.includes('aims/soa-2025.yaml'));
    assert.equal(w.report.counts.covered, 0);
    assert.equal(w.report.soaFile, undefined);
    assert.match(w.report.soaNote!, /2 Statements of Applicability are in force/);
    // a retired one is not in force
    const ok = ws({ ...healthy(), 'aims/soa-2025.yaml': soa({ id: 'soa-2025', status: 'retired' }) });
    assert.equal(ok.report.counts.covered, 38);
  });

  it('a covered control never shows findings in its evidence; findings elsewhere are worded as not counted', () => {
    // a second, draft dataset that nothing uses, with an error mapped to A.7.3
    const w = ws({ ...healthy(), 'aims/data/spare.yaml': dataset('spare', { license: 'TBD' }) });
    const c = ctl(w.report, 'A.7.3');
    assert.equal(c.state, 'covered');
    assert.equal(c.findings.error, 0);
    assert.ok(c.otherFindings.error > 0);
    assert.match(coverageTable(w.report, false), /A\.7\.3 .*covered .*1 error(, \d+ info)? elsewhere, not counted/);
    for (const r of w.report.controls) if (r.state === 'covered') assert.equal(r.findings.error, 0, r.id);
  });

  it('per system: a system lacking evaluation.metrics makes A.6.2.4 partial, naming it, and its matrix cell a gap', () => {
    const files = {
      ...healthy(),
      'aims/models/router.yaml': card('router', { evaluation: { release_criteria: ['AUC at least 0.7'] }, impact_assessment: 'router-ia' }),
      'aims/assessments/router-ia.yaml': assessment('router-ia', 'router'),
      'aims/models/summarizer.yaml': card('summarizer', { impact_assessment: 'summarizer-ia' }),
      'aims/assessments/summarizer-ia.yaml': assessment('summarizer-ia', 'summarizer'),
    };
    const w = ws(files);
    const c = ctl(w.report, 'A.6.2.4');
    assert.equal(c.state, 'partial');
    assert.match(c.reason, /2 of 3 in-scope systems: router has 1 error \(required-field\), has no evaluation\.metrics/);
    const router = w.report.systems.find(s => s.id === 'router')!;
    assert.deepEqual(router.controls['A.6.2.4'], { state: 'gap', missing: ['has 1 error (required-field)', 'has no evaluation.metrics'], file: 'aims/models/router.yaml' });
    assert.equal(w.report.systems.find(s => s.id === 'triage')!.controls['A.6.2.4'].state, 'met');
    // the exports carry the matrix
    assert.match(soaMarkdown(w.report), /## AI systems × controls[\s\S]*\| router \|[\s\S]*- router · A\.6\.2\.4: has 1 error \(required-field\); has no evaluation\.metrics/);
    const csv = soaCsv(w.report).split('\r\n');
    assert.ok(csv[0].endsWith(',system: router,system: summarizer,system: triage'), csv[0]);
    assert.ok(csv.find(l => l.startsWith('A.6.2.4,'))!.endsWith(',gap: has 1 error (required-field); has no evaluation.metrics,met,met'));
    assert.ok(csv.find(l => l.startsWith('A.2.2,'))!.endsWith(',,,'), 'organization controls have no system cells');
    assert.match(soaHtml(w.report), /<td class="cell gap" title="has 1 error \(required-field\); has no evaluation\.metrics">✗ gap<\/td>/);
  });

  it('per dataset: lineage must start with created; a dataset with no record is a gap for the system that uses it', () => {
    const w = ws({ ...healthy(), 'aims/data/tickets.yaml': dataset('tickets', { lineage: [{ event: 'updated', date: '2026-02-01', by: 'x' }] }) });
    assert.equal(ctl(w.report, 'A.7.5').state, 'partial');
    assert.match(ctl(w.report, 'A.7.5').reason, /0 of 1 dataset used by in-scope systems: tickets has 1 error \(lineage-created-event\), has no lineage\.0\.event = created/);
    const m = ws({ ...healthy(), 'aims/models/triage.yaml': card('triage', { datasets: ['tickets', 'ghost'] }) });
    assert.match(ctl(m.report, 'A.7.4').reason, /ghost has no DataProvenance record/);
    assert.deepEqual(m.report.systems[0].controls['A.7.4'], { state: 'gap', missing: ['ghost has no DataProvenance record'], file: 'aims/models/triage.yaml' });
  });

  it('A.5.3 needs an approved ImpactAssessment naming the system; A.5.5 one impact at society scope', () => {
    const none = ws({ ...healthy(), 'aims/assessments/triage-ia.yaml': assessment('triage-ia', 'other-system') });
    assert.match(ctl(none.report, 'A.5.3').reason, /triage has no ImpactAssessment naming it/);
    const noSociety = ws({ ...healthy(), 'aims/assessments/triage-ia.yaml': assessment('triage-ia', 'triage', { impacts: [(assessment('x', 'y').impacts as unknown[])[0]] }) });
    assert.equal(ctl(noSociety.report, 'A.5.3').state, 'covered');
    assert.match(ctl(noSociety.report, 'A.5.5').reason, /triage-ia has no impacts\.\*\.scope = society/);
  });

  it('an implemented entry whose profile evidence is missing is partial, with the reason', () => {
    const w = ws({ 'aims/statement-of-applicability.yaml': soa(), 'aims/data/tickets.yaml': dataset('tickets') }, {});
    const c = ctl(w.report, 'A.2.2');
    assert.equal(c.state, 'partial');
    assert.match(c.reason, /no evidence that counts: it needs a document/);
    assert.match(c.reason, /docs\/policy\.md \(does not resolve\)/);
  });

  it('organization-defined controls are accepted, listed separately and evaluated; the prefix is configurable', () => {
    const entries: Entry[] = [...CONTROL_IDS.map(id => ({ id })), { id: 'ORG-model-registry', title: 'Model registry', evidence: ['docs/policy.md'] }];
    const w = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, entries) });
    assert.deepEqual(errorsOf(w).map(f => f.ruleId), []);
    assert.equal(w.report.total, 38);
    assert.deepEqual(w.report.orgControls.map(c => [c.id, c.title, c.state]), [['ORG-model-registry', 'Model registry', 'covered']]);
    assert.match(soaMarkdown(w.report), /## Organization-defined controls[\s\S]*ORG-model-registry/);
    // with another prefix, ORG- ids are unknown controls, and ACME- ones are accepted
    const other = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, entries) }, { 'docs/policy.md': 'file' }, 'ACME-');
    assert.ok(errorsOf(other).some(f => f.ruleId === 'unknown-control'));
    const acme = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, [...CONTROL_IDS.map(id => ({ id })), { id: 'ACME-1' }]) }, { 'docs/policy.md': 'file' }, 'ACME-');
    assert.deepEqual(errorsOf(acme).map(f => f.ruleId), []);
    assert.deepEqual(acme.report.orgControls.map(c => c.id), ['ACME-1']);
  });

  it('inclusion justifications are checked like exclusion justifications', () => {
    const entries = CONTROL_IDS.map(id => (id === 'A.7.4' ? { id, justification: 'TBD' } : id === 'A.7.6' ? { id, justification: 'needed' } : { id }));
    const w = ws({ ...healthy(), 'aims/statement-of-applicability.yaml': soa({}, entries) });
    const list = [...w.findings.values()].flat().filter(f => f.ruleId === 'soa-inclusion-justification');
    assert.deepEqual(list.map(f => f.controls[0]), ['A.7.4', 'A.7.6']);
    assert.match(list[0].message, /A\.7\.4 is applicable with the placeholder 'TBD'/);
    assert.equal(ctl(w.report, 'A.7.4').state, 'partial');
    assert.match(ctl(w.report, 'A.7.4').reason, /the SoA entry has errors/);
    assert.ok(!list.some(f => f.ruleId === 'placeholder-text'));
  });

  it('the CLI table, the Markdown report and the exports agree on every state', () => {
    const w = ws({ ...healthy(), 'aims/models/router.yaml': card('router', { logging: { events: [] } }) });
    const table = coverageTable(w.report, false);
    const csv = soaCsv(w.report, { eol: '\n' }).split('\n');
    for (const c of w.report.controls) {
      assert.match(table, new RegExp(`  ${c.id.replace(/\./g, '\\.')} .* ${c.state} `), c.id);
      assert.ok(csv.some(l => l.startsWith(`${c.id},`) && l.split(',').includes(c.state)), c.id);
    }
    assert.match(coverageMarkdown(w.report), /\| A\.6\.2\.8 \| [^|]+ \| partial \|/);
  });
});
