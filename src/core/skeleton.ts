// New records as YAML text: `aims new`, `aims init`, the extension's "New …" commands. Everything is
// generated from KIND_SPECS (and the catalogue for the Statement of Applicability), so a field added to
// the schema appears in every skeleton without touching this file. No vscode import, no file access:
// callers write the returned text.
//
// What a skeleton holds:
//   - every required and every recommended field, in schema order;
//   - apiVersion / kind / id filled in, status `draft`, `reviewed: <today>`, `review_by: <today + 1 year>`;
//   - empty but well-shaped values where a person has to write content: "" for strings, text, dates,
//     references and enums with a choice; [] for lists; nested mappings expanded with their required and
//     recommended keys (all keys when none is required or recommended); one blank item for lists of
//     mappings;
//   - yes/no fields (e.g. contains_personal_data) are left empty (null) rather than defaulted to false:
//     a skeleton must not answer a compliance question on the user's behalf, so the linter keeps asking
//     (required-field) until someone writes true or false.
// With `comments: true` every key gets a comment with its label, whether it is required or recommended,
// its description and the Annex A controls it evidences.
import { CONTROLS, GROUPS, ROLES, ROLE_TITLES, type Role } from './catalogue';
import { API_VERSION, KINDS, type Kind } from './model';
import { addYears, todayIso } from './rule';
import { ISO_DATE, KIND_SPECS, type Field } from './schema';

export interface SkeletonOptions {
  /** Date of creation, YYYY-MM-DD; defaults to today (AIMS_TODAY if set). Sets `reviewed`; `review_by` is one year later. */
  today?: string;
  owner?: string;
  title?: string;
  /** Describe every key in a comment line above it. */
  comments?: boolean;
}

export interface InitOptions {
  today?: string;
  owner?: string;
  /** Roles written to the config; defaults to DEFAULT_ROLES. */
  roles?: readonly Role[];
}

export const SOA_ID = 'statement-of-applicability';
export const SOA_TITLE = 'Statement of Applicability';
export const DEFAULT_ROLES: readonly Role[] = ['ai_producer', 'ai_provider'];

const WRAP = 100;

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function checkDate(d: string): string {
  if (!ISO_DATE.test(d) || Number.isNaN(Date.parse(d + 'T00:00:00Z')) || new Date(d + 'T00:00:00Z').toISOString().slice(0, 10) !== d) {
    throw new RangeError(`'${d}' is not a valid date in the form YYYY-MM-DD.`);
  }
  return d;
}

/**
 * `review_by` of a new record: the same calendar day one year after `today`. A 29 February becomes
 * 28 February of the next year (the last day of the same month), never 1 March (rule.ts addYears).
 */
export function nextReview(today: string): string {
  return addYears(checkDate(today), 1);
}

// ---------------------------------------------------------------------------------------------
// Data: what a skeleton parses to
// ---------------------------------------------------------------------------------------------

/**
 * The blank value a skeleton gives a field the user has to fill in (and the form a new list item):
 * required and recommended keys (all keys when none is), "" to fill in, null for yes/no and numbers so
 * that nothing answers a compliance question on the user's behalf.
 */
export function blankValue(f: Field): unknown {
  switch (f.type) {
    case 'list': return f.items.type === 'object' ? [blankObject(f.items.fields)] : [];
    case 'object': return blankObject(f.fields);
    case 'enum': return f.values.length === 1 ? f.values[0] : '';
    case 'boolean': case 'number': return null;
    default: return '';
  }
}

/** Keys a skeleton shows for a mapping: required and recommended ones, or all when there are none. */
function shownKeys(fields: Record<string, Field>): string[] {
  const keys = Object.keys(fields).filter(k => fields[k].required || fields[k].recommended);
  return keys.length ? keys : Object.keys(fields);
}

function blankObject(fields: Record<string, Field>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of shownKeys(fields)) o[k] = blankValue(fields[k]);
  return o;
}

function resolveToday(opts: { today?: string }): string {
  return checkDate(opts.today ?? todayIso());
}

