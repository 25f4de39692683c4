// `aims import hf-model-card|hf-dataset-card <README.md> [--id ID] [--force] [-o FILE]`: a record from a
// Hugging Face card (src/core/code/hfcard.ts), written where `aims new` would put it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { identifierIndex } from '../core/code/match';
import { importDatasetCard, importModelCard, MAX_CARD_BYTES } from '../core/code/hfcard';
import { openProject } from '../core/project';
import { KEBAB_ID } from '../core/schema';
import { recordPath } from '../core/skeleton';
import type { Io } from './main';

export interface ImportOptions {
  root: string;
  today: string;
  id?: string;
  force: boolean;
  io: Io;
  /** Set when -o names a file: the record goes there instead. */
  emit?: (text: string) => void;
  usage: (message: string) => Error;
}

const SOURCES = ['hf-model-card', 'hf-dataset-card'];

export function importCommand(args: string[], o: ImportOptions): number {
  const [source, file] = args;
  if (!source || !SOURCES.includes(source) || !file) throw o.usage(`usage: aims import ${SOURCES.join('|')} <README.md> [--id ID]`);
  if (o.id !== undefined && !KEBAB_ID.test(o.id)) throw o.usage(`--id '${o.id}' is not kebab-case (lowercase letters and digits joined by hyphens).`);
  const abs = path.resolve(o.io.cwd, file);
  let text: string;
  try {
    const st = fs.statSync(abs);
    if (!st.isFile()) throw o.usage(`'${file}' is not a file.`);
    if (st.size > MAX_CARD_BYTES) throw o.usage(`'${file}' is larger than ${MAX_CARD_BYTES / 1_000_000} MB; a card is a README.`);
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw o.usage(`cannot read '${file}': ${(e as Error).message}`);
    throw e;
  }
  const records = fs.existsSync(path.join(o.root, 'aims')) ? openProject(o.root, { today: o.today }).linter.records() : [];
  const index = identifierIndex(records);
  const datasetRecord = (hub: string): string | undefined => {
    const t = index.lookup({ kind: 'dataset', value: hub });
    return t?.record.summary.kind === 'DataProvenance' ? t.record.summary.id : undefined;
  };
  const ctx = { today: o.today, id: o.id, datasetRecord, source: path.basename(path.dirname(abs)) + '/' + path.basename(abs) };
  const result = source === 'hf-model-card' ? importModelCard(text, ctx) : importDatasetCard(text, ctx);
  const summary = `filled ${result.mapped.length} field${result.mapped.length === 1 ? '' : 's'} from the card; ${result.kept.length} part${result.kept.length === 1 ? '' : 's'} without a field kept in comments`;
  if (o.emit) { o.emit(result.text); o.io.stderr(`aims: ${summary}.\n`); return 0; }
  const rel = recordPath(result.kind, result.id);
  const out = path.join(o.root, rel);
  if (fs.existsSync(out) && !o.force) { o.io.stderr(`aims: ${rel} exists already; nothing was written. Use --id to choose another id, or --force.\n`); return 2; }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, result.text);
  o.io.stdout(`created ${rel} (${summary})\n`);
  return 0;
}
