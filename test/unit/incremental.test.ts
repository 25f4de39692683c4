// Incremental linting: in a workspace of a few hundred records, changing one file re-parses that file
// only (counted at the parser, not timed), and the cross-record findings follow the change: renaming
// a dataset's id leaves the model card that names it with a dangling reference, renaming it back or
// deleting files updates them too, and the incremental state always equals a fresh lint. Also: a
// workspace read and analyzed on worker threads (the CLI's path for large workspaces) lints the same.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Linter } from '../../src/core/linter';
import type { Finding } from '../../src/core/model';
import { parseStats, setParseListener } from '../../src/core/parse';
import { parallelAnalyzer } from '../../src/core/pool';
import { openProject } from '../../src/core/project';

const TODAY = '2026-11-22';
const DATASETS = 150, MODELS = 100;

const head = (kind: string, id: string, title: string): string =>
  `apiVersion: aims/v1\nkind: ${kind}\nid: ${id}\ntitle: ${title}\nowner: team-data\nstatus: approved\nreviewed: 2026-06-01\nreview_by: 2027-06-01\n`;

function dataset(i: number, id = `dataset-${i}`): string {
  return head('DataProvenance', id, `Customer extract ${i}`) +
    `source:\n  name: customer extract\n  uri: s3://corpus/${id}/\n  supplier: internal\nlicense: internal use only\n` +
    'acquisition:\n  method: internal\n  date: 2025-03-14\ncontains_personal_data: true\nlegal_basis: contract (GDPR art. 6(1)(b))\n' +
    'categories:\n  - customer content\nml_use: [training]\nlabelling: Labelled by the credit team from repayment outcomes.\n' +
    'quality:\n  requirements: Complete repayment history for every account.\n  results:\n    - dimension: completeness\n      value: 0.97\n' +
    'preparation:\n  - Removed duplicate accounts.\n' +
    'lineage:\n  - event: created\n    date: 2025-01-10\n    by: data-team\n    note: Extracted from the core banking system.\n' +
    'retention: 24 months after collection\nknown_bias:\n  - Fewer young applicants than in the population.\n' +
    `identifiers:\n  - corpus.dataset_${i}\ndata_subjects: Retail customers who applied for a loan.\nsize: ${100 + i}k rows\n`;
}

function model(i: number): string {
  const a = `dataset-${i}`, b = `dataset-${(i + 1) % DATASETS}`;
  return head('ModelCard', `model-${i}`, `Credit risk scorer ${i}`) + 'version: 1.0.0\n' +
    'intended_use: Scores loan applications for the credit team, who decide.\n' +
    'out_of_scope_uses:\n  - Decisions without human review.\nlimitations:\n  - Unreliable for applicants without credit history.\n' +
    'rationale: Gradient-boosted trees are accurate and explainable for tabular data.\nmodel_type: gradient-boosted trees\nml_approach: supervised\n' +
    `datasets:\n  - ${a}\n  - ${b}\n` +
    `evaluation:\n  metrics:\n    - name: AUC\n      value: 0.81\n      dataset: ${a}\n  release_criteria:\n    - AUC at least 0.78 on the holdout.\n` +
    '  test_data_representativeness: The holdout is a random 20% sample of recent applications.\n' +
    'deployment:\n  environment: Production cluster in the EU region.\n  approved_by: model-risk-board\n  approved_on: 2025-06-01\n  release_criteria_met: true\n' +
    'monitoring:\n  metrics:\n    - Weekly AUC on labelled outcomes.\n  drift: Population stability index per feature, weekly.\n' +
    '  retraining_triggers:\n    - PSI above 0.2 on any top-10 feature.\n  support_channel: credit-support\n' +
    'logging:\n  events:\n    - Every score with its inputs.\n  retention: 12 months\n' +
    `human_oversight: A credit officer reviews every declined application.\nimpact_assessment: ia-${i}\n` +
    'tooling:\n  - xgboost\ncompute:\n  training: one GPU node\n  inference: two CPU pods\n  location: cloud\n' +
    'security_threats:\n  - Data poisoning through forged applications.\n' +
    `user_information:\n  documentation: docs/model-${i}.md\n  ai_interaction_notice: true\n  contact: credit@example.com\nexternal_reporting: ai-office@example.com\n`;
}

