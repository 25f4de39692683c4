// Hugging Face model and dataset cards (README.md with YAML front matter and the sections of the public
// card templates) turned into a ModelCard or DataProvenance record. Fields the card answers are filled;
// the rest stays as blank as in `aims new`, so the linter keeps asking. Nothing is dropped silently:
// every front-matter key and section without a field is kept, as written, in comments at the end.
import { applyFix } from '../edit';
import type { FixOp, Kind } from '../model';
import { skeletonRecord } from '../skeleton';
import { suggestedId } from './records';

export const MAX_CARD_BYTES = 2_000_000;

export interface CardSection { level: number; heading: string; body: string }
export interface Card { front: Record<string, unknown>; frontProblem?: string; title?: string; sections: CardSection[] }

const PLACEHOLDER = /\[More Information Needed\]|\{\{[^}]*\}\}/gi;

/** Splits a card into front matter and ATX sections (headings inside fenced code blocks are text). */
export function parseCard(text: string): Card {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let front: Record<string, unknown> = {};
  let frontProblem: string | undefined;
  let body = src;
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(src);
  if (m) {
    body = src.slice(m[0].length);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const yaml = require('js-yaml') as typeof import('js-yaml');
      const v = yaml.load(m[1], { schema: yaml.CORE_SCHEMA, json: true });
      if (v && typeof v === 'object' && !Array.isArray(v)) front = v as Record<string, unknown>;
      else if (v !== null && v !== undefined) frontProblem = 'the front matter is not a mapping';
    } catch (e) { frontProblem = `the front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`; }
  }
  const sections: CardSection[] = [];
  let cur: CardSection = { level: 0, heading: '', body: '' };
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === undefined ? f[1][0] : f[1][0] === fence ? undefined : fence;
    const h = fence === undefined && !f ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (h) { sections.push(cur); cur = { level: h[1].length, heading: h[2], body: '' }; continue; }
    cur.body += line + '\n';
  }
  sections.push(cur);
  const title = sections.find(s => s.level === 1)?.heading;
  return { front, frontProblem, title, sections: sections.filter(s => s.level > 0 || s.body.trim()) };
}

/** Section text without HTML comments and template placeholders, trimmed; '' when nothing is left. */
function clean(s: string): string {
  return s.replace(/<!--[\s\S]*?-->/g, '').replace(PLACEHOLDER, '').replace(/\n{3,}/g, '\n\n').trim();
}

/** Bullets as items; otherwise paragraphs. */
function items(s: string): string[] {
  const t = clean(s);
  if (!t) return [];
  const bullets = t.split('\n').filter(l => /^\s*[-*+]\s+/.test(l));
  if (bullets.length && bullets.length === t.split('\n').filter(l => l.trim()).length) return bullets.map(l => l.replace(/^\s*[-*+]\s+/, '').trim()).filter(Boolean);
  return t.split(/\n\s*\n/).map(p => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean);
}

/** `- **Developed by:** Northwind` style lines of a section. */
function labelled(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of s.split('\n')) {
    const m = /^\s*[-*+]?\s*\*\*([^*:]+):?\*\*:?\s*(.*)$/.exec(l);
    if (m) { const v = clean(m[2]); if (v) out.set(m[1].replace(/\[optional\]|\([^)]*\)/gi, '').trim().toLowerCase(), v); }
  }
  return out;
}

