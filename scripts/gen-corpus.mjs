#!/usr/bin/env node
// Deterministic synthetic AIMS workspace for benchmarks: N records of the three content kinds plus a
// Statement of Applicability, 0.8–4 KB each. Records reference each other as real ones do (a model
// card names its datasets and its impact assessment, the assessment names its model, the SoA names
// evidence) and every reference resolves, except in the ~10% of records that carry exactly one
// defect: a dangling reference (a typo or a retired id), a placeholder, a missing legal basis, a
// lineage without a created event, or a negative impact without mitigation.
// The findings-heavy profile ('many') is the same workspace as a team has it soon after adopting the
// tool: every record also lacks several fields the Annex B guidance suggests (infos), has a value of
// the wrong type, an invalid date or enum value and a placeholder or unknown key (errors, warnings),
// and about one record in four names a record that does not exist (cross-record errors).
//   node scripts/gen-corpus.mjs <count> <outDir> [few|many]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Changes whenever this generator changes, so that a cached corpus (.bench/) is regenerated. */
export const CORPUS_VERSION = crypto.createHash('sha1').update(fs.readFileSync(new URL(import.meta.url))).digest('hex').slice(0, 12);
const STAMP = '.corpus-version';

/** Whether outDir holds a complete corpus of `count` records made by this version of the generator. */
export function corpusIsCurrent(count, outDir, findings = 'few') {
  try { return fs.readFileSync(path.join(outDir, STAMP), 'utf8') === `${CORPUS_VERSION} ${count} ${findings}\n`; } catch { return false; }
}

