import { reportUntracked, whereInFile } from '../code/records';
import { defineRule } from '../rule';

export default defineRule({
  id: 'untracked-dataset',
  scope: 'workspace',
  title: 'Datasets the code loads must have a DataProvenance record',
  controls: ['A.4.3', 'A.7.2', 'A.7.5'],
  annexB: ['B.4.3', 'B.7.2', 'B.7.5'],
  severity: 'warning',
  kinds: ['DataProvenance'],
  fixable: 'suggestion',
  docs: {
    rationale: 'The data an AI system is developed and run with is one of its resources, and its provenance has to be recorded: where it came from, under which rights, what was done to it. A dataset that the code reads but no record describes is exactly the gap an audit finds first, and it opens while the code is written. The scanner reads the Python files and notebooks of the repository (`code:` in the configuration) and looks for the calls that read data: Hugging Face `load_dataset`, pandas, polars, pyarrow and dask readers, `open()` of data files, and SQL and warehouse reads, with the path, URI or table resolved from literals, module-level constants and simple f-strings.',
    howToFix: 'Add the path, URI or table the code reads to the `identifiers` of the DataProvenance record that describes the dataset (a folder or prefix covers everything under it, so `s3://bucket/credit/` covers `s3://bucket/credit/2024/part-0.parquet`), or create a record for it. `source.uri` counts too. In the editor the CodeLens above the call offers both.',
    bad: '# src/train.py\nAPPLICATIONS = "s3://northwind-ml/credit/applications-2024/"\ndf = pd.read_parquet(APPLICATIONS)\n# and no record names that URI',
    good: '# aims/data/loan-applications-2024.yaml\nkind: DataProvenance\nid: loan-applications-2024\nidentifiers:\n  - s3://northwind-ml/credit/applications-2024/',
  },
  check(ctx) {
    reportUntracked(ctx, 'dataset', (load, v) => ({
      message: `${load.library} reads '${v}'${whereInFile(load)}, but no DataProvenance record names it. Add it to a record's identifiers or create a record for this dataset.`,
    }));
  },
});