class Reader {
  readonly used = new Set<CardSection>();
  readonly usedFront = new Set<string>();
  readonly labels = new Map<string, string>();
  constructor(readonly card: Card) {
    for (const s of card.sections) for (const [k, v] of labelled(s.body)) if (!this.labels.has(k)) this.labels.set(k, v);
  }
  /** The first section whose heading matches, marked as used. */
  section(re: RegExp): CardSection | undefined {
    const s = this.card.sections.find(x => re.test(x.heading));
    if (s) this.used.add(s);
    return s;
  }
  /** A section as prose: paragraphs kept, lines wrapped inside a paragraph joined. */
  text(re: RegExp): string {
    const s = this.section(re);
    return s ? clean(s.body).replace(/([^\n])\n(?!\s*(?:[-*+]\s|\n))(?=\S)/g, '$1 ') : '';
  }
  front(key: string): unknown {
    if (!(key in this.card.front)) return undefined;
    this.usedFront.add(key);
    return this.card.front[key];
  }
  label(name: string): string | undefined { return this.labels.get(name); }
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(x => typeof x === 'string' || typeof x === 'number').map(String);

export interface ImportContext {
  today: string;
  /** Record id; derived from the card's title when absent. */
  id?: string;
  /** Maps a Hugging Face dataset id to the id of a DataProvenance record that names it, if any. */
  datasetRecord?: (hubId: string) => string | undefined;
  /** Where the card came from, for the header comment. */
  source: string;
}

export interface ImportResult { kind: Kind; id: string; text: string; mapped: string[]; kept: string[] }

/** A ModelCard from a Hugging Face model card. */
export function importModelCard(text: string, ctx: ImportContext): ImportResult {
  const card = parseCard(text);
  const r = new Reader(card);
  const title = (card.title ?? '').replace(/^model card for\s+/i, '').trim() || String(r.front('model_name') ?? '') || 'Imported model';
  const id = ctx.id ?? suggestedId(title);
  const ops: FixOp[] = [{ op: 'set', path: ['title'], value: title }];
  const mapped: string[] = ['title'];
  const set = (path: (string | number)[], value: unknown, what: string) => { ops.push({ op: 'set', path, value }); mapped.push(what); };
  const dev = r.label('developed by');
  if (dev) set(['owner'], dev, 'owner (Developed by)');
  const uses = [r.text(/^direct use$/i), r.text(/^downstream use/i), r.text(/^intended uses?( & limitations)?$/i)].filter(Boolean);
  if (!uses.length) { const u = r.text(/^uses$/i); if (u) uses.push(u); }
  if (uses.length) set(['intended_use'], uses.join('\n\n'), 'intended_use (Uses)');
  const oos = items(r.section(/^out-of-scope use/i)?.body ?? '');
  if (oos.length) set(['out_of_scope_uses'], oos, 'out_of_scope_uses (Out-of-Scope Use)');
  const lim = [...items(r.section(/^bias, risks,? and limitations$/i)?.body ?? ''), ...items(r.section(/^limitations$/i)?.body ?? '')];
  if (lim.length) set(['limitations'], lim, 'limitations (Bias, Risks, and Limitations)');
  const type = r.label('model type');
  if (type) set(['model_type'], type, 'model_type (Model type)');
  const lib = r.front('library_name');
  if (typeof lib === 'string') set(['tooling'], [lib], 'tooling (library_name)');
  // datasets: the records that name the hub datasets; the others are kept in comments
  const hubSets = list(r.front('datasets'));
  const known = hubSets.map(d => ctx.datasetRecord?.(d)).filter((x): x is string => !!x);
  const unknownSets = hubSets.filter(d => !ctx.datasetRecord?.(d));
  if (known.length) set(['datasets'], [...new Set(known)], 'datasets (front matter datasets, by the records that name them)');
  const base = list(r.front('base_model'));
  if (base.length) set(['suppliers'], base.map(b => ({ name: b.includes('/') ? b.split('/')[0] : b, supplies: `base model ${b}` })), 'suppliers (base_model)');
  // model-index metrics
  const metrics: Record<string, unknown>[] = [];
  const mi = r.front('model-index');
  for (const m of Array.isArray(mi) ? mi : []) {
    for (const res of Array.isArray((m as Record<string, unknown>)?.results) ? (m as { results: unknown[] }).results : []) {
      const ds = ((res as Record<string, unknown>)?.dataset ?? {}) as Record<string, unknown>;
      const hub = typeof ds.type === 'string' ? ds.type : typeof ds.name === 'string' ? ds.name : '';
      for (const met of Array.isArray((res as Record<string, unknown>)?.metrics) ? (res as { metrics: unknown[] }).metrics : []) {
        const x = (met ?? {}) as Record<string, unknown>;
        const name = typeof x.name === 'string' ? x.name : typeof x.type === 'string' ? x.type : undefined;
        if (!name || (typeof x.value !== 'number' && typeof x.value !== 'string')) continue;
        const split = typeof ds.split === 'string' ? ` (${ds.split} split)` : '';
        metrics.push({ name: name + split, value: x.value, dataset: ctx.datasetRecord?.(hub) ?? (hub ? suggestedId(hub) : '') });
        if (hub && !ctx.datasetRecord?.(hub) && !unknownSets.includes(hub)) unknownSets.push(hub);
      }
    }
  }
  if (metrics.length) set(['evaluation', 'metrics'], metrics, 'evaluation.metrics (model-index)');
  const training = r.text(/^training data$/i);
  const notes: string[] = [];
  if (unknownSets.length) notes.push(`Hugging Face datasets no DataProvenance record names yet (import their cards with 'aims import hf-dataset-card'): ${unknownSets.join(', ')}`);
  if (training) notes.push(`Training data (card section, for datasets:):\n${training}`);
  return finish('ModelCard', id, ops, mapped, r, ctx, notes);
}

/** A DataProvenance record from a Hugging Face dataset card. */
export function importDatasetCard(text: string, ctx: ImportContext): ImportResult {
  const card = parseCard(text);
  const r = new Reader(card);
  const pretty = r.front('pretty_name');
  const title = (card.title ?? '').replace(/^dataset card for\s+/i, '').trim() || (typeof pretty === 'string' ? pretty : '') || 'Imported dataset';
  const id = ctx.id ?? suggestedId(title);
  const ops: FixOp[] = [{ op: 'set', path: ['title'], value: title }];
  const mapped: string[] = ['title'];
  const set = (path: (string | number)[], value: unknown, what: string) => { ops.push({ op: 'set', path, value }); mapped.push(what); };
  const curated = r.label('curated by');
  if (curated) set(['owner'], curated, 'owner (Curated by)');
  set(['source', 'name'], typeof pretty === 'string' ? pretty : title, 'source.name');
  const repo = r.label('repository');
  if (repo) set(['source', 'uri'], repo.replace(/^<|>$/g, ''), 'source.uri (Repository)');
  const shared = r.label('shared by') ?? curated;
  if (shared) set(['source', 'supplier'], shared, 'source.supplier (Shared by / Curated by)');
  const lic = list(r.front('license'));
  if (lic.length) set(['license'], lic.join(', '), 'license (front matter)');
  const annotation = r.text(/^annotation process$/i);
  const creators = list(r.front('annotations_creators'));
  const labelling = [annotation, creators.length ? `Annotations created by: ${creators.join(', ')}.` : ''].filter(Boolean).join('\n\n');
  if (labelling) set(['labelling'], labelling, 'labelling (Annotation process, annotations_creators)');
  const prep = items(r.section(/^data collection and processing$/i)?.body ?? '');
  if (prep.length) set(['preparation'], prep, 'preparation (Data Collection and Processing)');
  const bias = items(r.section(/^bias, risks,? and limitations$/i)?.body ?? '');
  if (bias.length) set(['known_bias'], bias, 'known_bias (Bias, Risks, and Limitations)');
  const size = list(r.front('size_categories'));
  if (size.length) set(['size'], size.join(', '), 'size (size_categories)');
  const producers = r.text(/^who are the source data producers\??$/i);
  if (producers) set(['data_subjects'], producers, 'data_subjects (Who are the source data producers?)');
  const hub = repo && /huggingface\.co\/datasets\/([^/\s]+\/[^/\s>]+)/.exec(repo);
  if (hub) set(['identifiers'], [hub[1]], 'identifiers (the hub id of the Repository)');
  const notes: string[] = [];
  const personal = r.text(/^personal and sensitive information$/i);
  if (personal) notes.push(`Personal and Sensitive Information (card section; answer contains_personal_data and legal_basis from it):\n${personal}`);
  return finish('DataProvenance', id, ops, mapped, r, ctx, notes);
}

function finish(kind: Kind, id: string, ops: FixOp[], mapped: string[], r: Reader, ctx: ImportContext, notes: string[]): ImportResult {
  const skeleton = skeletonRecord(kind, id, { today: ctx.today, comments: false });
  let text = applyFix(skeleton, { title: '', ops }).text;
  const kept: string[] = [];
  const lines: string[] = [];
  const push = (heading: string, body: string) => {
    lines.push(`# ${heading}`);
    for (const l of body.split('\n')) lines.push(l.trim() ? `#   ${l}` : '#');
  };
  if (r.card.frontProblem) push('Front matter (not read)', r.card.frontProblem);
  for (const [k, v] of Object.entries(r.card.front)) {
    if (r.usedFront.has(k)) continue;
    kept.push(`front matter ${k}`);
    push(`${k}:`, JSON.stringify(v));
  }
  for (const n of notes) { const [h, ...rest] = n.split('\n'); push(h, rest.join('\n')); }
  for (const s of r.card.sections) {
    if (r.used.has(s) || s.level === 1 && !clean(s.body)) continue;
    const body = clean(s.body);
    if (!body) continue;
    kept.push(s.heading || '(text before the first heading)');
    push(`${'#'.repeat(Math.max(s.level, 1))} ${s.heading || '(text before the first heading)'}`, body);
  }
  const header = [`# Imported from the Hugging Face ${kind === 'ModelCard' ? 'model' : 'dataset'} card ${oneLine(ctx.source)} on ${ctx.today}.`,
    '# Filled from the card: ' + mapped.join(', ') + '.',
    '# Everything else the card says is kept in comments at the end; empty fields are still to be written.'];
  text = header.join('\n') + '\n' + text;
  if (lines.length) text += '\n# ---------------------------------------------------------------------------------------------\n# From the card, without a field in this record:\n' + lines.map(oneLineComment).join('\n') + '\n';
  return { kind, id, text, mapped, kept };
}

const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
/** A comment line cannot end the comment: control characters and line separators become spaces. */
const oneLineComment = (l: string): string => oneLine(l).replace(/\s+$/, '');
