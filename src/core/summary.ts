// Extracts what cross-record rules, coverage and tree views need from a record's data.
import { checksOfKind, viaFieldsOfKind } from './coverage/profiles';
import { checkKey, linkValues, passes } from './coverage/evidence';
import type { Kind, Path, RecordRef, RecordSummary, SoaEntry } from './model';
import { KIND_SPECS, type Field } from './schema';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export function summarize(kind: Kind, data: Record<string, unknown>): RecordSummary {
  const refs: RecordRef[] = [];
  collectRefs(KIND_SPECS[kind].fields, data, [], refs);
  const s: RecordSummary = {
    kind,
    id: str(data.id),
    title: str(data.title),
    owner: str(data.owner),
    status: str(data.status),
    reviewed: str(data.reviewed),
    review_by: str(data.review_by),
    controls: kind !== 'Applicability' && Array.isArray(data.controls) ? data.controls.filter((c): c is string => typeof c === 'string') : [],
    refs,
  };
  if (kind === 'ModelCard') s.system = str(data.impact_assessment);
  if (kind === 'ImpactAssessment') s.system = str(data.system);
  const held = checksOfKind(kind).filter(c => passes(data, c)).map(checkKey);
  if (held.length) s.holds = held;
  for (const field of viaFieldsOfKind(kind)) (s.links ??= {})[field] = linkValues(data, field);
  if (kind === 'ModelCard' || kind === 'DataProvenance') {
    const ids = data.identifiers;
    if (Array.isArray(ids)) s.identifiers = ids.filter((x): x is string => typeof x === 'string');
  }
  if (kind === 'DataProvenance') {
    const src = data.source;
    const uri = src && typeof src === 'object' && !Array.isArray(src) ? str((src as Record<string, unknown>).uri) : undefined;
    if (uri) s.source_uri = uri;
  }
  if (kind === 'Applicability') {
    s.soa = [];
    const list = Array.isArray(data.controls) ? data.controls : [];
    list.forEach((e, index) => {
      if (!e || typeof e !== 'object' || Array.isArray(e)) return;
      const o = e as Record<string, unknown>;
      const evidence = Array.isArray(o.evidence) ? o.evidence.map(str).filter((x): x is string => !!x) : typeof o.evidence === 'string' ? [o.evidence] : [];
      const entry: SoaEntry = {
        index,
        id: str(o.id) ?? '',
        title: str(o.title),
        applicable: typeof o.applicable === 'boolean' ? o.applicable : undefined,
        justification: str(o.justification),
        status: str(o.status),
        owner: str(o.owner),
        evidence,
      };
      s.soa!.push(entry);
      evidence.forEach((value, i) => refs.push({ path: ['controls', index, 'evidence', i], value, kinds: [], evidence: true }));
    });
  }
  return s;
}

// Only fields that can contain a reference are visited; `path` is a shared stack copied on a hit.
function collectRefs(fields: Record<string, Field>, obj: Record<string, unknown>, path: Path, out: RecordRef[]): void {
  for (const key in fields) {
    const f = fields[key];
    if (!mayHoldRef(f) || !Object.prototype.hasOwnProperty.call(obj, key)) continue;
    path.push(key);
    collectValue(f, obj[key], path, out);
    path.pop();
  }
}

const refCache = new WeakMap<Field, boolean>();
function mayHoldRef(f: Field): boolean {
  let v = refCache.get(f);
  if (v === undefined) {
    v = f.type === 'ref' || (f.type === 'list' && mayHoldRef(f.items)) || (f.type === 'object' && Object.values(f.fields).some(mayHoldRef));
    refCache.set(f, v);
  }
  return v;
}

function collectValue(f: Field, v: unknown, path: Path, out: RecordRef[]): void {
  if (f.type === 'ref') {
    if (typeof v === 'string' && v.trim()) out.push({ path: [...path], value: v, kinds: f.kinds });
  } else if (f.type === 'list') {
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) { path.push(i); collectValue(f.items, v[i], path, out); path.pop(); }
    else if (f.allowSingle) collectValue(f.items, v, path, out);
  } else if (f.type === 'object' && v && typeof v === 'object' && !Array.isArray(v)) {
    collectRefs(f.fields, v as Record<string, unknown>, path, out);
  }
}
