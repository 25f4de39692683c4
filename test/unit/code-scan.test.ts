// The code scanner (src/core/code): which calls count as loads, how identifiers are resolved from
// literals, constants, f-strings and joins, what stays dynamic, notebooks mapped back to cells and to
// the .ipynb text, and bounds on hostile input.
import * as assert from 'node:assert/strict';
import { scanPython, type CodeLoad } from '../../src/core/code/python';
import { literalValue } from '../../src/core/code/pystring';
import { scanCode } from '../../src/core/code/scan';
import { blankMagics, readNotebook } from '../../src/core/code/notebook';
import { sqlTables } from '../../src/core/code/catalog';

const brief = (l: CodeLoad) => ({ kind: l.kind, library: l.library, value: l.value, prefix: l.prefix, hosted: l.hosted });
const values = (src: string) => scanPython(src).map(l => l.value ?? `dynamic:${l.prefix}`);

describe('code scanner: string literals', () => {
  it('decodes prefixes, quotes and escapes', () => {
    assert.equal(literalValue('"s3://a/b"'), 's3://a/b');
    assert.equal(literalValue("'a\\tb'"), 'a\tb');
    assert.equal(literalValue("r'C:\\data\\x.csv'"), 'C:\\data\\x.csv');
    assert.equal(literalValue('"""multi\nline"""'), 'multi\nline');
    assert.equal(literalValue("b'raw'"), 'raw');
    assert.equal(literalValue('"\\x41\\u00e9\\101"'), 'AéA');
    assert.equal(literalValue('"\\N{BULLET}"'), undefined);
    assert.equal(literalValue('f"x"'), undefined);
  });
});

