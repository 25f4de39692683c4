// Which calls load a dataset or a model, as data. A call is named by its qualified callee: the head of
// the dotted name is replaced by what the file imported under it (`pd.read_parquet` after
// `import pandas as pd` is `pandas.read_parquet`); receivers that are not imports keep their own name
// (`client.chat.completions.create`). Regular expressions here only match those dotted names, never code.

export type LoadKind = 'dataset' | 'model';
export type Provider = 'huggingface' | 'openai' | 'anthropic' | 'bedrock' | 'vertex' | 'mlflow' | 'file' | 'warehouse';

export interface LoadPattern {
  /** Matches the qualified callee name. */
  callee: RegExp;
  kind: LoadKind;
  /** Short name of the library, shown in messages ("pandas", "transformers"). */
  library: string;
  /** Where the identifier stands: a positional index and/or keyword names, first present wins. */
  args: (number | string)[];
  /** The call only counts when the file imports one of these modules (for receivers we cannot type). */
  requires?: string[];
  /** The argument is SQL: the tables it reads are the identifiers. */
  sql?: boolean;
  /** A hosted model API: the model is external (A.10.3). */
  hosted?: Provider;
  /** Extra handling of some calls. */
  special?: 'open' | 'load_dataset' | 'hub_download' | 'pipeline' | 'unpickle';
}

const PANDAS_READERS = 'csv|parquet|json|excel|feather|orc|table|pickle|hdf|stata|sas|spss|xml|fwf|html';

export const LOAD_PATTERNS: readonly LoadPattern[] = [
  // Hugging Face
  { callee: /^datasets\.load_dataset$/, kind: 'dataset', library: 'datasets', args: [0, 'path'], special: 'load_dataset' },
  { callee: /^huggingface_hub\.(hf_hub_download|snapshot_download)$/, kind: 'model', library: 'huggingface_hub', args: [0, 'repo_id'], special: 'hub_download' },
  { callee: /^transformers\.pipeline$/, kind: 'model', library: 'transformers', args: ['model', 1], special: 'pipeline' },
  { callee: /^sentence_transformers\.SentenceTransformer$/, kind: 'model', library: 'sentence_transformers', args: [0, 'model_name_or_path'] },
  { callee: /^(vertexai(\.preview)?\.(language_models|vision_models)\.\w+)\.from_pretrained$/, kind: 'model', library: 'vertexai', args: [0, 'model_name'], hosted: 'vertex' },
  { callee: /(^|\.)from_pretrained$/, kind: 'model', library: 'transformers', args: [0, 'pretrained_model_name_or_path'] },
  // dataframes and files
  { callee: new RegExp(`^(pandas|modin\\.pandas)\\.read_(${PANDAS_READERS})$`), kind: 'dataset', library: 'pandas', args: [0, 'filepath_or_buffer', 'path', 'io', 'path_or_buf', 'path_or_buffer'] },
  { callee: /^pandas\.read_(sql|sql_query|sql_table|gbq)$/, kind: 'dataset', library: 'pandas', args: [0, 'sql', 'table_name', 'query'], sql: true },
  { callee: /^polars\.(read|scan)_(csv|parquet|ipc|ndjson|json|delta|excel|avro|iceberg)$/, kind: 'dataset', library: 'polars', args: [0, 'source', 'table_uri'] },
  { callee: /^polars\.read_database(_uri)?$/, kind: 'dataset', library: 'polars', args: [0, 'query'], sql: true },
  { callee: /^pyarrow\.(parquet\.(read_table|ParquetDataset|ParquetFile|read_pandas)|csv\.(read_csv|open_csv)|json\.read_json|feather\.read_(table|feather)|dataset\.dataset|orc\.read_table)$/, kind: 'dataset', library: 'pyarrow', args: [0, 'source', 'path_or_paths', 'input_file'] },
  { callee: /^dask\.dataframe\.read_(csv|parquet|json|orc|table|fwf|hdf|sql_table|sql_query|sql)$/, kind: 'dataset', library: 'dask', args: [0, 'urlpath', 'path', 'table_name', 'sql'] },
  { callee: /^open$/, kind: 'dataset', library: 'open', args: [0, 'file'], special: 'open' },
  // Spark, warehouses
  { callee: /\.(read|readStream)(\.format\(\))?(\.option\(\)|\.options\(\))*\.(parquet|csv|json|orc|text|table|load|delta)$/, kind: 'dataset', library: 'spark', args: [0, 'path', 'tableName'] },
  { callee: /^(spark|session)\.table$/, kind: 'dataset', library: 'spark', args: [0, 'tableName', 'name'] },
  { callee: /^(spark|session)\.sql$/, kind: 'dataset', library: 'spark', args: [0, 'sqlQuery', 'query'], sql: true },
  { callee: /\.(query|query_and_wait)$/, kind: 'dataset', library: 'bigquery', args: [0, 'query'], sql: true, requires: ['google.cloud.bigquery'] },
  { callee: /\.(get_table|list_rows)$/, kind: 'dataset', library: 'bigquery', args: [0, 'table'], requires: ['google.cloud.bigquery'] },
  { callee: /\.table$/, kind: 'dataset', library: 'snowpark', args: [0, 'name'], requires: ['snowflake.snowpark'] },
  { callee: /\.execute$/, kind: 'dataset', library: 'sql', args: [0, 'query', 'operation', 'command'], sql: true, requires: ['snowflake.connector', 'psycopg', 'psycopg2', 'sqlite3', 'pymysql', 'duckdb', 'sqlalchemy', 'databricks.sql', 'pyodbc'] },
  // model files and registries
  { callee: /^torch\.(load|jit\.load)$/, kind: 'model', library: 'torch', args: [0, 'f'], special: 'unpickle' },
  { callee: /^joblib\.load$/, kind: 'model', library: 'joblib', args: [0, 'filename'], special: 'unpickle' },
  { callee: /^(pickle|cloudpickle|dill)\.load$/, kind: 'model', library: 'pickle', args: [0, 'file'], special: 'unpickle' },
  { callee: /^(tensorflow\.keras|tf_keras|keras)\.(models\.load_model|saving\.load_model)$|^keras\.saving\.load_model$|^tensorflow\.saved_model\.load$/, kind: 'model', library: 'keras', args: [0, 'filepath', 'export_dir'] },
  { callee: /^mlflow(\.\w+)?\.load_model$/, kind: 'model', library: 'mlflow', args: [0, 'model_uri'] },
  { callee: /^onnxruntime\.InferenceSession$/, kind: 'model', library: 'onnxruntime', args: [0, 'path_or_bytes'] },
  { callee: /^(xgboost|lightgbm)\.Booster$/, kind: 'model', library: 'booster', args: ['model_file'] },
  // hosted model APIs
  { callee: /\.(chat\.completions\.(create|parse|stream)|completions\.create|responses\.(create|stream|parse)|embeddings\.create|images\.(generate|edit)|audio\.\w+\.create|moderations\.create)$/, kind: 'model', library: 'openai', args: ['model'], requires: ['openai'], hosted: 'openai' },
  { callee: /\.(messages\.(create|stream|count_tokens)|completions\.create)$/, kind: 'model', library: 'anthropic', args: ['model'], requires: ['anthropic'], hosted: 'anthropic' },
  { callee: /\.(invoke_model|invoke_model_with_response_stream|converse|converse_stream)$/, kind: 'model', library: 'bedrock', args: ['modelId'], requires: ['boto3', 'aioboto3'], hosted: 'bedrock' },
  { callee: /^(vertexai(\.preview)?\.generative_models|google\.generativeai)\.GenerativeModel$/, kind: 'model', library: 'vertexai', args: [0, 'model_name'], hosted: 'vertex' },
  { callee: /\.models\.(generate_content|generate_content_stream|embed_content|generate_images)$/, kind: 'model', library: 'google-genai', args: ['model'], requires: ['google.genai'], hosted: 'vertex' },
  { callee: /^langchain_openai\.(ChatOpenAI|OpenAI|OpenAIEmbeddings|AzureChatOpenAI)$/, kind: 'model', library: 'langchain', args: ['model', 'model_name', 'azure_deployment'], hosted: 'openai' },
  { callee: /^langchain_anthropic\.ChatAnthropic$/, kind: 'model', library: 'langchain', args: ['model', 'model_name'], hosted: 'anthropic' },
];

