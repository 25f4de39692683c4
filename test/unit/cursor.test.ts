import * as assert from 'node:assert/strict';
import { contextAt, scalarText, valueFieldAt } from '../../src/core/cursor';

/** The offset of the `|` marker, and the text without it. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

const MODEL = `apiVersion: aims/v1
kind: ModelCard
id: credit-risk
datasets:
  - loan-apps   # a comment
  - |
evaluation:
  metrics:
    - name: AUC
      dataset: "holdout-2025"
impact_assessment: 
`;

describe('cursor context', () => {
  it('a value in a list of references: path, field and the scalar span', () => {
    const m = MODEL.replace('loan-apps', 'loan-a|pps');
    const { text, offset } = at(m);
    const c = contextAt(text, offset)!;
    assert.deepEqual(c.path, ['datasets', 0]);
    assert.equal(c.inKey, false);
    assert.equal(c.kind, 'ModelCard');
    assert.equal(valueFieldAt(c)?.type, 'ref');
    assert.equal(c.source, 'loan-apps');
    assert.equal(text.slice(c.start!, c.end!), 'loan-apps');
  });

  it('a new, empty list item', () => {
    const { text, offset } = at(MODEL);
    const c = contextAt(text, offset)!;
    assert.deepEqual(c.path, ['datasets', 1]);
    assert.equal(valueFieldAt(c)?.type, 'ref');
    assert.equal(c.source, undefined);
  });

  it('an empty value after a key, and a quoted nested value', () => {
    const a = at(MODEL.replace('impact_assessment: \n', 'impact_assessment: |\n').replace('  - |\n', ''));
    const c = contextAt(a.text, a.offset)!;
    assert.deepEqual(c.path, ['impact_assessment']);
    assert.deepEqual((valueFieldAt(c) as { kinds?: string[] }).kinds, ['ImpactAssessment']);

    const b = at(MODEL.replace('"holdout-2025"', '"hold|out-2025"').replace('  - |\n', ''));
    const d = contextAt(b.text, b.offset)!;
    assert.deepEqual(d.path, ['evaluation', 'metrics', 0, 'dataset']);
    assert.equal(scalarText(d.source!), 'holdout-2025');
  });

  it('a key', () => {
    const a = at(MODEL.replace('evaluation:', 'evalu|ation:').replace('  - |\n', ''));
    const c = contextAt(a.text, a.offset)!;
    assert.deepEqual(c.path, ['evaluation']);
    assert.equal(c.inKey, true);
    assert.equal(c.field?.label, 'Evaluation');
    assert.equal(valueFieldAt(c), undefined);
  });

  it('control ids in the Statement of Applicability, flow lists of evidence', () => {
    const soa = at(`apiVersion: aims/v1
kind: Applicability
id: soa
controls:
  - id: A.7.|5
    evidence: [loan-apps, docs/x.md]
`);
    const c = contextAt(soa.text, soa.offset)!;
    assert.deepEqual(c.path, ['controls', 0, 'id']);
    assert.equal(valueFieldAt(c)?.type, 'control-id');
    const e = at(soa.text.replace('docs/x.md', 'docs/|x.md'));
    assert.deepEqual(contextAt(e.text, e.offset)!.path, ['controls', 0, 'evidence', 1]);
  });

  it('never throws on broken YAML or a non-record', () => {
    assert.equal(contextAt('- a\n- b\n', 2), undefined);
    assert.doesNotThrow(() => contextAt('kind: ModelCard\ndatasets: [a, \n  b: : :\n', 20));
    assert.equal(contextAt('', 0), undefined);
  });
});