describe('code scanner: libraries', () => {
  it('finds Hugging Face loads', () => {
    const loads = scanPython(`
from datasets import load_dataset
from transformers import AutoModel, AutoTokenizer, pipeline
from huggingface_hub import hf_hub_download, snapshot_download
import transformers
ds = load_dataset("northwind/loans", split="train")
csv = load_dataset("csv", data_files="s3://bucket/raw/loans.csv")
m = AutoModel.from_pretrained("vendor/model-7b")
t = transformers.AutoTokenizer.from_pretrained(pretrained_model_name_or_path="vendor/model-7b")
p = pipeline("text-classification", model="org/classifier")
d = pipeline("sentiment-analysis")
f = hf_hub_download(repo_id="org/weights", filename="model.safetensors")
s = snapshot_download("org/corpus", repo_type="dataset")
`);
    assert.deepEqual(loads.map(brief), [
      { kind: 'dataset', library: 'datasets', value: 'northwind/loans', prefix: undefined, hosted: undefined },
      { kind: 'dataset', library: 'datasets', value: 's3://bucket/raw/loans.csv', prefix: undefined, hosted: undefined },
      { kind: 'model', library: 'transformers', value: 'vendor/model-7b', prefix: undefined, hosted: undefined },
      { kind: 'model', library: 'transformers', value: 'vendor/model-7b', prefix: undefined, hosted: undefined },
      { kind: 'model', library: 'transformers', value: 'org/classifier', prefix: undefined, hosted: undefined },
      { kind: 'model', library: 'transformers', value: undefined, prefix: '', hosted: undefined },
      { kind: 'model', library: 'huggingface_hub', value: 'org/weights', prefix: undefined, hosted: undefined },
      { kind: 'dataset', library: 'huggingface_hub', value: 'org/corpus', prefix: undefined, hosted: undefined },
    ]);
    assert.match(loads[5].dynamic!, /default model/);
  });

  it('finds dataframe readers of pandas, polars, pyarrow and dask under any alias', () => {
    assert.deepEqual(values(`
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
from pyarrow import csv as pacsv
import dask.dataframe as dd
from pandas import read_csv as rc
pd.read_parquet("s3://b/a/")
pl.scan_parquet(source="gs://b/p/*.parquet")
pq.read_table("abfss://c@acct.dfs.core.windows.net/t")
pacsv.read_csv("data/x.csv")
dd.read_csv("s3://b/d-*.csv")
rc("local.csv")
pd.DataFrame({"a": [1]}).to_parquet("out.parquet")
`), ['s3://b/a/', 'gs://b/p/*.parquet', 'abfss://c@acct.dfs.core.windows.net/t', 'data/x.csv', 's3://b/d-*.csv', 'local.csv']);
  });

  it('reads tables out of SQL and warehouse calls', () => {
    assert.deepEqual(values(`
import pandas as pd
from google.cloud import bigquery
pd.read_sql("SELECT a FROM lending.applications_2024 a JOIN lending.bureau b ON a.id = b.id", conn)
pd.read_sql_table("fraud.card_transactions_2025", engine)
client = bigquery.Client()
client.query("select * from \`proj.ds.events\`")
spark.read.parquet("s3://lake/events/")
spark.read.format("delta").load("s3://lake/delta/")
spark.table("hive.customers")
`), ['lending.applications_2024', 'lending.bureau', 'fraud.card_transactions_2025', 'proj.ds.events', 's3://lake/events/', 's3://lake/delta/', 'hive.customers']);
  });

  it('keeps the tables of a partly dynamic f-string SQL that are fully known', () => {
    assert.deepEqual(values(`
import pandas as pd
T = "lending.bureau_attributes_2024"
def f(conn, day):
    return pd.read_sql(f"SELECT * FROM {T} WHERE day = '{day}'", conn)
`), ['lending.bureau_attributes_2024']);
  });

  it('does not count SQL calls without a database import, nor writes', () => {
    assert.deepEqual(values(`cursor.execute("SELECT * FROM t")\nclient.query("select 1 from x")`), []);
    assert.deepEqual(values(`import sqlite3\ncur.execute("SELECT * FROM main.users")\ncur.execute("INSERT INTO t VALUES (1)")\ncur.execute("SELECT 1")`), ['main.users']);
  });

  it('finds model files and registries', () => {
    const loads = scanPython(`
import torch, joblib, pickle, mlflow
import tensorflow as tf
import onnxruntime as ort
torch.load("models/scorer.pt")
joblib.load(filename="artifacts/pipeline.joblib")
pickle.load(open("artifacts/encoder.pkl", "rb"))
tf.keras.models.load_model("exports/keras_model.keras")
mlflow.pyfunc.load_model("models:/credit-risk-scorer/Production")
ort.InferenceSession("model.onnx")
`);
    assert.deepEqual(loads.map(l => [l.kind, l.value]), [
      ['model', 'models/scorer.pt'], ['model', 'artifacts/pipeline.joblib'], ['model', 'artifacts/encoder.pkl'],
      ['model', 'exports/keras_model.keras'], ['model', 'models:/credit-risk-scorer/Production'], ['model', 'model.onnx'],
    ]);
  });

  it('finds hosted model APIs with their model names', () => {
    const loads = scanPython(`
from openai import OpenAI
import anthropic, boto3
from vertexai.generative_models import GenerativeModel
client = OpenAI()
client.chat.completions.create(model="gpt-4o-mini", messages=[])
client.embeddings.create(input="x", model="text-embedding-3-small")
anthropic.Anthropic().messages.create(model="claude-sonnet-4-5", max_tokens=10, messages=[])
boto3.client("bedrock-runtime").converse(modelId="amazon.nova-pro-v1:0", messages=[])
GenerativeModel("gemini-1.5-pro")
`);
    assert.deepEqual(loads.map(l => [l.value, l.hosted]), [
      ['gpt-4o-mini', 'openai'], ['text-embedding-3-small', 'openai'], ['claude-sonnet-4-5', 'anthropic'],
      ['amazon.nova-pro-v1:0', 'bedrock'], ['gemini-1.5-pro', 'vertex'],
    ]);
  });

  it('requires the client library for calls on untyped receivers', () => {
    assert.deepEqual(scanPython(`client.chat.completions.create(model="gpt-4o")\nx.messages.create(model="m")`), []);
  });

  it('counts open() only for reading data or model files whose path is known', () => {
    assert.deepEqual(scanPython(`
open("data/train.csv")
open("weights.pkl", "rb")
open("out.csv", "w")
open("config.yaml")
open(path)
`).map(l => [l.kind, l.value]), [['dataset', 'data/train.csv'], ['model', 'weights.pkl']]);
    assert.deepEqual(values(`open = my_open\nopen("x.csv")`), []);
  });
});

