// What the engine says about a load: where it stands (a notebook cell or a line), the finding input a
// code rule reports, and the prefilled record that would track it (a DataProvenance with the URI in
// `identifiers` and `source.uri`, or a ModelCard with it in `identifiers`).
import { applyFix } from '../edit';
import type { Fix, Kind } from '../model';
import type { ReportInput, WorkspaceContext } from '../rule';
import { identifierIndex } from './match';
import { KEBAB_ID } from '../schema';
import { recordPath, skeletonRecord } from '../skeleton';
import type { LocatedLoad } from './scan';

export function recordKindFor(load: Pick<LocatedLoad, 'kind'>): Kind {
  return load.kind === 'dataset' ? 'DataProvenance' : 'ModelCard';
}

/** "cell 3, line 2" for notebook loads (1-based, as editors number them), "" for plain files. */
export function whereInFile(load: LocatedLoad): string {
  return load.cell ? ` (cell ${load.cell.cell + 1}, line ${load.cell.line + 1})` : '';
}

/** A short, single-line, length-capped rendering of an identifier for messages. */
export function shownValue(v: string): string {
  const one = v.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return one.length > 120 ? one.slice(0, 117) + '…' : one;
}

/** A kebab-case record id derived from the identifier's last meaningful part, unique among `taken`. */
export function suggestedId(value: string, taken: (id: string) => boolean = () => false): string {
  const parts = value.replace(/[?#].*$/, '').split(/[/:]+/).filter(Boolean);
  let base = (parts[parts.length - 1] ?? '').replace(/\.[a-z0-9]{1,12}$/i, '');
  if (/^(production|staging|latest|main|\d+)$/i.test(base) && parts.length > 1) base = parts[parts.length - 2];
  let id = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  if (!KEBAB_ID.test(id)) id = 'new-record';
  if (!taken(id)) return id;
  for (let i = 2; ; i++) if (!taken(`${id}-${i}`)) return `${id}-${i}`;
}

/** A string as a YAML scalar: plain when it reads back as the same string, double-quoted otherwise. */
export function yamlString(v: string): string {
  const plain = /^[A-Za-z0-9_./~][A-Za-z0-9_./:@+=~%-]*$/.test(v) && !/:$/.test(v)
    && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(v) && !/^[-+]?(\.?\d|\.(inf|nan)$)/i.test(v);
  return plain ? v : JSON.stringify(v);
}

/**
 * The text and path of a new record that tracks `value`. Built by text from the skeleton (rules create
 * one per untracked load, so this stays cheap); the edit engine only when the skeleton's shape differs.
 */
export function prefilledRecord(kind: Kind, value: string, opts: { id: string; today?: string }): { file: string; text: string } {
  const skeleton = skeletonRecord(kind, opts.id, { today: opts.today, comments: false });
  const file = recordPath(kind, opts.id);
  const y = yamlString(value);
  if (kind === 'DataProvenance' && skeleton.includes('\nidentifiers: []\n') && skeleton.includes('\n  uri: ""\n')) {
    return { file, text: skeleton.replace('\nidentifiers: []\n', `\nidentifiers:\n  - ${y}\n`).replace('\n  uri: ""\n', `\n  uri: ${y}\n`) };
  }
  if (kind === 'ModelCard' && !/^identifiers:/m.test(skeleton) && skeleton.endsWith('\n')) return { file, text: `${skeleton}identifiers:\n  - ${y}\n` };
  const ops: Fix['ops'] = [{ op: 'set', path: ['identifiers'], value: [value] }];
  if (kind === 'DataProvenance') ops.push({ op: 'set', path: ['source', 'uri'], value });
  return { file, text: applyFix(skeleton, { title: '', ops }).text };
}

/** The report of a code rule about one load: located at the identifier, stable across line moves. */
export function loadReport(load: LocatedLoad, message: string, extra: Partial<ReportInput> = {}): ReportInput {
  return { path: ['code', load.callee, load.value ?? load.prefix ?? ''], target: 'value', range: load.range, message, ...extra };
}

/**
 * Reports every resolved load of `kind` that no record tracks, with the quick fix that creates a
 * prefilled record for it (the rules untracked-dataset and untracked-model).
 */
export function reportUntracked(ctx: WorkspaceContext, kind: LocatedLoad['kind'], describe: (load: LocatedLoad, shown: string) => { message: string; controls?: string[] }): void {
  const index = identifierIndex(ctx.records);
  const recordKind: Kind = kind === 'dataset' ? 'DataProvenance' : 'ModelCard';
  const made = new Map<string, { file: string; text: string }>(); // the same value loaded in many places
  for (const scan of ctx.code) {
    for (const load of scan.loads) {
      if (load.kind !== kind || load.value === undefined || index.lookup(load)) continue;
      const shown = shownValue(load.value);
      let rec = made.get(load.value);
      if (!rec) { rec = prefilledRecord(recordKind, load.value, { id: suggestedId(load.value, id => ctx.byId.has(id)), today: ctx.env.today }); made.set(load.value, rec); }
      const { message, controls } = describe(load, shown);
      ctx.report(scan.file, loadReport(load, message, {
        ...(controls ? { controls } : {}),
        suggestions: [{ title: `Create ${recordKind === 'ModelCard' ? 'a ModelCard' : 'a DataProvenance record'} for '${shown}'`, ops: [{ op: 'create-file', file: rec.file, text: rec.text }] }],
      }));
    }
  }
}