/** The data a new record of `kind` holds (what `skeletonRecord` parses to). */
export function skeletonData(kind: Kind, id: string, opts: SkeletonOptions = {}): Record<string, unknown> {
  if (kind === 'Applicability') return applicabilityData({ ...opts, id });
  const today = resolveToday(opts);
  const fields = KIND_SPECS[kind].fields;
  const data: Record<string, unknown> = {};
  for (const k of Object.keys(fields).filter(k => fields[k].required || fields[k].recommended)) data[k] = blankValue(fields[k]);
  return { ...data, ...header(kind, id, today, opts) };
}

function header(kind: Kind, id: string, today: string, opts: SkeletonOptions): Record<string, unknown> {
  return {
    apiVersion: API_VERSION, kind, id, title: opts.title ?? '', owner: opts.owner ?? '',
    status: 'draft', reviewed: today, review_by: nextReview(today),
  };
}

function applicabilityData(opts: SkeletonOptions & { id?: string }): Record<string, unknown> {
  const today = resolveToday(opts);
  const fields = KIND_SPECS.Applicability.fields;
  const data: Record<string, unknown> = {};
  for (const k of Object.keys(fields).filter(k => fields[k].required || fields[k].recommended)) data[k] = blankValue(fields[k]);
  Object.assign(data, header('Applicability', opts.id ?? SOA_ID, today, { ...opts, title: opts.title ?? SOA_TITLE }));
  data.controls = CONTROLS.map(c => ({ id: c.id, applicable: true, justification: '', status: 'not-started', owner: '', evidence: [] }));
  return data;
}

// ---------------------------------------------------------------------------------------------
// YAML text
// ---------------------------------------------------------------------------------------------

const YAML_WORDS = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A string as a YAML scalar: plain where that is unambiguous, else double-quoted (JSON escapes are valid YAML). */
function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  if (ISO_DATE.test(s)) return s; // the core schema has no timestamp type: a date stays a string
  if (/^[A-Za-z][A-Za-z0-9 ._/()'-]*$/.test(s) && !/\s$/.test(s) && !s.includes(' #') && !YAML_WORDS.test(s)) return s;
  return JSON.stringify(s);
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function commentLines(indent: string, text: string): string[] {
  return wrap(text, Math.max(40, WRAP - indent.length - 2)).map(l => `${indent}# ${l}`);
}

/**
 * The comment describing one key: label, obligation, description, controls. edit.ts finds these
 * exact lines again to remove them with the placeholder they explain once it is filled in.
 */
export function fieldComment(f: Field, indent: string): string[] {
  const flag = f.required ? ' (required)' : f.recommended ? ' (recommended)' : '';
  const lines = commentLines(indent, `${f.label}${flag}: ${f.description}`);
  if (f.type === 'enum' && f.values.length > 1 && !f.description.includes(f.values.join(' | '))) lines.push(...commentLines(indent, `One of: ${f.values.join(' | ')}`));
  if (f.controls && f.controls.length) lines.push(`${indent}# Annex A: ${f.controls.join(', ')}`);
  return lines;
}

interface Emit { lines: string[]; comments: boolean }

function emitMapping(e: Emit, obj: Record<string, unknown>, fields: Record<string, Field> | undefined, indent: number, itemDash = false): void {
  const keys = Object.keys(obj);
  keys.forEach((k, i) => {
    const pad = ' '.repeat(indent);
    const first = itemDash && i === 0;
    const f = fields?.[k];
    // the comment of an item's first key stands above the `- `, aligned with it
    if (e.comments && f) e.lines.push(...fieldComment(f, first ? ' '.repeat(indent - 2) : pad));
    const lead = first ? `${' '.repeat(indent - 2)}- ` : pad;
    emitValue(e, `${lead}${k}:`, obj[k], f, indent);
  });
  if (e.comments && fields) {
    // keys the skeleton leaves out (neither required nor recommended): named, so nothing is hidden
    const pad = ' '.repeat(indent);
    for (const [k, f] of Object.entries(fields)) if (!(k in obj)) e.lines.push(...optionalComment(k, f, pad));
  }
}

/** The comment naming an optional key a skeleton leaves out (removed by edit.ts once the key is added). */
export function optionalComment(key: string, f: Field, indent: string): string[] {
  const lines = commentLines(indent, `Optional, add when it applies: ${key} (${f.label}): ${f.description}`);
  if (f.controls && f.controls.length) lines.push(`${indent}# Annex A: ${f.controls.join(', ')}`);
  return lines;
}

function emitValue(e: Emit, prefix: string, v: unknown, f: Field | undefined, indent: number): void {
  if (Array.isArray(v)) {
    if (!v.length) { e.lines.push(`${prefix} []`); return; }
    e.lines.push(prefix);
    const itemField = f?.type === 'list' ? f.items : undefined;
    for (const item of v) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        emitMapping(e, item as Record<string, unknown>, itemField?.type === 'object' ? itemField.fields : undefined, indent + 4, true);
      } else {
        e.lines.push(`${' '.repeat(indent + 2)}- ${scalar(item)}`);
      }
    }
    return;
  }
  if (v && typeof v === 'object') {
    if (!Object.keys(v).length) { e.lines.push(`${prefix} {}`); return; }
    e.lines.push(prefix);
    emitMapping(e, v as Record<string, unknown>, f?.type === 'object' ? f.fields : undefined, indent + 2);
    return;
  }
  e.lines.push(`${prefix} ${scalar(v)}`);
}