function assessment(i: number): string {
  return head('ImpactAssessment', `ia-${i}`, `Impact of model ${i}`) +
    `system: model-${i}\nassessed_on: 2025-05-20\nassessor: ai-office\nintended_use: Scores loan applications for the credit team.\n` +
    'foreseeable_misuse:\n  - Using the score to set prices.\n' +
    'affected_groups:\n  - name: applicants\n    vulnerable: false\n' +
    'impacts:\n  - scope: individual\n    area: fairness\n    description: Applicants with short credit histories may be declined more often.\n' +
    '    effect: negative\n    likelihood: possible\n    severity: moderate\n    mitigation: Officers review declines of thin-file applicants.\n' +
    'predictable_failures:\n  - failure: Score drift after a rate change.\n    effect: More declines.\n    mitigation: Weekly drift monitoring.\n' +
    'human_oversight: A credit officer reviews every declined application.\nemployment_effects: None; officers keep the decision.\n' +
    'retention_period: 10 years\nsystem_complexity: One model, tabular inputs.\nexperts_consulted:\n  - legal team\n';
}

const dataFile = (i: number): string => `aims/data/dataset-${i}.yaml`;
const modelFile = (i: number): string => `aims/models/model-${i}.yaml`;
const iaFile = (i: number): string => `aims/assessments/ia-${i}.yaml`;

function files(): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < DATASETS; i++) m.set(dataFile(i), dataset(i));
  for (let i = 0; i < MODELS; i++) { m.set(modelFile(i), model(i)); m.set(iaFile(i), assessment(i)); }
  return m;
}

function build(texts: Map<string, string>): Linter {
  const l = new Linter({ today: TODAY });
  for (const [f, t] of texts) l.setFile(f, t);
  return l;
}

/** Every finding, as comparable text. */
function snapshot(l: Linter): string[] {
  const out: string[] = [];
  for (const [file, list] of l.allFindings()) {
    for (const f of list) out.push(`${file}:${f.range!.start.line}:${f.range!.start.column} ${f.ruleId} ${f.message}`);
  }
  return out.sort();
}

const of = (l: Linter, file: string, ruleId: string): Finding[] => l.findingsFor(file).filter(f => f.ruleId === ruleId);

/** The files parseRecord was called for while `fn` ran. */
function parsedDuring(fn: () => void): string[] {
  const seen: string[] = [];
  setParseListener(f => seen.push(f));
  try { fn(); } finally { setParseListener(undefined); }
  return seen;
}

