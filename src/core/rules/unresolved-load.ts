import { identifierIndex } from '../code/match';
import { loadReport, shownValue, whereInFile } from '../code/records';
import { defineRule } from '../rule';

export default defineRule({
  id: 'unresolved-load',
  scope: 'workspace',
  title: 'Loads whose dataset or model the scanner cannot name',
  controls: ['A.4.3', 'A.7.5'],
  annexB: ['B.4.3', 'B.7.5'],
  severity: 'info',
  kinds: ['DataProvenance', 'ModelCard'],
  docs: {
    rationale: 'The scanner only names what the code states: string literals, module-level constants, simple f-strings and path joins. A path built at run time (a function argument, a value read from a config file or the environment) cannot be named without guessing, and guessing would mark data as tracked that is not. Such loads are listed as information so that a person can check them; a load whose known prefix lies under a record\'s identifier (`f"s3://bucket/credit/{day}.parquet"` under `s3://bucket/credit/`) counts as tracked and is not listed.',
    howToFix: 'Check which dataset or model the call loads and make sure a record names it. Where you can, move the location into a module-level constant so that the scanner, and the next reader, can see it. Set the rule to `off` in the configuration if these notes are not useful to you.',
    bad: 'def load(path):\n    return pd.read_parquet(path)',
    good: 'TRANSACTIONS = "s3://northwind-ml/fraud/card-transactions-2025/"\n\ndef load():\n    return pd.read_parquet(TRANSACTIONS)',
  },
  check(ctx) {
    const index = identifierIndex(ctx.records);
    for (const scan of ctx.code) {
      for (const load of scan.loads) {
        if (load.value !== undefined || index.lookup(load)) continue;
        const known = load.prefix ? ` (it starts with '${shownValue(load.prefix)}')` : '';
        ctx.report(scan.file, loadReport(load, `${load.library} loads a ${load.kind} whose name is only known at run time${known}${whereInFile(load)}: ${shownValue(load.dynamic ?? '')}. Check that a record names it.`));
      }
    }
  },
});