function kindHeader(kind: Kind): string[] {
  const spec = KIND_SPECS[kind];
  const lines = commentLines('', `${spec.title}: ${spec.description}`);
  if (spec.controls.length) lines.push(`# Annex A (the record as a whole): ${spec.controls.join(', ')}`);
  lines.push('# Every key is documented in docs/record-format.md; `aims lint` checks the file.');
  return lines;
}

/** YAML text of a new record of `kind` with the given id (see the file header for what it holds). */
export function skeletonRecord(kind: Kind, id: string, opts: SkeletonOptions = {}): string {
  if (kind === 'Applicability') return skeletonApplicability({ ...opts, id });
  const e: Emit = { lines: opts.comments ? kindHeader(kind) : [], comments: !!opts.comments };
  emitMapping(e, skeletonData(kind, id, opts), KIND_SPECS[kind].fields, 0);
  return e.lines.join('\n') + '\n';
}

/**
 * The Statement of Applicability listing all 38 Annex A controls in catalogue order, each applicable,
 * not started, with an empty justification, owner and evidence, and a `# A.x.y <title>` line above it.
 */
export function skeletonApplicability(opts: SkeletonOptions & { id?: string } = {}): string {
  const data = applicabilityData(opts);
  const fields = KIND_SPECS.Applicability.fields;
  const e: Emit = { lines: opts.comments ? kindHeader('Applicability') : [], comments: !!opts.comments };
  const { controls, ...rest } = data;
  const { controls: list, ...restFields } = fields;
  emitMapping(e, rest, restFields, 0);

  if (e.comments) {
    e.lines.push(...fieldComment(list, ''));
    if (list.type === 'list' && list.items.type === 'object') {
      e.lines.push('# Each entry:');
      for (const [k, f] of Object.entries(list.items.fields)) {
        const flag = f.required ? ' (required)' : f.recommended ? ' (recommended)' : '';
        e.lines.push(...commentLines('  ', `${k}${flag}: ${f.description}`));
      }
    }
  }
  e.lines.push('controls:');
  const itemFields = list.type === 'list' && list.items.type === 'object' ? list.items.fields : undefined;
  const groupTitle = new Map<string, string>();
  for (const g of GROUPS) {
    groupTitle.set(g.id, g.title);
    for (const s of g.subgroups ?? []) groupTitle.set(s.id, s.title);
  }
  let lastHeading = '';
  for (const entry of controls as Record<string, unknown>[]) {
    const c = CONTROLS.find(x => x.id === entry.id)!;
    const heading = c.subgroup ?? c.group;
    if (e.comments && heading !== lastHeading) {
      if (lastHeading) e.lines.push('');
      e.lines.push(`  # ${heading} ${groupTitle.get(heading) ?? ''}`.trimEnd());
      lastHeading = heading;
    }
    e.lines.push(`  # ${c.id} ${c.title}`);
    emitMapping({ lines: e.lines, comments: false }, entry, itemFields, 4, true);
  }
  return e.lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// aims init
// ---------------------------------------------------------------------------------------------

/** What each ISO/IEC 22989 role means for the organization, in our words (config comments). */
const ROLE_NOTES: Record<Role, string> = {
  ai_provider: 'offers products or services that use AI systems',
  ai_producer: 'designs, develops, tests and deploys AI systems',
  ai_customer: 'uses AI products or services, itself or for its own customers',
  ai_partner: 'integrates, supplies data to, evaluates or audits AI systems of others',
  ai_subject: 'is affected by AI systems (e.g. its data or decisions about it)',
  relevant_authorities: 'regulates or oversees AI systems',
};

/** The commented aims/aims.config.yaml that `aims init` writes. */
export function defaultConfigText(opts: { roles?: readonly Role[] } = {}): string {
  const roles = opts.roles && opts.roles.length ? opts.roles : DEFAULT_ROLES;
  const w = Math.max(...ROLES.map(r => r.length));
  return [
    '# AIMS configuration. Every key is optional; delete a key to get its default.',
    '# See docs/configuration.md.',
    '',
    '# Which files under aims/ are records: minimatch globs, relative to the aims/ folder.',
    '# Default: all YAML files.',
    'include:',
    '  - "**/*.yaml"',
    '  - "**/*.yml"',
    '',
    '# Files under aims/ that are not records (globs relative to aims/), e.g. "drafts/**".',
    'exclude: []',
    '',
    '# Severity per rule id: error | warning | info | off. `aims rules` lists every rule id and its',
    '# default severity. To change some, replace {} with a mapping, for example:',
    '#   rules:',
    '#     recommended-field: off',
    '#     review-overdue: error',
    'rules: {}',
    '',
    '# The roles the organization holds with respect to its AI systems (ISO/IEC 22989, clause 5.19).',
    '# They decide which Annex A controls an auditor expects to see applied: excluding one of those in',
    '# the Statement of Applicability needs a strong justification. Roles:',
    ...ROLES.map(r => `#   ${r.padEnd(w)}  ${ROLE_TITLES[r]}: ${ROLE_NOTES[r]}`),
    `roles: [${roles.join(', ')}]`,
    '',
    '# Code scanned for the datasets and models it loads (rules untracked-dataset, untracked-model,',
    '# unresolved-load): globs relative to the repository root. Default: every Python file and notebook',
    '# outside virtual environments, node_modules and build folders. Each list replaces its default:',
    '#   code:',
    '#     include: ["src/**/*.py", "notebooks/**/*.ipynb"]',
    '#     exclude: ["src/vendor/**"]',
    '',
  ].join('\n');
}

/** An id of the kind's sort, for prompts ("e.g. …"): a dataset is not named like a model. */
export const EXAMPLE_IDS: Readonly<Record<Kind, string>> = {
  ModelCard: 'credit-risk-model',
  DataProvenance: 'loan-applications-2024',
  ImpactAssessment: 'credit-risk-model-impact',
  Applicability: SOA_ID,
};

export function kindToKebab(kind: Kind): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Workspace-relative path of a record of `kind` with file name `<name>.yaml`. */
export function recordPath(kind: Kind, name: string): string {
  const folder = KIND_SPECS[kind].folder.replace(/^\.\/?|\/+$/g, '');
  return ['aims', folder, `${name}.yaml`].filter(Boolean).join('/');
}

/** Everything `aims init` writes, paths relative to the workspace root. */
export function initFiles(opts: InitOptions = {}): { path: string; text: string }[] {
  const common: SkeletonOptions = { today: opts.today, owner: opts.owner, comments: true };
  const files = [
    { path: 'aims/aims.config.yaml', text: defaultConfigText({ roles: opts.roles }) },
    { path: recordPath('Applicability', SOA_ID), text: skeletonApplicability(common) },
  ];
  for (const kind of KINDS) {
    if (kind === 'Applicability') continue;
    const name = `example-${kindToKebab(kind)}`;
    files.push({ path: recordPath(kind, name), text: skeletonRecord(kind, name, { ...common, title: `Example ${KIND_SPECS[kind].title.toLowerCase()}` }) });
  }
  return files;
}