/** Words at least one of which a file must contain to hold any load (a cheap pre-filter). */
export const TRIGGER = /read_|load|from_pretrained|download|pipeline|SentenceTransformer|open|\.table|\.sql|query|get_table|list_rows|execute|InferenceSession|Booster|create|parse|stream|count_tokens|generate|edit|invoke_model|converse|GenerativeModel|embed_content|Chat|OpenAI|ParquetDataset|ParquetFile|dataset/;

const MODEL_FILE = /\.(pt|pth|ckpt|bin|safetensors|onnx|pkl|pickle|joblib|h5|keras|pb|gguf|ggml|tflite|mlmodel|model)$/i;
const DATA_FILE = /\.(csv|tsv|parquet|pq|json|jsonl|ndjson|arrow|feather|ipc|orc|avro|xlsx|xls|hdf5|hdf|npy|npz|tfrecord|txt|xml|sqlite|db|zip|gz|bz2|zst)$/i;
const URI = /^[a-z][a-z0-9+.-]*:\/\//i;

/** What a path passed to open() or a pickle loader is: a model file, a data file or neither. */
export function fileKind(p: string): LoadKind | undefined {
  const clean = p.replace(/[?#].*$/, '');
  if (MODEL_FILE.test(clean)) return 'model';
  if (DATA_FILE.test(clean) || URI.test(clean)) return 'dataset';
  return undefined;
}

/** Whether open()'s mode argument reads (no w, a or x). */
export function readsMode(mode: string): boolean {
  return !/[wax]/.test(mode);
}

/** Table names a SQL text reads (FROM and JOIN clauses), without quotes. Bounded by the text. */
export function sqlTables(sql: string): string[] {
  const out: string[] = [];
  const text = sql.length > 100_000 ? sql.slice(0, 100_000) : sql;
  const re = /\b(?:from|join)\s+((?:[`"[]?[\w$-]+[`"\]]?)(?:\s*\.\s*[`"[]?[\w$-]+[`"\]]?){0,3})/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const name = m[1].replace(/[`"[\]\s]/g, '');
    // `FROM (subquery)`, `FROM unnest(...)`, keywords
    if (/^(select|lateral|unnest|values|the)$/i.test(name)) continue;
    if (!out.includes(name)) out.push(name);
    if (out.length >= 50) break;
  }
  return out;
}
