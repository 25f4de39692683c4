// Records meet the code, end to end through the built CLI: code findings in every lint format (a SARIF
// result on the code line), `aims inventory` as a table, JSON and a CycloneDX 1.6 BOM that the official
// schema (shipped with @cyclonedx/cyclonedx-library) accepts, and `aims import` of Hugging Face cards.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { aims, copyExamples, lintJson, read, REPO, useTempDirs, workspace, write } from './helpers';

const HF = path.join(REPO, 'test/fixtures/hf');
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

describe('records meet the code (CLI)', function () {
  this.timeout(120_000);
  useTempDirs();

  it('lint: an untracked load is a finding at the code line in json, sarif and github output', () => {
    const d = copyExamples();
    const f = lintJson(d).filter(x => x.file === 'src/train_fraud.py');
    assert.deepEqual(f.map(x => [x.ruleId, x.line, x.column, x.endColumn]), [['untracked-dataset', 24, 35, 46]]);
    // the notebook's load is reported on the .ipynb line that stores it, naming the cell
    const nb = lintJson(d).filter(x => x.file === 'notebooks/fraud_threshold_review.ipynb');
    assert.deepEqual(nb.map(x => [x.ruleId, x.line, x.column, x.endColumn]), [['untracked-dataset', 37, 36, 47]]);
    assert.match(nb[0].message, /\(cell 3, line 3\)/);
    assert.match(read(d, 'notebooks/fraud_threshold_review.ipynb').split('\n')[36].slice(35, 46), /^CHARGEBACKS$/);
    const sarif = JSON.parse(aims(['lint', '-f', 'sarif'], d).stdout);
    const res = sarif.runs[0].results.find((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === 'untracked-dataset' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('train_fraud.py'));
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 24, startColumn: 35, endLine: 24, endColumn: 46 });
    assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /(^|\/)src\/train_fraud\.py$/);
    assert.match(aims(['lint', '-f', 'github'], d).stdout, /^::warning file=[^,]*src\/train_fraud\.py,line=24,col=35,endLine=24,endColumn=46,title=aims\(untracked-dataset\)::pandas reads/m);
  });

  it('lint: config code.exclude and rule severities apply', () => {
    const d = copyExamples();
    write(d, 'aims/aims.config.yaml', 'code:\n  exclude: ["src/train_fraud.py"]\n');
    assert.equal(lintJson(d).filter(x => x.file.startsWith('src/')).length, 0);
    assert.equal(lintJson(d).filter(x => x.file.startsWith('notebooks/')).length, 1);
    write(d, 'aims/aims.config.yaml', 'rules:\n  untracked-dataset: error\n');
    assert.deepEqual(lintJson(d).filter(x => !x.file.startsWith('aims/')).map(x => x.severity), ['error', 'error']);
  });

  describe('aims inventory', () => {
    it('table: every model and dataset with state, record, findings and first use', () => {
      const r = aims(['inventory', '--root', 'examples'], REPO);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^dataset\s+s3:\/\/northwind-ml\/fraud\/chargebacks-2025\/\s+untracked\s+—\s+notebooks\/fraud_threshold_review\.ipynb:37 \+1$/m);
      assert.match(r.stdout, /^model\s+transaction-fraud-detector\s+tracked\s+ModelCard transaction-fraud-detector · approved\s+1E 1W 0I\s+notebooks\/fraud_threshold_review\.ipynb:35$/m);
      assert.match(r.stdout, /^dataset\s+loan-applications-2024\s+tracked\s+DataProvenance loan-applications-2024 · approved\s+0E 0W 0I\s+src\/train_credit\.py:\d+$/m);
      assert.match(r.stdout, /^model\s+credit-risk-scorer\s+not-loaded\s+ModelCard credit-risk-scorer · approved\s+1E 0W 0I$/m);
      assert.match(r.stdout, /\n7 items: 5 tracked, 1 untracked, 0 unresolved, 1 recorded but not loaded by the code\.\n$/);
    });

    it('json: items with their uses', () => {
      const inv = JSON.parse(aims(['inventory', '--root', 'examples', '-f', 'json'], REPO).stdout);
      const apps = inv.items.find((i: { name: string }) => i.name === 'loan-applications-2024');
      assert.deepEqual(apps.uses.map((u: { file: string; library: string; value: string }) => [u.file, u.library, u.value]), [
        ['src/train_credit.py', 'pandas', 's3://northwind-ml/credit/applications-2024/'],
      ]);
      assert.deepEqual(inv.totals, { tracked: 5, untracked: 1, unresolved: 0, 'not-loaded': 1 });
    });

    it('cyclonedx: a CycloneDX 1.6 BOM valid against the official schema, models with model cards, datasets with data', async () => {
      const d = copyExamples();
      write(d, 'src/assist.py', 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n');
      const r = aims(['inventory', '-f', 'cyclonedx'], d);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await validator.validate(r.stdout), null);
      const bom = JSON.parse(r.stdout);
      assert.equal(bom.specVersion, '1.6');
      const byRef = new Map((bom.components as { 'bom-ref': string }[]).map(c => [c['bom-ref'], c as Record<string, any>]));
      const scorer = byRef.get('aims:model:credit-risk-scorer')!;
      assert.equal(scorer.type, 'machine-learning-model');
      assert.ok(scorer.modelCard.modelParameters.datasets.every((x: { ref: string }) => byRef.get(x.ref)?.type === 'data'));
      assert.ok(scorer.modelCard.quantitativeAnalysis.performanceMetrics.some((m: { type: string; value: string }) => m.type === 'AUC' && m.value === '0.81'));
      assert.ok(scorer.modelCard.considerations.technicalLimitations.length > 0);
      const apps = byRef.get('aims:dataset:loan-applications-2024')!;
      assert.equal(apps.type, 'data');
      assert.equal(apps.data[0].type, 'dataset');
      assert.equal(apps.data[0].contents.url, 'postgresql://los-replica.internal.northwind-lending.example/lending');
      const hosted = [...byRef.values()].find(c => c.name === 'gpt-4o-mini')!;
      assert.equal(hosted.type, 'machine-learning-model');
      assert.ok(hosted.properties.some((p: { name: string; value: string }) => p.name === 'aims:hosted-by' && p.value === 'openai'));
      // the validator does reject what the schema forbids
      bom.components[0].type = 'not-a-type';
      assert.notEqual(await validator.validate(JSON.stringify(bom)), null);
    });

    it('rejects an unknown format with exit 2', () => {
      const r = aims(['inventory', '--root', 'examples', '-f', 'xml'], REPO);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown inventory format 'xml'; use table, json or cyclonedx\./);
    });
  });

  describe('aims import', () => {
    it('hf-model-card: a ModelCard with the card\'s uses, limitations, metrics and base model; the rest in comments', () => {
      const d = copyExamples();
      const r = aims(['import', 'hf-model-card', path.join(HF, 'model-card.md')], d);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^created aims\/models\/complaint-router\.yaml \(filled 9 fields from the card; 12 parts without a field kept in comments\)\n$/);
      const text = read(d, 'aims/models/complaint-router.yaml');
      for (const want of [
        /^owner: Northwind Decision Science$/m,
        /^intended_use: Suggest a destination team for a complaint written by a customer in English or Dutch; an agent confirms or changes the suggestion before the ticket moves\.$/m,
        /^out_of_scope_uses:\n  - Deciding on compensation or refunds\.\n  - Routing messages that are not complaints, such as fraud reports\.$/m,
        /^limitations:\n  - Accuracy is lower for short messages of fewer than ten words\.\n  - Dutch messages/m,
        /^model_type: Fine-tuned transformer encoder for sequence classification$/m,
        /    - name: Macro F1 \(test split\)\n      value: 0\.874\n      dataset: complaint-tickets/,
        /^suppliers:\n  - name: example-lab\n    supplies: base model example-lab\/multilingual-encoder-base$/m,
        /^# license:\n#   "apache-2\.0"$/m,
        /^# Training data \(card section, for datasets:\):\n#   Eighteen months of complaint tickets/m,
        /^# ### Recommendations\n#   Agents should check the suggestion for very short messages\.$/m,
        /^#   # this is code, not a heading$/m,
        /^#   - \*\*Hours used:\*\* 6$/m,
      ]) assert.match(text, want);
      // a record the linter reads: no syntax or unknown-key findings, and the blank fields are asked for
      const f = lintJson(d, ['aims/models/complaint-router.yaml']);
      assert.ok(!f.some(x => ['yaml-syntax', 'unknown-key', 'invalid-type'].includes(x.ruleId)), JSON.stringify(f.map(x => x.ruleId)));
      assert.ok(f.some(x => x.ruleId === 'required-field'));
      // an existing record is not overwritten
      const again = aims(['import', 'hf-model-card', path.join(HF, 'model-card.md')], d);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /exists already; nothing was written/);
    });

    it('hf-dataset-card: a DataProvenance with source, license, labelling, preparation, bias and the hub id', () => {
      const d = copyExamples();
      const r = aims(['import', 'hf-dataset-card', path.join(HF, 'dataset-card.md'), '--id', 'complaints-sample'], d);
      assert.equal(r.code, 0, r.stderr);
      const text = read(d, 'aims/data/complaints-sample.yaml');
      for (const want of [
        /^source:\n  name: Consumer Finance Complaints \(sample\)\n  uri: https:\/\/huggingface\.co\/datasets\/public-org\/consumer-finance-complaints\n  supplier: Open Finance Data Collective$/m,
        /^license: cc-by-4\.0$/m,
        /^contains_personal_data: null$/m,
        /^preparation:\n  - Complaints submitted through the public web form in 2022 and 2023\.\n/m,
        /^known_bias:\n  - Consumers who complain in writing/m,
        /^identifiers:\n  - public-org\/consumer-finance-complaints$/m,
        /^size: 10K<n<100K$/m,
        /^# Personal and Sensitive Information \(card section; answer contains_personal_data and legal_basis from it\):\n#   The texts were redacted/m,
        /^# ## Dataset Structure\n#   One row per complaint/m,
      ]) assert.match(text, want);
      // a model card imported afterwards finds this record by its hub id
      write(d, 'card.md', '---\ndatasets: [public-org/consumer-finance-complaints]\n---\n# Model Card for X\n');
      assert.equal(aims(['import', 'hf-model-card', 'card.md', '--id', 'x-model'], d).code, 0);
      assert.match(read(d, 'aims/models/x-model.yaml'), /^datasets:\n  - complaints-sample$/m);
    });

    it('keeps hostile content inside comments and rejects bad arguments', () => {
      const d = workspace({ 'aims/.keep': '', 'evil.md': '---\nlicense: [unclosed\n---\n# Model Card for E\n## Odd\nline\u2028two\rthree\u0085four\n' });
      const r = aims(['import', 'hf-model-card', 'evil.md', '-o', 'out.yaml'], d);
      assert.equal(r.code, 0, r.stderr);
      const text = read(d, 'out.yaml');
      assert.match(text, /^# Front matter \(not read\)\n#   the front matter is not valid YAML/m);
      for (const l of text.split('\n')) assert.ok(!/[\u2028\u0085\r]/.test(l), JSON.stringify(l));
      assert.equal(aims(['import', 'hf-model-card'], d).code, 2);
      assert.equal(aims(['import', 'hf-space-card', 'evil.md'], d).code, 2);
      assert.match(aims(['import', 'hf-model-card', 'evil.md', '--id', 'Bad Id'], d).stderr, /not kebab-case/);
      assert.match(aims(['import', 'hf-model-card', 'missing.md'], d).stderr, /cannot read 'missing\.md'/);
    });
  });
});