describe('incremental linting of a large workspace', () => {
  const texts = files();
  let l: Linter;
  let clean: string[];

  beforeEach(() => {
    l = build(texts);
    clean = snapshot(l);
  });
  afterEach(() => setParseListener(undefined));

  it('starts clean: every reference resolves', () => {
    assert.equal(l.fileNames().length, DATASETS + 2 * MODELS);
    assert.deepEqual(clean, [], 'the generated records have no findings');
  });

  it('parses each file once when the workspace is built, and not again when findings are read', () => {
    const all = new Map(texts);
    let fresh!: Linter;
    const first = parsedDuring(() => { fresh = build(all); });
    assert.equal(first.length, all.size);
    assert.deepEqual(new Set(first), new Set(all.keys()));
    const again = parsedDuring(() => { snapshot(fresh); snapshot(fresh); });
    assert.deepEqual(again, []);
  });

  it('a fork is a scratch copy: what is set on it does not reach the original, and nothing is re-parsed to make it', () => {
    assert.deepEqual(parsedDuring(() => { snapshot(l.fork()); }), [], 'forking and reading its findings parses no record');
    const fork = l.fork();
    assert.equal(fork.setFile(dataFile(42), dataset(42, 'dataset-42-renamed')), true);
    assert.equal(of(fork, modelFile(42), 'dangling-reference').length, 2, 'the fork sees its own change');
    assert.deepEqual(snapshot(l), clean, 'the original does not');
    assert.equal(l.text(dataFile(42)), texts.get(dataFile(42)));
    fork.deleteFile(dataFile(7));
    assert.ok(l.has(dataFile(7)));
  });

  it('setting a file to the text it has already re-parses nothing', () => {
    const parsed = parsedDuring(() => {
      assert.equal(l.setFile(dataFile(7), texts.get(dataFile(7))!), false);
      snapshot(l);
    });
    assert.deepEqual(parsed, []);
  });

  it('renaming a dataset id re-parses only that file and leaves the referencing model card dangling; renaming back clears it', () => {
    const locatorsBefore = parseStats.locators;
    // dataset-42 is named by model-42 (datasets[0] and its metric) and model-41 (datasets[1])
    let parsed = parsedDuring(() => { assert.equal(l.setFile(dataFile(42), dataset(42, 'dataset-42-renamed')), true); });
    assert.deepEqual(parsed, [dataFile(42)]);

    parsed = parsedDuring(() => {
      const d42 = of(l, modelFile(42), 'dangling-reference');
      assert.deepEqual(d42.map(f => f.path.join('.')).sort(), ['datasets.0', 'evaluation.metrics.0.dataset']);
      assert.match(d42[0].message, /'dataset-42' .* names no record/);
      assert.ok(d42.every(f => f.range && f.range.start.line > 1), 'located at the reference');
      const d41 = of(l, modelFile(41), 'dangling-reference');
      assert.deepEqual(d41.map(f => f.path.join('.')), ['datasets.1']);
      // nothing else changed
      assert.equal(snapshot(l).length, 3);
    });
    assert.deepEqual(parsed, [], 'reading the updated cross-record findings parses no record');
    // positions of the two model cards that now have findings are read off their lines: no second parse
    assert.equal(parseStats.locators - locatorsBefore, 0, `${parseStats.locators - locatorsBefore} position trees built`);

    parsed = parsedDuring(() => { l.setFile(dataFile(42), texts.get(dataFile(42))!); });
    assert.deepEqual(parsed, [dataFile(42)]);
    assert.deepEqual(of(l, modelFile(42), 'dangling-reference'), []);
    assert.deepEqual(snapshot(l), clean);
  });

  it('a change to a model card re-parses only the card; its own and cross-record findings follow', () => {
    const broken = model(5).replace('impact_assessment: ia-5', 'impact_assessment: ia-6');
    const parsed = parsedDuring(() => { l.setFile(modelFile(5), broken); });
    assert.deepEqual(parsed, [modelFile(5)]);
    const mismatch = of(l, modelFile(5), 'impact-assessment-mismatch');
    assert.equal(mismatch.length, 1);
    assert.match(mismatch[0].message, /'ia-6'.*about system 'model-6', not 'model-5'/);
    l.setFile(modelFile(5), model(5));
    assert.deepEqual(snapshot(l), clean);
  });

  it('deleting a file updates the cross-record findings, and restoring it clears them', () => {
    let parsed = parsedDuring(() => { assert.equal(l.deleteFile(dataFile(10)), true); });
    assert.deepEqual(parsed, []);
    parsed = parsedDuring(() => {
      assert.deepEqual(of(l, modelFile(10), 'dangling-reference').map(f => f.path.join('.')).sort(), ['datasets.0', 'evaluation.metrics.0.dataset']);
      assert.deepEqual(of(l, modelFile(9), 'dangling-reference').map(f => f.path.join('.')), ['datasets.1']);
      assert.deepEqual(l.findingsFor(dataFile(10)), [], 'a deleted file has no findings');
    });
    assert.deepEqual(parsed, []);

    // without its impact assessment a model card is not assessed: the reference dangles
    l.deleteFile(iaFile(3));
    const ia = of(l, modelFile(3), 'dangling-reference');
    assert.deepEqual(ia.map(f => f.path.join('.')), ['impact_assessment']);
    assert.equal(of(l, modelFile(3), 'model-without-impact-assessment').length, 1);

    parsed = parsedDuring(() => {
      l.setFile(dataFile(10), texts.get(dataFile(10))!);
      l.setFile(iaFile(3), texts.get(iaFile(3))!);
    });
    assert.deepEqual(parsed, [dataFile(10), iaFile(3)]);
    assert.deepEqual(snapshot(l), clean);
  });

  it('after a series of changes the incremental state equals a fresh lint of the same texts', () => {
    const now = new Map(texts);
    const change = (f: string, t: string | undefined): void => {
      if (t === undefined) { now.delete(f); l.deleteFile(f); } else { now.set(f, t); l.setFile(f, t); }
    };
    change(dataFile(1), dataset(1, 'dataset-one'));
    change(modelFile(2), model(2).replace('human_oversight: A credit officer reviews every declined application.', 'human_oversight: TBD'));
    change(iaFile(7), undefined);
    change(dataFile(20), dataset(20).replace('legal_basis: contract (GDPR art. 6(1)(b))\n', ''));
    change(modelFile(0), model(0).replace('dataset-0', 'datset-0'));
    change('aims/data/extra.yaml', dataset(999, 'dataset-one'));
    const incremental = snapshot(l);
    assert.ok(incremental.length >= 6, incremental.join('\n'));
    assert.ok(incremental.some(s => s.includes('duplicate-id')), 'the duplicate id across two files is found');
    assert.deepEqual(incremental, snapshot(build(now)));
  });
});

