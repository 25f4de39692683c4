// Which record tracks a load: a DataProvenance or ModelCard whose `identifiers` (or, for data, whose
// `source.uri`) name it. A folder or prefix covers what lies under it (`s3://b/credit/` covers
// `s3://b/credit/2024/x.parquet`; `models:/scorer` covers `models:/scorer/Production`); Hugging Face
// names match with or without `hf://` / `https://huggingface.co/`. Lookups are map hits per '/' boundary.
import type { IndexedRecord } from '../rule';
import type { CodeLoad } from './python';

export interface Tracking {
  record: IndexedRecord;
  /** The identifier of the record that matched. */
  identifier: string;
}

/** The canonical form identifiers and load values are compared in. */
export function normalizeIdentifier(raw: string): string {
  let s = raw.trim();
  s = s.replace(/^hf:\/\/(datasets\/|spaces\/)?/i, '').replace(/^https?:\/\/huggingface\.co\/(datasets\/|spaces\/)?/i, '');
  s = s.replace(/^\.\//, '');
  while (s.length > 1 && s.endsWith('/') && !s.endsWith('//') && !s.endsWith(':/')) s = s.slice(0, -1);
  return s;
}

/** `value` and each shorter prefix of it ending at a '/' (after a scheme's '//' or ':/'). */
function candidates(value: string, complete: boolean): string[] {
  const out: string[] = [];
  if (complete) out.push(value);
  const scheme = /^[a-z][a-z0-9+.-]*:\/{1,2}/i.exec(value);
  const min = scheme ? scheme[0].length : 0;
  for (let i = value.length - 1; i > min; i--) if (value.charCodeAt(i) === 47 /* / */) out.push(value.slice(0, i));
  return out;
}

export class IdentifierIndex {
  private readonly byKind = { dataset: new Map<string, Tracking>(), model: new Map<string, Tracking>() };
  constructor(records: readonly IndexedRecord[]) {
    for (const record of records) {
      const s = record.summary;
      if (s.kind !== 'DataProvenance' && s.kind !== 'ModelCard') continue;
      const map = s.kind === 'DataProvenance' ? this.byKind.dataset : this.byKind.model;
      const ids = [...(s.identifiers ?? []), ...(s.source_uri ? [s.source_uri] : [])];
      for (const identifier of ids) {
        const key = normalizeIdentifier(identifier);
        if (key && !map.has(key)) map.set(key, { record, identifier });
      }
    }
  }

  /** The record tracking a load: one of its own kind first, then of the other kind. */
  lookup(load: Pick<CodeLoad, 'kind' | 'value' | 'prefix'>): Tracking | undefined {
    const own = this.byKind[load.kind], other = this.byKind[load.kind === 'dataset' ? 'model' : 'dataset'];
    return this.find(own, load) ?? this.find(other, load);
  }

  private find(map: Map<string, Tracking>, load: Pick<CodeLoad, 'value' | 'prefix'>): Tracking | undefined {
    if (map.size === 0) return undefined;
    if (load.value !== undefined) {
      for (const c of candidates(normalizeIdentifier(load.value), true)) { const t = map.get(c); if (t) return t; }
      return undefined;
    }
    // a partly dynamic value is tracked only by an identifier that covers its static folder part
    const p = load.prefix?.trim() ?? '';
    if (!p.includes('/')) return undefined;
    const known = p.endsWith('/') ? normalizeIdentifier(p) : undefined;
    for (const c of [...(known ? [known] : []), ...candidates(normalizeIdentifier(p.slice(0, p.lastIndexOf('/') + 1) + '_'), false)]) {
      const t = map.get(c);
      if (t) return t;
    }
    return undefined;
  }
}

const cache = new WeakMap<readonly IndexedRecord[], IdentifierIndex>();
/** One index per set of records (the linter's record list is rebuilt whenever a record changes). */
export function identifierIndex(records: readonly IndexedRecord[]): IdentifierIndex {
  let ix = cache.get(records);
  if (!ix) { ix = new IdentifierIndex(records); cache.set(records, ix); }
  return ix;
}

export interface CodeUse {
  /** The code file (workspace-relative). */
  file: string;
  load: import('./scan').LocatedLoad;
}

/** Where the code loads what each record tracks: record file → uses, in file and position order. */
export function codeUses(records: readonly IndexedRecord[], scans: readonly import('./scan').CodeScan[]): Map<string, CodeUse[]> {
  const index = identifierIndex(records);
  const out = new Map<string, CodeUse[]>();
  for (const scan of scans) {
    for (const load of scan.loads) {
      const t = index.lookup(load);
      if (!t) continue;
      const l = out.get(t.record.file);
      if (l) l.push({ file: scan.file, load }); else out.set(t.record.file, [{ file: scan.file, load }]);
    }
  }
  return out;
}
