// The AI inventory as a CycloneDX 1.6 BOM, built with @cyclonedx/cyclonedx-library: one
// `machine-learning-model` component per model (its modelCard filled from the ModelCard record: task,
// approach, datasets by reference, metrics, intended use, limitations) and one `data` component per
// dataset (its data entry from the DataProvenance record: name, source URL, classification, owner).
// The library has no model for modelCard and data yet, so they are added to its normalized output by
// bom-ref. Deterministic: no serial number, the timestamp is the given day.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import { JSON as SerializeJson } from '@cyclonedx/cyclonedx-library/Serialize';
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec';
import type { Linter } from '../linter';
import type { Inventory, InventoryItem } from './inventory';

export interface BomOptions {
  /** Name of the workspace (the BOM's subject). */
  name: string;
  today: string;
  toolVersion: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String).filter(s => s.trim());
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined);

function bomRef(item: InventoryItem, i: number): string {
  return item.record ? `aims:${item.kind}:${item.record.id || i}` : `aims:${item.kind}:${item.state}:${i}`;
}

/** The record data (parsed YAML) of an item, if it has a record. */
function recordData(linter: Linter, item: InventoryItem): Json | undefined {
  if (!item.record) return undefined;
  const text = linter.text(item.record.file);
  if (text === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('js-yaml') as typeof import('js-yaml');
  try { return obj(yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true })); } catch { return undefined; }
}

export function inventoryBom(linter: Linter, inv: Inventory, opts: BomOptions): string {
  const bom = new Models.Bom();
  bom.metadata.timestamp = new Date(`${opts.today}T00:00:00Z`);
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, opts.name, { bomRef: 'aims:workspace' });
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'aims', { version: opts.toolVersion, group: 'aims-tools' }));
  const refs = new Map<InventoryItem, string>();
  const dataRefById = new Map<string, string>();
  inv.items.forEach((item, i) => {
    const ref = bomRef(item, i);
    refs.set(item, ref);
    if (item.kind === 'dataset' && item.record?.id) dataRefById.set(item.record.id, ref);
  });
  const extras = new Map<string, Json>();
  inv.items.forEach(item => {
    const ref = refs.get(item)!;
    const props = new Models.PropertyRepository();
    props.add(new Models.Property('aims:state', item.state));
    if (item.record) {
      props.add(new Models.Property('aims:record', item.record.file));
      if (item.record.status) props.add(new Models.Property('aims:status', item.record.status));
      for (const s of ['error', 'warning', 'info'] as const) props.add(new Models.Property(`aims:findings:${s}`, String(item.findings[s])));
      for (const id of item.record.identifiers) props.add(new Models.Property('aims:identifier', id));
    }
    for (const u of item.uses.slice(0, 100)) props.add(new Models.Property('aims:used-at', `${u.file}:${u.line}:${u.column}`));
    if (item.hosted) props.add(new Models.Property('aims:hosted-by', item.hosted));
    const data = recordData(linter, item);
    const name = item.record?.title ?? item.name;
    const type = item.kind === 'model' ? Enums.ComponentType.MachineLearningModel : Enums.ComponentType.Data;
    const c = new Models.Component(type, name, {
      bomRef: ref,
      properties: props,
      version: str(data?.version),
      description: str(data?.intended_use) ?? str(data?.title),
    });
    bom.components.add(c);
    bom.metadata.component!.dependencies.add(c.bomRef);
    if (item.kind === 'model') extras.set(ref, { modelCard: modelCard(data, dataRefById) });
    else extras.set(ref, { data: [componentData(item, data)] });
  });
  const normalized = new SerializeJson.Normalize.Factory(Spec1dot6).makeForBom().normalize(bom, { sortLists: true }) as unknown as Json;
  for (const comp of (normalized.components as Json[] | undefined) ?? []) {
    const extra = extras.get(comp['bom-ref'] as string);
    if (extra) Object.assign(comp, extra);
  }
  return JSON.stringify(normalized, null, 2) + '\n';
}

function modelCard(data: Json | undefined, dataRefs: Map<string, string>): Json {
  const card: Json = {};
  if (!data) return card;
  const params: Json = {};
  // our enum → CycloneDX's approach types (rule-based and other have none)
  const approach = ({ supervised: 'supervised', unsupervised: 'unsupervised', 'semi-supervised': 'semi-supervised', 'self-supervised': 'self-supervised', reinforcement: 'reinforcement-learning' } as Record<string, string>)[str(data.ml_approach) ?? ''];
  if (approach) params.approach = { type: approach };
  if (str(data.model_type)) params.architectureFamily = str(data.model_type);
  const datasets = strs(data.datasets).filter(id => dataRefs.has(id)).map(id => ({ ref: dataRefs.get(id)! }));
  if (datasets.length) params.datasets = datasets;
  if (Object.keys(params).length) card.modelParameters = params;
  const metrics = (Array.isArray(obj(data.evaluation)?.metrics) ? obj(data.evaluation)!.metrics as unknown[] : []).map(obj).filter((m): m is Json => !!m && !!str(m.name) && str(m.value) !== undefined);
  if (metrics.length) card.quantitativeAnalysis = { performanceMetrics: metrics.map(m => ({ type: str(m.name), value: str(m.value), ...(str(m.slice) ? { slice: str(m.slice) } : {}) })) };
  const considerations: Json = {};
  if (str(data.intended_use)) considerations.useCases = [str(data.intended_use)];
  const limitations = strs(data.limitations);
  if (limitations.length) considerations.technicalLimitations = limitations;
  const threats = strs(data.security_threats);
  if (threats.length) considerations.ethicalConsiderations = threats.map(name => ({ name }));
  if (Object.keys(considerations).length) card.considerations = considerations;
  return card;
}

function componentData(item: InventoryItem, data: Json | undefined): Json {
  const d: Json = { type: 'dataset', name: item.record?.id || item.name };
  const uri = str(obj(data?.source)?.uri) ?? (item.state === 'untracked' ? item.name : undefined);
  if (uri && /^[a-z][a-z0-9+.-]*:/i.test(uri)) d.contents = { url: uri };
  if (data?.contains_personal_data === true) d.classification = 'personal data';
  const cats = strs(data?.categories);
  if (cats.length) d.sensitiveData = data?.contains_personal_data === true ? cats : undefined;
  if (d.sensitiveData === undefined) delete d.sensitiveData;
  if (str(data?.title)) d.description = str(data?.title);
  if (item.record?.owner) d.governance = { owners: [{ organization: { name: item.record.owner } }] };
  return d;
}
