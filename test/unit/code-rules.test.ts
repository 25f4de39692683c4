// Code meets the records: which loads a record tracks (identifiers, source.uri, folders and prefixes,
// hub spellings), the rules untracked-dataset, untracked-model and unresolved-load at the code line and
// column, their quick fixes, the `code:` configuration and the discovery of code files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCodeFiles, DEFAULT_CODE_CONFIG } from '../../src/core/code/config';
import { normalizeIdentifier } from '../../src/core/code/match';
import * as yaml from 'js-yaml';
import { prefilledRecord, suggestedId, yamlString } from '../../src/core/code/records';
import { ConfigError, parseConfig } from '../../src/core/config';
import { Linter } from '../../src/core/linter';
import type { Finding } from '../../src/core/model';
import { openProject } from '../../src/core/project';
import { RULES } from '../../src/core/rules';
import { defaultConfigText } from '../../src/core/skeleton';

const TODAY = '2026-11-22';
const record = (kind: string, id: string, more = ''): string => `apiVersion: aims/v1\nkind: ${kind}\nid: ${id}\nstatus: approved\n${more}`;
const ids = (list: string[]): string => `identifiers:\n${list.map(i => `  - ${JSON.stringify(i)}\n`).join('')}`;

function lint(records: Record<string, string>, code: Record<string, string>, severities = {}): Linter {
  const l = new Linter({ today: TODAY, severities });
  for (const [f, t] of Object.entries(records)) l.setFile(f, t);
  for (const [f, t] of Object.entries(code)) l.setCodeFile(f, t);
  return l;
}
const of = (l: Linter, file: string, rule: string): Finding[] => l.findingsFor(file).filter(f => f.ruleId === rule);
const at = (f: Finding) => `${f.range!.start.line}:${f.range!.start.column}`;

const TRAIN = `import pandas as pd
from transformers import AutoModel
APPS = "s3://northwind-ml/credit/applications-2024/"
def load(day):
    a = pd.read_parquet(APPS)
    b = pd.read_parquet(APPS + "2025/part-0.parquet")
    c = pd.read_parquet("s3://northwind-ml/credit/other/")
    d = pd.read_parquet(f"s3://northwind-ml/credit/applications-2024/{day}.parquet")
    e = pd.read_parquet(f"s3://northwind-ml/unknown/{day}.parquet")
    m = AutoModel.from_pretrained("vendor/credit-bert")
    return pd.read_sql("SELECT * FROM lending.bureau_attributes_2024", None)
`;

