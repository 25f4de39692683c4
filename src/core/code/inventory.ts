// The AI inventory: every model and dataset found in the code or in the records, with the record that
// tracks it, the record's status and findings, and where the code loads it. `aims inventory` prints it
// as a table or JSON, or as a CycloneDX 1.6 BOM (cyclonedx.ts).
import type { Linter } from '../linter';
import type { Severity } from '../model';
import type { IndexedRecord } from '../rule';
import { identifierIndex, normalizeIdentifier } from './match';
import type { LoadKind, Provider } from './catalog';

export type InventoryState = 'tracked' | 'untracked' | 'unresolved' | 'not-loaded';

export interface InventoryUse {
  file: string;
  line: number;
  column: number;
  /** Notebooks: 1-based cell and line in the cell. */
  cell?: { cell: number; line: number };
  library: string;
  callee: string;
  /** What the code names (the resolved identifier, or the static prefix of a dynamic one). */
  value: string;
  dynamic?: string;
}

export interface InventoryItem {
  kind: LoadKind;
  /** The record's id for tracked items; the identifier the code uses otherwise. */
  name: string;
  state: InventoryState;
  record?: { id: string; file: string; kind: string; title?: string; status?: string; owner?: string; identifiers: string[] };
  /** Findings of the record file, by severity. */
  findings: Record<Severity, number>;
  uses: InventoryUse[];
  hosted?: Provider;
}

export interface Inventory {
  items: InventoryItem[];
  totals: Record<InventoryState, number>;
}

const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });

export function buildInventory(linter: Linter): Inventory {
  const records = linter.records();
  const index = identifierIndex(records);
  const byRecord = new Map<IndexedRecord, InventoryItem>();
  const untracked = new Map<string, InventoryItem>();
  const unresolved: InventoryItem[] = [];
  const findingsOf = (file: string): Record<Severity, number> => {
    const c = zero();
    for (const f of linter.findingsFor(file)) c[f.severity]++;
    return c;
  };
  const recordItem = (r: IndexedRecord, state: InventoryState): InventoryItem => ({
    kind: r.summary.kind === 'ModelCard' ? 'model' : 'dataset',
    name: r.summary.id ?? r.file,
    state,
    record: { id: r.summary.id ?? '', file: r.file, kind: r.summary.kind, title: r.summary.title, status: r.summary.status, owner: r.summary.owner, identifiers: r.summary.identifiers ?? [] },
    findings: findingsOf(r.file),
    uses: [],
  });
  for (const scan of linter.codeScans()) {
    for (const load of scan.loads) {
      const use: InventoryUse = {
        file: scan.file, line: load.range.start.line, column: load.range.start.column,
        ...(load.cell ? { cell: { cell: load.cell.cell + 1, line: load.cell.line + 1 } } : {}),
        library: load.library, callee: load.callee, value: load.value ?? load.prefix ?? '',
        ...(load.dynamic !== undefined ? { dynamic: load.dynamic } : {}),
      };
      const t = index.lookup(load);
      let item: InventoryItem;
      if (t) {
        item = byRecord.get(t.record) ?? recordItem(t.record, 'tracked');
        byRecord.set(t.record, item);
      } else if (load.value !== undefined) {
        const key = `${load.kind}\0${normalizeIdentifier(load.value)}`;
        item = untracked.get(key) ?? { kind: load.kind, name: load.value, state: 'untracked', findings: zero(), uses: [] };
        untracked.set(key, item);
      } else {
        item = { kind: load.kind, name: load.prefix ? `${load.prefix}…` : `(${load.callee})`, state: 'unresolved', findings: zero(), uses: [] };
        unresolved.push(item);
      }
      if (load.hosted) item.hosted = load.hosted;
      item.uses.push(use);
    }
  }
  for (const r of records) {
    if ((r.summary.kind === 'ModelCard' || r.summary.kind === 'DataProvenance') && !byRecord.has(r)) byRecord.set(r, recordItem(r, 'not-loaded'));
  }
  const order: Record<InventoryState, number> = { untracked: 0, unresolved: 1, tracked: 2, 'not-loaded': 3 };
  const items = [...byRecord.values(), ...untracked.values(), ...unresolved].sort((a, b) =>
    (a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0) || order[a.state] - order[b.state] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const totals: Record<InventoryState, number> = { tracked: 0, untracked: 0, unresolved: 0, 'not-loaded': 0 };
  for (const i of items) totals[i.state]++;
  return { items, totals };
}

/** The inventory as a plain-text table (control characters in names removed). */
export function inventoryTable(inv: Inventory): string {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  const rows = inv.items.map(i => [
    i.kind,
    clean(i.name.length > 70 ? i.name.slice(0, 69) + '…' : i.name),
    i.state,
    i.record ? `${i.record.kind} ${clean(i.record.id)}${i.record.status ? ` · ${clean(i.record.status)}` : ''}` : '—',
    i.record ? `${i.findings.error}E ${i.findings.warning}W ${i.findings.info}I` : '',
    i.uses.length ? `${clean(i.uses[0].file)}:${i.uses[0].line}${i.uses.length > 1 ? ` +${i.uses.length - 1}` : ''}` : '',
  ]);
  const head = ['kind', 'name', 'state', 'record', 'findings', 'used at'];
  const w = head.map((h, c) => Math.max(h.length, ...rows.map(r => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(w[c])).join('  ').trimEnd();
  const t = inv.totals;
  return [line(head), ...rows.map(line), '', `${inv.items.length} item${inv.items.length === 1 ? '' : 's'}: ${t.tracked} tracked, ${t.untracked} untracked, ${t.unresolved} unresolved, ${t['not-loaded']} recorded but not loaded by the code.`].join('\n') + '\n';
}