describe('reading a workspace on worker threads', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-pool-'));
    const texts = files();
    // some defects, so that findings (own and cross-record) are compared too
    texts.set(modelFile(3), model(3).replace('dataset-3', 'datset-3'));
    texts.set(dataFile(8), dataset(8).replace('    date: 2025-01-10\n', '    date: 2025-02-30\n'));
    texts.set('aims/data/broken.yaml', 'kind: DataProvenance\nid: broken\ntitle: "unclosed\n');
    for (const [f, t] of texts) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), t);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives the same analyses and findings as the main thread alone', function () {
    this.timeout(30_000);
    const alone = openProject(root, { today: TODAY });
    // the workers do all the work (the main thread only collects), so that it is their results that count
    let parallel!: ReturnType<typeof openProject>;
    const onMain = parsedDuring(() => {
      parallel = openProject(root, { today: TODAY, analyze: parallelAnalyzer({ workers: 2, minFilesPerWorker: 1, mainThread: false }) });
    });
    assert.deepEqual(onMain, [], 'no file was parsed on the main thread');
    assert.deepEqual(parallel.linter.fileNames().sort(), alone.linter.fileNames().sort());
    for (const f of alone.files) {
      const a = alone.linter.analysis(f)!, b = parallel.linter.analysis(f)!;
      assert.equal(b.text, a.text, f);
      assert.deepEqual(b.summary, a.summary, f);
    }
    const want = snapshot(alone.linter);
    assert.ok(want.length >= 3, want.join('\n'));
    assert.deepEqual(snapshot(parallel.linter), want);
  });

  it('falls back to the main thread when a worker cannot start', function () {
    this.timeout(30_000);
    const analyze = parallelAnalyzer({ workers: 1, minFilesPerWorker: 1, script: path.join(root, 'no-such-worker.js'), mainThread: false, stallMs: 500 });
    const p = openProject(root, { today: TODAY, analyze });
    assert.equal(p.linter.fileNames().length, p.files.length);
    assert.deepEqual(snapshot(p.linter), snapshot(openProject(root, { today: TODAY }).linter));
  });
});