describe('code rules', () => {
  describe('untracked-dataset', () => {
    it('reports loads no record names, at the identifier, and not those a record or its folder covers', () => {
      const l = lint({ 'aims/data/apps.yaml': record('DataProvenance', 'apps', ids(['s3://northwind-ml/credit/applications-2024/', 'lending.bureau_attributes_2024'])) }, { 'src/train.py': TRAIN });
      const f = of(l, 'src/train.py', 'untracked-dataset');
      assert.deepEqual(f.map(at), ['7:25']);
      assert.equal(f[0].message, "pandas reads 's3://northwind-ml/credit/other/', but no DataProvenance record names it. Add it to a record's identifiers or create a record for this dataset.");
      assert.deepEqual(f[0].controls, ['A.4.3', 'A.7.2', 'A.7.5']);
      assert.equal(f[0].severity, 'warning');
    });

    it('counts source.uri and matches a folder without its trailing slash', () => {
      const l = lint({ 'aims/data/x.yaml': record('DataProvenance', 'x', 'source:\n  uri: s3://northwind-ml/credit\n') }, { 'src/train.py': TRAIN });
      assert.deepEqual(of(l, 'src/train.py', 'untracked-dataset').map(f => f.message.match(/'([^']+)'/)![1]), ['lending.bureau_attributes_2024']);
    });

    it('does not take a partial path segment for a folder', () => {
      const l = lint({ 'aims/data/x.yaml': record('DataProvenance', 'x', ids(['s3://b/app'])) }, { 'a.py': 'import pandas as pd\npd.read_csv("s3://b/apps.csv")\npd.read_csv("s3://b/app/x.csv")' });
      assert.deepEqual(of(l, 'a.py', 'untracked-dataset').map(at), ['2:13']);
    });

    it('offers a prefilled DataProvenance record as a quick fix', () => {
      const l = lint({}, { 'src/train.py': TRAIN });
      const f = of(l, 'src/train.py', 'untracked-dataset')[0];
      const op = f.suggestions![0].ops[0];
      assert.equal(f.suggestions![0].title, "Create a DataProvenance record for 's3://northwind-ml/credit/applications-2024/'");
      assert.ok(op.op === 'create-file');
      assert.equal(op.file, 'aims/data/applications-2024.yaml');
      const check = new Linter({ today: TODAY });
      check.setFile(op.file, op.text);
      assert.deepEqual(check.records()[0].summary.identifiers, ['s3://northwind-ml/credit/applications-2024/']);
      assert.equal(check.records()[0].summary.source_uri, 's3://northwind-ml/credit/applications-2024/');
      // with the record created, the load is tracked
      l.setFile(op.file, op.text);
      assert.ok(!of(l, 'src/train.py', 'untracked-dataset').some(x => x.range!.start.line === 5));
    });

    it('reports notebook loads at the .ipynb line, naming the cell', () => {
      const nb = JSON.stringify({ nbformat: 4, metadata: {}, cells: [
        { cell_type: 'markdown', source: ['# Explore'] },
        { cell_type: 'code', source: ['import polars as pl\n', 'df = pl.read_csv("data/raw/visits.csv")'] },
      ] }, null, 1);
      const l = lint({}, { 'notebooks/explore.ipynb': nb });
      const [f] = of(l, 'notebooks/explore.ipynb', 'untracked-dataset');
      assert.match(f.message, /'data\/raw\/visits\.csv' \(cell 2, line 2\)/);
      const line = nb.split('\n')[f.range!.start.line - 1];
      assert.equal(line.slice(f.range!.start.column - 1, f.range!.end.column - 1), '\\"data/raw/visits.csv\\"');
      assert.ok(line.includes('pl.read_csv('));
    });

    it('follows the configured severity and can be turned off', () => {
      assert.equal(of(lint({}, { 'a.py': TRAIN }, { 'untracked-dataset': 'error' }), 'a.py', 'untracked-dataset')[0].severity, 'error');
      assert.equal(of(lint({}, { 'a.py': TRAIN }, { 'untracked-dataset': 'off' }), 'a.py', 'untracked-dataset').length, 0);
    });

    it('updates when records or code change, and forgets deleted code files', () => {
      const l = lint({}, { 'a.py': 'import pandas as pd\npd.read_csv("x.csv")' });
      assert.equal(of(l, 'a.py', 'untracked-dataset').length, 1);
      l.setFile('aims/data/x.yaml', record('DataProvenance', 'x', ids(['./x.csv'])));
      assert.equal(of(l, 'a.py', 'untracked-dataset').length, 0);
      l.setCodeFile('a.py', 'import pandas as pd\npd.read_csv("y.csv")');
      assert.equal(of(l, 'a.py', 'untracked-dataset').length, 1);
      assert.ok(l.allFindings().has('a.py'));
      l.deleteCodeFile('a.py');
      assert.equal(l.allFindings().has('a.py'), false);
    });
  });

  describe('untracked-model', () => {
    it('reports models and hosted model names no ModelCard names; third-party models add A.10.3', () => {
      const code = `from openai import OpenAI
import mlflow, torch
client = OpenAI()
client.responses.create(model="gpt-4o-mini", input="x")
mlflow.pyfunc.load_model("models:/credit-risk-scorer/Production")
torch.load("weights/local.pt")
from transformers import AutoModel
AutoModel.from_pretrained("hf://vendor/credit-bert")
`;
      const l = lint({ 'aims/models/m.yaml': record('ModelCard', 'm', ids(['models:/credit-risk-scorer', 'https://huggingface.co/vendor/credit-bert'])) }, { 'svc.py': code });
      const f = of(l, 'svc.py', 'untracked-model');
      assert.deepEqual(f.map(at), ['4:31', '6:12']);
      assert.equal(f[0].message, "The code calls the hosted model 'gpt-4o-mini' of OpenAI, but no ModelCard names it. Add it to a ModelCard's identifiers or create one (a third-party model: name its supplier too).");
      assert.deepEqual(f[0].controls, ['A.4.3', 'A.6.2.3', 'A.10.3']);
      assert.deepEqual(f[1].controls, ['A.4.3', 'A.6.2.3']);
      const op = f[0].suggestions![0].ops[0];
      assert.ok(op.op === 'create-file' && op.file === 'aims/models/gpt-4o-mini.yaml' && op.text.includes('identifiers:\n  - gpt-4o-mini'));
    });

    it('a dataset record naming a model file tracks it too (either kind)', () => {
      const l = lint({ 'aims/data/d.yaml': record('DataProvenance', 'd', ids(['artifacts/'])) }, { 'a.py': 'import joblib\njoblib.load("artifacts/enc.joblib")' });
      assert.equal(of(l, 'a.py', 'untracked-model').length, 0);
    });
  });

  describe('unresolved-load', () => {
    it('lists loads named only at run time as info, unless a record covers their static folder', () => {
      const l = lint({ 'aims/data/apps.yaml': record('DataProvenance', 'apps', ids(['s3://northwind-ml/credit/applications-2024/'])) }, { 'src/train.py': TRAIN });
      const f = of(l, 'src/train.py', 'unresolved-load');
      assert.deepEqual(f.map(at), ['9:25']);
      assert.equal(f[0].severity, 'info');
      assert.match(f[0].message, /^pandas loads a dataset whose name is only known at run time \(it starts with 's3:\/\/northwind-ml\/unknown\/'\): day is a local name\. Check that a record names it\.$/);
    });
  });

  describe('matching helpers', () => {
    it('normalizes hub spellings, ./ and trailing slashes', () => {
      assert.equal(normalizeIdentifier(' hf://datasets/org/set/ '), 'org/set');
      assert.equal(normalizeIdentifier('https://huggingface.co/org/model'), 'org/model');
      assert.equal(normalizeIdentifier('./data/x/'), 'data/x');
      assert.equal(normalizeIdentifier('s3://'), 's3://');
    });
    it('derives unique kebab-case ids', () => {
      assert.equal(suggestedId('s3://b/fraud/chargebacks-2025/'), 'chargebacks-2025');
      assert.equal(suggestedId('models:/credit-risk-scorer/Production'), 'credit-risk-scorer');
      assert.equal(suggestedId('data/Raw Visits.CSV'), 'raw-visits');
      assert.equal(suggestedId('gpt-4o', id => id === 'gpt-4o'), 'gpt-4o-2');
      assert.equal(suggestedId('///'), 'new-record');
    });
  });

  describe('configuration and discovery', () => {
    const known = RULES.map(r => r.id);
    it('reads code.include / code.exclude and rejects bad values with a line', () => {
      const cfg = parseConfig('code:\n  include: ["src/**/*.py"]\n  exclude: []\n', 'aims/aims.config.yaml', known);
      assert.deepEqual(cfg.code, { include: ['src/**/*.py'], exclude: [] });
      assert.deepEqual(parseConfig('rules: {}\n', 'c', known).code, DEFAULT_CODE_CONFIG);
      assert.throws(() => parseConfig('code:\n  includes: []\n', 'c', known), (e: ConfigError) => e.line === 2 && /did you mean 'include'/.test(e.detail));
      assert.throws(() => parseConfig('code: [a]\n', 'c', known), (e: ConfigError) => e.line === 1 && /must be a mapping/.test(e.detail));
      assert.throws(() => parseConfig('code:\n  include: "*.py"\n', 'c', known), (e: ConfigError) => /list of glob patterns/.test(e.detail));
    });

    it('aims init documents the code section in comments and keeps the defaults', () => {
      const text = defaultConfigText();
      assert.match(text, /^#   code:\n#     include: \["src\/\*\*\/\*\.py", "notebooks\/\*\*\/\*\.ipynb"\]$/m);
      assert.deepEqual(parseConfig(text, 'aims/aims.config.yaml', known).code, DEFAULT_CODE_CONFIG);
    });

    it('finds Python files and notebooks outside virtual environments, dependencies and build output', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-code-'));
      try {
        for (const f of ['src/a.py', 'nb/b.ipynb', '.venv/lib/x.py', 'venv/y.py', 'node_modules/p/z.py', 'build/lib/c.py', 'pkg/__pycache__/d.py', 'README.md', 'src/deep/e.py']) {
          fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
          fs.writeFileSync(path.join(root, f), '');
        }
        assert.deepEqual(findCodeFiles(root, DEFAULT_CODE_CONFIG), ['nb/b.ipynb', 'src/a.py', 'src/deep/e.py']);
        assert.deepEqual(findCodeFiles(root, { include: ['src/**/*.py'], exclude: ['src/deep/**'] }), ['src/a.py']);
        fs.mkdirSync(path.join(root, 'aims'));
        fs.writeFileSync(path.join(root, 'src/a.py'), 'import pandas as pd\npd.read_csv("x.csv")\n');
        const p = openProject(root, { today: TODAY });
        assert.deepEqual(p.codeFiles, ['nb/b.ipynb', 'src/a.py', 'src/deep/e.py']);
        assert.deepEqual(p.linter.findingsFor('src/a.py').map(f => f.ruleId), ['untracked-dataset']);
      } finally { fs.rmSync(root, { recursive: true, force: true }); }
    });
  });
});



describe('prefilled records', () => {
  it('write the identifier as a YAML scalar that reads back as the same string, for any value', () => {
    for (const v of ['s3://b/x/', 'models:/m/1', 'true', '0.5', '-x', 'a: b', 'a #b', 'x:', "it's", 'é/ü', '"q"', '~', 'null', '@org/m', 'line\nbreak', '']) {
      assert.equal((yaml.load(`k: ${yamlString(v)}`, { schema: yaml.CORE_SCHEMA }) as { k: string }).k, v, v);
      for (const kind of ['DataProvenance', 'ModelCard'] as const) {
        const rec = prefilledRecord(kind, v, { id: 'x', today: TODAY });
        const data = yaml.load(rec.text, { schema: yaml.CORE_SCHEMA }) as Record<string, any>;
        assert.deepEqual(data.identifiers, [v], `${kind} ${JSON.stringify(v)}`);
        if (kind === 'DataProvenance') assert.equal(data.source.uri, v);
      }
    }
  });
});