describe('code scanner: resolution', () => {
  it('resolves module-level constants, f-strings, concatenation and joins', () => {
    assert.deepEqual(values(`
import os, pandas as pd
from pathlib import Path
BUCKET = "s3://northwind-ml"
ROOT = f"{BUCKET}/credit"
APPS = ROOT + "/applications-2024/"
LOCAL = Path("data") / "raw" / "x.csv"
pd.read_parquet(APPS)
pd.read_parquet(f"{ROOT}/holdout/")
pd.read_csv(os.path.join("data", "y.csv"))
pd.read_csv(LOCAL)
pd.read_csv("a" "b.csv")
pd.read_csv(f"{{literal}}.csv")
`), ['s3://northwind-ml/credit/applications-2024/', 's3://northwind-ml/credit/holdout/', 'data/y.csv', 'data/raw/x.csv', 'ab.csv', '{literal}.csv']);
  });

  it('reports what it cannot resolve as dynamic, with the static prefix, never guessed', () => {
    const loads = scanPython(`
import pandas as pd
BUCKET = "s3://northwind-ml"
TWICE = "a.csv"
TWICE = "b.csv"
def load(day, PATH):
    pd.read_parquet(f"{BUCKET}/events/{day}.parquet")
    pd.read_csv(TWICE)
    pd.read_csv(PATH)
    pd.read_csv(f"{BUCKET!r}")
    pd.read_csv(get_path())
    pd.read_csv(*args)
`);
    assert.deepEqual(loads.map(l => [l.value, l.prefix]), [
      [undefined, 's3://northwind-ml/events/'], [undefined, ''], [undefined, ''], [undefined, ''], [undefined, ''], [undefined, ''],
    ]);
    assert.match(loads[0].dynamic!, /day/);
    assert.match(loads[1].dynamic!, /assigned more than once/);
    assert.match(loads[2].dynamic!, /PATH is a local name/);
  });

  it('does not resolve a local name that shadows a constant', () => {
    assert.deepEqual(values(`
import pandas as pd
DATA = "s3://x/"
def f():
    DATA = other()
    return pd.read_parquet(DATA)
def g():
    for DATA in paths:
        pd.read_parquet(DATA)
def h():
    return pd.read_parquet(DATA)
`), ['dynamic:', 'dynamic:', 's3://x/']);
  });

  it('stops at cycles and deep chains', () => {
    assert.deepEqual(values(`import pandas as pd\nA = B\nB = A\npd.read_csv(A)`), ['dynamic:']);
    const chain = Array.from({ length: 100 }, (_, i) => `C${i + 1} = C${i}`).join('\n');
    assert.deepEqual(values(`import pandas as pd\nC0 = "x.csv"\n${chain}\npd.read_csv(C100)`), ['dynamic:']);
    assert.deepEqual(values(`import pandas as pd\nC0 = "x.csv"\nC1 = C0\npd.read_csv(C1)`), ['x.csv']);
  });

  it('points at the identifier argument', () => {
    const src = `import pandas as pd\ndf = pd.read_parquet("s3://b/x/")\n`;
    const [l] = scanPython(src);
    assert.equal(src.slice(l.from, l.to), '"s3://b/x/"');
  });
});

describe('code scanner: notebooks', () => {
  const cell = (type: string, lines: string[]) => ({ cell_type: type, metadata: {}, source: lines, ...(type === 'code' ? { outputs: [], execution_count: null } : {}) });
  const nb = (cells: unknown[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { language: 'python', name: 'python3' } }, cells }, null, 1);

  it('joins code cells, blanks magics and maps loads to cell, line and the .ipynb line', () => {
    const text = nb([
      cell('markdown', ['# Title\n', 'pd.read_csv("not-code.csv")']),
      cell('code', ['%pip install pandas\n', 'import pandas as pd\n', 'DATA = "s3://b/lab/"']),
      cell('code', ['!ls\n', 'df = pd.read_parquet(DATA + "2025/")\n', 'x = pd.read_csv("tab\\there.csv")']),
    ]);
    const scan = scanCode('nb/explore.ipynb', text);
    assert.equal(scan.skipped, undefined);
    assert.deepEqual(scan.loads.map(l => [l.value, l.cell]), [
      ['s3://b/lab/2025/', { cell: 2, line: 1, column: 21 }],
      ['tab\there.csv', { cell: 2, line: 2, column: 16 }],
    ]);
    const lines = text.split('\n');
    const [a, b] = scan.loads;
    assert.equal(lines[a.range.start.line - 1].slice(a.range.start.column - 1, a.range.end.column - 1), 'DATA + \\"2025/\\"');
    assert.equal(lines[b.range.start.line - 1].slice(b.range.start.column - 1, b.range.end.column - 1), '\\"tab\\\\there.csv\\"');
    assert.ok(lines[a.range.start.line - 1].includes('pd.read_parquet(DATA'));
    assert.ok(lines[b.range.start.line - 1].includes('pd.read_csv('));
  });

  it('accepts source as one string and skips non-Python and broken notebooks with a reason', () => {
    const one = JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: 'code', source: 'import pandas as pd\npd.read_csv("a.csv")' }] });
    assert.deepEqual(scanCode('a.ipynb', one).loads.map(l => l.cell), [{ cell: 0, line: 1, column: 12 }]);
    const r = JSON.stringify({ metadata: { kernelspec: { language: 'R' } }, cells: [] });
    assert.match(scanCode('r.ipynb', r).skipped!, /language is R/);
    assert.match(scanCode('b.ipynb', '{"cells": [').skipped!, /not a valid notebook/);
    assert.match(scanCode('c.ipynb', '[]').skipped!, /not a valid notebook/);
  });

  it('blanks cell magics whole and keeps lengths', () => {
    assert.equal(blankMagics('%%bash\nls -la'), '      \n      ');
    const s = 'x = 1\n  !pip install y\n?help';
    assert.equal(blankMagics(s).length, s.length);
    assert.equal(blankMagics(s), 'x = 1\n                \n     ');
  });

  it('reads notebooks with CRLF and escaped quotes', () => {
    const text = nb([cell('code', ['import pandas as pd\r\n', 'pd.read_csv("q\\"uote.csv")'])]).replace(/\n/g, '\r\n');
    const [l] = scanCode('q.ipynb', text).loads;
    assert.equal(l.value, 'q"uote.csv');
    assert.deepEqual(l.cell, { cell: 0, line: 1, column: 12 });
  });
});