function rng(seed) { // mulberry32
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const WORDS = 'data model risk credit score customer fraud ticket triage churn forecast demand claim image text label quality bias drift review audit policy owner team region segment feature pipeline batch stream monitor alert threshold fairness privacy retention consent supplier contract vendor cloud cluster training validation holdout production'.split(' ');

/**
 * The findings-heavy profile's changes to one record (deterministic: `r` is its own generator, so the
 * clean profile's records are the same in both). Line-level edits of the generated text.
 */
function addFindings(kind, t, i, r, counts) {
  const drop = keys => { for (const k of keys) t = t.replace(new RegExp(`^( *)${k}:.*\n`, 'm'), ''); };
  const set = (key, value) => { t = t.replace(new RegExp(`^( *)${key}:.*$`, 'm'), `$1${key}: ${value}`); };
  const dangling = r() < 0.25;
  if (kind === 'ModelCard') {
    drop(['version', 'rationale', 'model_type', 'drift', 'support_channel', 'external_reporting']); // infos
    set('ai_interaction_notice', '"yes"'); // invalid-type
    set('human_oversight', 'TBD'); // placeholder-text
    set('ml_approach', 'deep'); // invalid-enum
    t += 'notes: reviewed in the adoption workshop\n'; // unknown-key
    if (dangling) set('impact_assessment', `ia-${i}-draft`); // cross-record: dangling-reference
  } else if (kind === 'DataProvenance') {
    drop(['labelling', 'size', 'data_subjects', 'uri', 'known_bias:\n(?: +- .*\n)*']); // infos
    set('reviewed', '2026-02-30'); // invalid-date
    set('ml_use', '[training, traning]'); // invalid-enum
    t = t.replace(/^contains_personal_data: .*$/m, 'contains_personal_data: "no"'); // invalid-type
    if (dangling) t += `derived_from:\n  - dataset-${i}-raw\n`;
  } else {
    drop(['employment_effects', 'system_complexity', 'experts_consulted:\n(?: +- .*\n)*']); // infos
    set('retention_period', '10'); // invalid-type (a number)
    t = t.replace(/likelihood: \w+/, 'likelihood: sometimes'); // invalid-enum
    set('human_oversight', 'TODO'); // placeholder-text
    if (dangling) set('system', `model-${i}-retired`); // cross-record: dangling-reference
  }
  counts.mutated++;
  return t;
}

export function generateCorpus(count, outDir, findings = 'few') {
  const r = rng(42 + count);
  const rf = rng(7 + count);
  const pick = a => a[Math.floor(r() * a.length)];
  const words = n => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = n => { const w = words(n); return w[0].toUpperCase() + w.slice(1) + '.'; };
  const date = (y0 = 2025) => `${y0 + Math.floor(r() * 2)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  // 45% data provenance; model cards and impact assessments share the rest, one assessment per model
  const nData = Math.round(count * 0.45), nModel = Math.floor((count - 1 - nData) / 2), nIa = count - 1 - nData - nModel;
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const d of ['data', 'models', 'assessments']) fs.mkdirSync(path.join(outDir, 'aims', d), { recursive: true });
  const stats = { records: count, findings, data: nData, models: nModel, assessments: nIa, defective: 0, defects: {} };
  /** The record's one defect (about 1 record in 10), or undefined. */
  const defectOf = choices => {
    if (r() >= 0.1) return undefined;
    const d = pick(choices);
    stats.defective++;
    stats.defects[d] = (stats.defects[d] ?? 0) + 1;
    return d;
  };
  const kindOf = rel => rel.startsWith('data/') ? 'DataProvenance' : rel.startsWith('models/') ? 'ModelCard' : 'ImpactAssessment';
  const write = (rel, text) => fs.writeFileSync(path.join(outDir, 'aims', rel),
    findings === 'many' && rel.includes('/') ? addFindings(kindOf(rel), text, Number(/-(\d+)\.yaml$/.exec(rel)[1]), rf, stats) : text);
  stats.mutated = 0;
  const head = (kind, id, extra = '') => `apiVersion: aims/v1\nkind: ${kind}\nid: ${id}\ntitle: ${sentence(4).slice(0, -1)}\nowner: team-${pick(WORDS)}\nstatus: ${pick(['draft', 'in-review', 'approved', 'approved'])}\nreviewed: 2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}\nreview_by: 2027-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}\n${extra}`;
  const list = (key, n, f, ind = '') => `${ind}${key}:\n` + Array.from({ length: n }, () => `${ind}  - ${f()}\n`).join('');

  for (let i = 0; i < nData; i++) {
    const id = `dataset-${i}`;
    const defect = defectOf(['no-legal-basis', 'no-created-event']);
    let t = head('DataProvenance', id);
    t += `source:\n  name: ${words(2)}\n  uri: s3://corpus/${id}/\n  supplier: ${pick(['internal', 'Acme Data Ltd', 'OpenGov'])}\n`;
    t += `license: ${pick(['internal use only', 'CC-BY-4.0', 'vendor contract 2024-17'])}\n`;
    t += `acquisition:\n  method: ${pick(['internal', 'purchased', 'licensed', 'open-data'])}\n  date: ${date()}\n`;
    const pii = defect === 'no-legal-basis' || r() < 0.5;
    t += `contains_personal_data: ${pii}\n`;
    if (pii && defect !== 'no-legal-basis') t += `legal_basis: ${pick(['contract (GDPR art. 6(1)(b))', 'legitimate interest (GDPR art. 6(1)(f))'])}\n`;
    t += list('categories', 2, () => pick(['customer content', 'derived data', 'account data']));
    t += `ml_use: [${pick(['training', 'validation', 'test'])}]\n`;
    t += `labelling: ${sentence(10)}\n`;
    t += `quality:\n  requirements: ${sentence(12)}\n  results:\n    - dimension: completeness\n      value: 0.9${Math.floor(r() * 9)}\n`;
    t += list('preparation', 2 + Math.floor(r() * 4), () => sentence(6));
    t += `lineage:\n`;
    const events = 1 + Math.floor(r() * 5);
    for (let e = 0; e < events; e++) t += `  - event: ${e === 0 && defect !== 'no-created-event' ? 'created' : pick(['updated', 'validated', 'transferred'])}\n    date: 2025-0${1 + e}-1${e}\n    by: ${pick(WORDS)}-team\n    note: ${sentence(8)}\n`;
    t += `retention: ${pick(['24 months after collection', '7 years (regulatory)'])}\n`;
    t += list('known_bias', 1 + Math.floor(r() * 2), () => sentence(9));
    t += `identifiers:\n  - corpus.${id.replace(/-/g, '_')}\n`;
    t += `data_subjects: ${sentence(15)}\nsize: ${Math.floor(r() * 900) + 10}k rows\n`;
    write(`data/${id}.yaml`, t);
  }
  for (let i = 0; i < nModel; i++) {
    const id = `model-${i}`;
    const defect = defectOf(['dataset-typo', 'dataset-retired', 'placeholder']);
    const a = Math.floor(r() * nData);
    const ds = [`dataset-${a}`, `dataset-${(a + 1 + Math.floor(r() * (nData - 1))) % nData}`];
    if (defect === 'dataset-typo') ds[1] = ds[1].replace('dataset-', 'datset-'); // did you mean dataset-…?
    if (defect === 'dataset-retired') ds[1] = `legacy-${pick(WORDS)}-extract-${i}`; // no such record
    let t = head('ModelCard', id, `version: 1.${i % 10}.0\n`);
    t += `intended_use: ${sentence(20)}\n`;
    t += list('out_of_scope_uses', 2, () => sentence(7));
    t += list('limitations', 2, () => sentence(10));
    t += `rationale: ${sentence(14)}\nmodel_type: ${pick(['gradient-boosted trees', 'logistic regression', 'fine-tuned transformer'])}\nml_approach: supervised\n`;
    t += `datasets:\n${ds.map(d => `  - ${d}\n`).join('')}`;
    t += `evaluation:\n  metrics:\n    - name: AUC\n      value: 0.8${Math.floor(r() * 9)}\n      dataset: ${ds[0]}\n    - name: recall\n      value: 0.7${Math.floor(r() * 9)}\n      dataset: ${ds[0]}\n      slice: ${words(2)}\n  release_criteria:\n    - ${sentence(8)}\n  test_data_representativeness: ${sentence(12)}\n`;
    t += `deployment:\n  environment: ${sentence(5)}\n  approved_by: ${pick(WORDS)}-board\n  approved_on: ${date()}\n  release_criteria_met: true\n`;
    t += `monitoring:\n  metrics:\n    - ${sentence(6)}\n  drift: ${sentence(10)}\n  retraining_triggers:\n    - ${sentence(6)}\n  support_channel: ${pick(WORDS)}-support\n`;
    t += `logging:\n  events:\n    - ${sentence(6)}\n  retention: 12 months\n`;
    t += `human_oversight: ${defect === 'placeholder' ? 'TBD' : sentence(16)}\nimpact_assessment: ia-${i}\n`;
    t += list('tooling', 2, () => words(2));
    t += `compute:\n  training: ${words(3)}\n  inference: ${words(3)}\n  location: cloud\n`;
    t += list('security_threats', 2, () => sentence(5));
    t += `user_information:\n  documentation: docs/${id}.md\n  ai_interaction_notice: true\n  contact: ${pick(WORDS)}@example.com\nexternal_reporting: ${pick(WORDS)}@example.com\n`;
    write(`models/${id}.yaml`, t);
  }
  for (let i = 0; i < nIa; i++) {
    const id = `ia-${i}`;
    const defect = defectOf(['unmitigated-impact', 'placeholder']);
    let t = head('ImpactAssessment', id);
    t += `system: model-${i % Math.max(1, nModel)}\nassessed_on: ${date()}\nassessor: ${pick(WORDS)}-office\nintended_use: ${sentence(18)}\n`;
    t += list('foreseeable_misuse', 2, () => sentence(8));
    t += `affected_groups:\n  - name: applicants\n    vulnerable: false\n  - name: elderly applicants\n    vulnerable: true\n    note: ${sentence(8)}\n`;
    t += `impacts:\n`;
    const impacts = 2 + Math.floor(r() * 3);
    for (let k = 0; k < impacts; k++) {
      const neg = (defect === 'unmitigated-impact' && k === 0) || r() < 0.6;
      t += `  - scope: ${pick(['individual', 'group', 'society'])}\n    area: ${pick(['fairness', 'privacy', 'safety'])}\n    description: ${sentence(14)} elderly applicants\n    effect: ${neg ? 'negative' : 'positive'}\n    likelihood: ${pick(['rare', 'unlikely', 'possible', 'likely'])}\n    severity: ${pick(['minor', 'moderate', 'major'])}\n`;
      if (!(defect === 'unmitigated-impact' && k === 0)) t += `    mitigation: ${sentence(12)}\n`;
    }
    t += `predictable_failures:\n  - failure: ${sentence(8)}\n    effect: ${sentence(8)}\n    mitigation: ${sentence(8)}\n`;
    t += `human_oversight: ${sentence(14)}\nemployment_effects: ${defect === 'placeholder' ? 'TBD' : sentence(12)}\nretention_period: 10 years\nsystem_complexity: ${sentence(10)}\nexperts_consulted:\n  - ${words(2)}\n`;
    write(`assessments/${id}.yaml`, t);
  }
  // the Statement of Applicability
  const catalogue = fs.readFileSync(new URL('../src/core/catalogue.data.ts', import.meta.url), 'utf8');
  const ids = [...catalogue.slice(catalogue.indexOf('export const CONTROLS')).matchAll(/"id": "(A\.[0-9.]+)"/g)].map(m => m[1]);
  let soa = 'apiVersion: aims/v1\nkind: Applicability\nid: statement-of-applicability\ntitle: Statement of Applicability\nowner: ciso\nstatus: approved\nreviewed: 2026-06-01\nreview_by: 2027-06-01\nscope: All AI systems of the corpus organization.\ncontrols:\n';
  ids.forEach((c, i) => { soa += `  - id: ${c}\n    applicable: true\n    justification: Applies because the organization develops and operates AI systems in scope.\n    status: ${i % 3 ? 'implemented' : 'partial'}\n    owner: ciso\n    evidence:\n      - ${i % 2 ? `dataset-${i % Math.max(1, nData)}` : `model-${i % Math.max(1, nModel)}`}\n`; });
  write('statement-of-applicability.yaml', soa);
  fs.writeFileSync(path.join(outDir, STAMP), `${CORPUS_VERSION} ${count} ${findings}\n`);
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, out] = [Number(process.argv[2] ?? 1000), process.argv[3] ?? `.bench/corpus-${process.argv[2] ?? 1000}`];
  console.log(JSON.stringify(generateCorpus(count, out, process.argv[4] ?? 'few')));
}