describe('code scanner: hostile input', () => {
  it('skips binary and oversized files with a reason', () => {
    assert.equal(scanCode('x.py', 'import pandas\0\0').skipped, 'binary content');
    assert.match(scanCode('big.py', 'x' .repeat(5_000_001)).skipped!, /larger than/);
  });

  it('survives deep nesting, broken syntax and long chains', function () {
    this.timeout(30_000); // the machine is shared; nothing here asserts a time
    const deep = 'import pandas as pd\nx = ' + '('.repeat(3_000) + 'pd.read_csv("a.csv")' + ')'.repeat(3_000);
    assert.deepEqual(values(deep), ['a.csv']);
    const member = 'import pandas as pd\n' + 'a' + '.b'.repeat(2_000) + '.read_csv("x.csv")\npd.read_csv("y.csv")';
    assert.deepEqual(values(member), ['y.csv']);
    const broken = 'import pandas as pd\ndef (:\n  pd.read_csv("ok.csv"\nclass\n"""unterminated';
    assert.ok(Array.isArray(scanPython(broken)));
    const many = 'import pandas as pd\n' + 'pd.read_csv("a.csv")\n'.repeat(2_100);
    assert.equal(scanPython(many).length, 2_000);
  });

  it('extracts SQL tables only from FROM and JOIN', () => {
    assert.deepEqual(sqlTables('with x as (select * from a.b) select * from x join "c"."d" on 1 left join [e].[f]'), ['a.b', 'x', 'c.d', 'e.f']);
    assert.deepEqual(sqlTables('select 1'), []);
  });
});

describe('code scanner: incremental parsing', () => {
  it('finds the same loads after a series of edits as a fresh parse', () => {
    const cache = {};
    let text = 'import pandas as pd\nA = "s3://b/a/"\n' + Array.from({ length: 200 }, (_, i) => `def f${i}():\n    return pd.read_csv("f${i}.csv")\n`).join('');
    const fresh = (t: string) => scanPython(t).map(l => [l.value, l.prefix, l.from, l.to]);
    const inc = (t: string) => scanPython(t, { cache }).map(l => [l.value, l.prefix, l.from, l.to]);
    assert.deepEqual(inc(text), fresh(text));
    const edits: [RegExp | string, string][] = [
      ['"f10.csv"', '"f10-renamed.csv"'], ['def f50():\n', 'def f50():\n    x = pd.read_parquet(A)\n'], ['A = "s3://b/a/"', 'A = "s3://b/changed/"'],
      [/def f1\(\):\n.*\n/, ''], ['pd.read_csv("f20.csv")', 'pd.read_csv(("f20.csv"'], ['pd.read_csv(("f20.csv"', 'pd.read_csv("f20.csv")'],
    ];
    for (const [from, to] of edits) {
      const next = text.replace(from, to);
      assert.notEqual(next, text);
      text = next;
      assert.deepEqual(inc(text), fresh(text), String(from));
    }
  });
});
